// Trains the multilingual topic model: one linear layer over hashed word and character n-gram
// features (shared/classify/hashed-features.ts), trained on SIB-200's train sentences in all 15
// languages (labelled through data/sib200/SOURCE.md's mapping, plus eng_14's finer label of the same
// sentence) and the project's own English text; calibrated per language on out-of-fold scores.
import { createHash } from 'node:crypto';
import { hashedVector } from '../../shared/classify/hashed-features.ts';
import { encodeWeights, quantizeWeights, sigmoid } from '../../shared/classify/model.ts';
import { multilingualLogits, type LanguageCalibration, type MultilingualArtifact } from '../../shared/classify/multilingual.ts';
import { fitLogistic, precisionThreshold } from './calibrate.ts';
import type { TopLevelTopic, TrainingDoc } from './corpus.ts';
import { trainOneVsRest, type SparseExample } from './logistic.ts';
import { SIB_LANGUAGES, SIB_TO_IPTC, sibSplit } from './sib200.ts';

export interface MultilingualConfig {
  version: string;
  /** A power of two. */
  buckets: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Out-of-fold scores for calibration: the SIB sentences are split in this many folds by index_id. */
  folds: number;
  targetPrecision: number;
  /** Weight of a project-written English example against a SIB sentence's 1. */
  projectTextWeight: number;
}

export interface MultilingualDoc {
  /** SIB's index_id (the same sentence in every language), or null for the project's own text. */
  id: string | null;
  language: string;
  title: string | null;
  text: string;
  labels: string[];
}

// eng_14's classes that SIB-200's 7 do not have: its sentences of these classes are not SIB sentences at
// all (SIB dropped them), so they cannot be in SIB's test split; its science and technology sentences
// outside SIB's train split might be, and are left out.
const ENG14_ONLY = new Set(['business', 'crime', 'disasters', 'education', 'religion', 'nature']);

/**
 * SIB-200's train sentences in every language, labelled with their topic's IPTC code, and eng_14's
 * English train sentences of the classes SIB lacks (business, crime, disasters...).
 */
export function sibTrainingDocs(): MultilingualDoc[] {
  const sib = Object.entries(SIB_LANGUAGES).flatMap(([language, folder]) =>
    sibSplit(folder, 'train').map((s) => ({ id: s.id, language, title: null, text: s.text, labels: labelsOf(s.category) })),
  );
  const finer = sibSplit('eng_14', 'train')
    .filter((s) => ENG14_ONLY.has(s.category))
    .map((s) => ({ id: `eng_14:${s.id}`, language: 'en', title: null, text: s.text, labels: labelsOf(s.category) }));
  return [...sib, ...finer];
}

function labelsOf(category: string): string[] {
  const code = SIB_TO_IPTC[category];
  return code ? [code] : [];
}

/** The project's English training text (its whole articles stay out: the English model holds them aside). */
export function projectDocs(docs: TrainingDoc[]): MultilingualDoc[] {
  return docs.filter((d) => d.source === 'seed').map((d) => ({ id: null, language: 'en', title: d.title, text: d.text, labels: d.labels }));
}

function foldOf(id: string, folds: number): number {
  return createHash('sha1').update(id).digest().readUInt32BE(0) % folds;
}

function train(docs: MultilingualDoc[], classes: TopLevelTopic[], config: MultilingualConfig, seed: number) {
  const index = new Map(classes.map((c, i) => [c.code, i]));
  const examples: SparseExample[] = docs.map((doc) => ({
    ...hashedVector(doc.title, doc.text, config.buckets),
    positives: doc.labels.map((code) => index.get(code)!),
    weight: doc.id === null ? config.projectTextWeight : 1,
  }));
  return trainOneVsRest(examples, config.buckets, classes.length, { ...config, seed });
}

export interface LanguageReport {
  sentences: number;
  /** Out-of-fold top-1 on the sentences with a mapped SIB topic (a training-split figure, not dev). */
  outOfFoldTop1: number;
  threshold: number;
  labelsAtThreshold: number;
}

