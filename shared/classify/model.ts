import { articleTerms, unitVector } from './text-features.ts';

/** The committed, versioned model file (shared/classify/model/iptc-topics.json). */
export interface ModelArtifact {
  version: string;
  /** ISO 639-1 languages the model was trained on; other languages get no IPTC label. */
  languages: string[];
  classes: { code: string; label: string }[];
  /** Terms joined by "\n"; term i owns weights[i * classes.length ...]. */
  vocabulary: string;
  /** Base64 of little-endian Int16 weights, multiplied by weightScale when decoded. */
  weights: string;
  weightScale: number;
  bias: number[];
  calibration: Calibration;
  /** Calibrated score from which labels were right >= 90% of the time on held-aside data. */
  threshold: number;
  training: Record<string, unknown>;
}

/**
 * Platt scalings fitted on held-aside data: one for the whole article's logit for a topic, one for the
 * best logit any single paragraph gets for it.
 */
export interface Calibration {
  article: { slope: number; intercept: number };
  paragraph: { slope: number; intercept: number };
}

export interface LinearModel {
  version: string;
  languages: string[];
  classes: { code: string; label: string }[];
  vocabulary: Map<string, number>;
  /** Quantised weights, used as stored: decoding to floats would cost more load time than it saves. */
  weights: Int16Array;
  weightScale: number;
  bias: Float32Array;
  calibration: Calibration;
  threshold: number;
}

export function decodeModel(artifact: ModelArtifact): LinearModel {
  const terms = artifact.vocabulary.split('\n');
  const bytes = Buffer.from(artifact.weights, 'base64');
  const weights = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const expected = terms.length * artifact.classes.length;
  if (weights.length !== expected) {
    throw new Error(`model ${artifact.version}: ${weights.length} weights, expected ${expected}`);
  }
  return {
    version: artifact.version,
    languages: artifact.languages,
    classes: artifact.classes,
    vocabulary: new Map(terms.map((term, i) => [term, i])),
    weights,
    weightScale: artifact.weightScale,
    bias: Float32Array.from(artifact.bias),
    calibration: artifact.calibration,
    threshold: artifact.threshold,
  };
}

export function quantizeWeights(weights: Float32Array): { weights: Int16Array; weightScale: number } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const weightScale = max > 0 ? max / 32767 : 1;
  return { weights: Int16Array.from(weights, (w) => Math.round(w / weightScale)), weightScale };
}

export function encodeWeights(weights: Int16Array): string {
  return Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength).toString('base64');
}

/** Raw per-class logits for one feature vector. */
export function logits(model: LinearModel, indices: Int32Array, values: Float32Array): Float32Array {
  const k = model.classes.length;
  const out = Float32Array.from(model.bias);
  for (let j = 0; j < indices.length; j++) {
    const row = indices[j] * k;
    const x = values[j] * model.weightScale;
    for (let c = 0; c < k; c++) out[c] += x * model.weights[row + c];
  }
  return out;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Per-class logits of the whole article and the best per paragraph (the whole's when it has one paragraph). */
export function articleLogits(model: LinearModel, title: string | null, text: string): { article: Float32Array; paragraph: Float32Array } {
  const terms = articleTerms(title, text, (term) => model.vocabulary.get(term));
  const vector = (counts: Map<number, number>) => {
    const { indices, values } = unitVector(counts);
    return logits(model, indices, values);
  };
  const article = vector(terms.whole);
  if (terms.paragraphs.length < 2) return { article, paragraph: article };
  const paragraph = new Float32Array(article.length).fill(-Infinity);
  for (const counts of terms.paragraphs) {
    vector(counts).forEach((z, c) => {
      if (z > paragraph[c]) paragraph[c] = z;
    });
  }
  return { article, paragraph };
}

export interface ClassScores {
  /** Score per class, in the model's class order. */
  scores: Float32Array;
  /** The whole article's own calibrated probability per class: which topic leads among equal scores. */
  articleScores: Float32Array;
}

/**
 * A topic's score is the larger of the whole article's calibrated probability and its best single
 * paragraph's, so a topic that fills one paragraph of an article about something else still shows;
 * the paragraph route is capped at the article's leading topic, which therefore stays first.
 */
export function combineScores(calibration: Calibration, article: Float32Array, paragraph: Float32Array): ClassScores {
  const { article: a, paragraph: p } = calibration;
  const articleScores = article.map((z) => sigmoid(a.slope * z + a.intercept));
  const lead = Math.max(...articleScores);
  const scores = articleScores.map((s, c) => Math.max(s, Math.min(lead, sigmoid(p.slope * paragraph[c] + p.intercept))));
  return { scores, articleScores };
}

export function classScores(model: LinearModel, title: string | null, text: string): ClassScores {
  const { article, paragraph } = articleLogits(model, title, text);
  return combineScores(model.calibration, article, paragraph);
}
