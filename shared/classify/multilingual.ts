import { hashedVector } from './hashed-features.ts';
import { logits, sigmoid, type LinearLayer } from './model.ts';

/**
 * The committed multilingual model file (shared/classify/model/multilingual/iptc-multilingual.json,
 * CC BY-SA 4.0: it learns from SIB-200): one linear layer over hashed word and character n-gram
 * features, shared by every language, with a calibration and a threshold per language.
 */
export interface MultilingualArtifact {
  version: string;
  languages: string[];
  classes: { code: string; label: string }[];
  /** Feature buckets (a power of two); bucket i owns weights[i * classes.length ...]. */
  buckets: number;
  /** Base64 of little-endian Int16 weights, multiplied by weightScale when decoded. */
  weights: string;
  weightScale: number;
  bias: number[];
  /** Per language: a logistic scaling of the raw logit and the score from which labels were right >= 90 % of the time. */
  calibration: Record<string, LanguageCalibration>;
  training: Record<string, unknown>;
}

export interface LanguageCalibration {
  slope: number;
  intercept: number;
  threshold: number;
}

export interface MultilingualModel {
  version: string;
  languages: string[];
  classes: { code: string; label: string }[];
  buckets: number;
  /** The linear layer, read by the same scoring code as the English model's term part. */
  layer: LinearLayer;
  calibration: Record<string, LanguageCalibration>;
}

export function decodeMultilingual(artifact: MultilingualArtifact): MultilingualModel {
  const bytes = Buffer.from(artifact.weights, 'base64');
  const weights = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const expected = artifact.buckets * artifact.classes.length;
  if (weights.length !== expected) throw new Error(`model ${artifact.version}: ${weights.length} weights, expected ${expected}`);
  return {
    version: artifact.version,
    languages: artifact.languages,
    classes: artifact.classes,
    buckets: artifact.buckets,
    layer: { classes: artifact.classes, weights, weightScale: artifact.weightScale, bias: Float32Array.from(artifact.bias) },
    calibration: artifact.calibration,
  };
}

/** Raw per-class logits of an article. */
export function multilingualLogits(model: Pick<MultilingualModel, 'layer' | 'buckets'>, title: string | null, text: string): Float32Array {
  const { indices, values } = hashedVector(title, text, model.buckets);
  return logits(model.layer, indices, values);
}

/** Calibrated score per class (the model's class order) for an article in `language`, one the model reads. */
export function multilingualScores(model: MultilingualModel, language: string, title: string | null, text: string): Float32Array {
  const calibration = model.calibration[language];
  if (!calibration) throw new Error(`model ${model.version} has no calibration for language "${language}"`);
  return multilingualLogits(model, title, text).map((z) => sigmoid(calibration.slope * z + calibration.intercept));
}