/**
 * Per language, the logistic scaling of out-of-fold logits (every SIB sentence scored by a model that
 * did not see it in any language: folds split by index_id) and the threshold above which
 * `targetPrecision` of the labels were right.
 */
function calibrate(docs: MultilingualDoc[], logitsOf: Float32Array[], classes: TopLevelTopic[], config: MultilingualConfig) {
  const calibration: Record<string, LanguageCalibration> = {};
  const report: Record<string, LanguageReport> = {};
  for (const language of [...new Set(docs.filter((d) => d.id !== null).map((d) => d.language))]) {
    const rows = docs.map((doc, i) => ({ doc, z: logitsOf[i] })).filter((r) => r.doc.language === language && r.doc.id !== null);
    const fit = fitLogistic(rows.flatMap(({ doc, z }) => classes.map((c, k) => ({ features: [z[k]], correct: doc.labels.includes(c.code) }))));
    const slope = fit.coefficients[0];
    const intercept = fit.intercept;
    const scored = rows.flatMap(({ doc, z }) => classes.map((c, k) => ({ score: sigmoid(slope * z[k] + intercept), correct: doc.labels.includes(c.code) })));
    const threshold = precisionThreshold(scored, config.targetPrecision);
    calibration[language] = { slope: round(slope), intercept: round(intercept), threshold };
    const mapped = rows.filter(({ doc }) => doc.labels.length > 0);
    const right = mapped.filter(({ doc, z }) => doc.labels.includes(classes[z.indexOf(Math.max(...z))].code)).length;
    report[language] = {
      sentences: rows.length,
      outOfFoldTop1: round(right / mapped.length),
      threshold,
      labelsAtThreshold: scored.filter((s) => s.score >= threshold).length,
    };
  }
  return { calibration, report };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function trainMultilingualModel(classes: TopLevelTopic[], docs: MultilingualDoc[], config: MultilingualConfig) {
  const sib = docs.filter((d) => d.id !== null);
  const outOfFold = new Array<Float32Array>(docs.length);
  for (let fold = 0; fold < config.folds; fold++) {
    const inFold = (doc: MultilingualDoc) => doc.id !== null && foldOf(doc.id, config.folds) === fold;
    const { weights, bias } = train(docs.filter((d) => !inFold(d)), classes, config, config.seed + fold + 1);
    // Scored as shipped: with quantised weights.
    const quantized = quantizeWeights(weights);
    const layer = { classes, weights: quantized.weights, weightScale: quantized.weightScale, bias };
    docs.forEach((doc, i) => {
      if (inFold(doc)) outOfFold[i] = multilingualLogits({ layer, buckets: config.buckets }, doc.title, doc.text);
    });
  }
  const scoredDocs = docs.filter((_, i) => outOfFold[i]);
  const { calibration, report } = calibrate(scoredDocs, outOfFold.filter(Boolean), classes, config);
  const { weights, bias } = train(docs, classes, config, config.seed);
  const quantized = quantizeWeights(weights);
  const artifact: MultilingualArtifact = {
    version: config.version,
    languages: Object.keys(calibration),
    classes,
    buckets: config.buckets,
    weights: encodeWeights(quantized.weights),
    weightScale: quantized.weightScale,
    bias: Array.from(bias, round),
    calibration,
    training: {
      sources: {
        sib200Train: 'SIB-200 train split, 15 languages, CC BY-SA 4.0 (Adelani et al., EACL 2024)',
        sentences: sib.length,
        projectText: docs.length - sib.length,
      },
      epochs: config.epochs,
      learningRate: config.learningRate,
      l2: config.l2,
      seed: config.seed,
      folds: config.folds,
      targetPrecision: config.targetPrecision,
      projectTextWeight: config.projectTextWeight,
    },
  };
  return { artifact, report };
}
