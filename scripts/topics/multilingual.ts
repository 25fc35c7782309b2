// Trains the multilingual topic model: one linear layer over hashed word and character n-gram
// features (shared/classify/hashed-features.ts), trained on SIB-200's train sentences in all 15
// languages (labelled through data/sib200/SOURCE.md's mapping, plus eng_14's finer label of the same
// sentence), the project's own English text and its topic lexicons in the other 14 languages;
// calibrated per language on out-of-fold scores.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dataPath } from '../data-paths.ts';
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
  /** Weight of an example cut from the project's lexicons in other languages against a SIB sentence's 1. */
  lexiconWeight: number;
}

export interface MultilingualDoc {
  /** SIB's index_id (the same sentence in every language), or null for the project's own text. */
  id: string | null;
  language: string;
  title: string | null;
  text: string;
  labels: string[];
  /** A few terms of the project's lexicons in other languages (data/topics-seed/languages). */
  lexicon?: boolean;
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

const lexiconDir = dataPath('topics-seed', 'languages');

// A lexicon line is cut into examples of this many terms: one 25-term example per topic would be one
// example against the 701 SIB sentences that are negatives of that topic in its language.
const TERMS_PER_EXAMPLE = 4;

/**
 * The project's topic lexicons in the other languages, `<language>.txt` with a line per IPTC topic,
 * "04000000: Wirtschaft, Unternehmen, ...": each line cut into examples of its topic in that language,
 * so that the 11 topics SIB-200 lacks are not learned from English text alone.
 */
export function lexiconDocs(dir = lexiconDir): MultilingualDoc[] {
  return readdirSync(dir)
    .filter((file) => /^[a-z]{2}\.txt$/.test(file))
    .sort()
    .flatMap((file) =>
      readFileSync(`${dir}/${file}`, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#'))
        .flatMap((line) => {
          const match = line.match(/^(\d{8}):\s*(.+)$/);
          if (!match) throw new Error(`${file}: a lexicon line is "<8-digit code>: terms", not "${line.slice(0, 40)}"`);
          const terms = match[2].split(',').map((term) => term.trim());
          return Array.from({ length: Math.ceil(terms.length / TERMS_PER_EXAMPLE) }, (_, i) => ({
            id: null,
            language: file.slice(0, 2),
            title: null,
            text: terms.slice(i * TERMS_PER_EXAMPLE, (i + 1) * TERMS_PER_EXAMPLE).join(', '),
            labels: [`medtop:${match[1]}`],
            lexicon: true,
          }));
        }),
    );
}

function foldOf(id: string, folds: number): number {
  return createHash('sha1').update(id).digest().readUInt32BE(0) % folds;
}

function train(docs: MultilingualDoc[], classes: TopLevelTopic[], config: MultilingualConfig, seed: number) {
  const index = new Map(classes.map((c, i) => [c.code, i]));
  const examples: SparseExample[] = docs.map((doc) => ({
    ...hashedVector(doc.title, doc.text, config.buckets),
    positives: doc.labels.map((code) => index.get(code)!),
    weight: doc.lexicon ? config.lexiconWeight : doc.id === null ? config.projectTextWeight : 1,
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
        projectText: docs.filter((d) => d.id === null && !d.lexicon).length,
        projectLexiconExamples: docs.filter((d) => d.lexicon).length,
      },
      epochs: config.epochs,
      learningRate: config.learningRate,
      l2: config.l2,
      seed: config.seed,
      folds: config.folds,
      targetPrecision: config.targetPrecision,
      projectTextWeight: config.projectTextWeight,
      lexiconWeight: config.lexiconWeight,
    },
  };
  return { artifact, report };
}
