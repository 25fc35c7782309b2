import { articleTerms, articleWordCounts, articleWords, unitVector } from './text-features.ts';

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
  /** Absent in a model trained without word vectors. */
  wordPart?: WordPartArtifact;
  training: Record<string, unknown>;
}

/**
 * A linear model over the mean of an article's word vectors, folded into one weight per word and
 * class (the model applied to that word's vector), so the vectors themselves need not ship. It carries
 * what the training text taught about a topic over to words the training text never used.
 */
export interface WordPartArtifact {
  /** Words joined by "\n"; word i owns weights[i * classes.length ...]. */
  words: string;
  /** Base64 of little-endian Int16 weights, multiplied by weightScale when decoded. */
  weights: string;
  weightScale: number;
}

/**
 * Logistic scalings fitted on held-aside data: one for the whole article (its term logit and, when the
 * model has a word part, that part's logit, each with its own weight), one for the best logit any
 * single paragraph's terms get.
 */
export interface Calibration {
  article: { slope: number; intercept: number; wordSlope?: number };
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
  wordPart?: WordPart;
}

export interface WordPart {
  vocabulary: Map<string, number>;
  weights: Int16Array;
  weightScale: number;
}

function decodeTable(what: string, terms: string[], base64: string, classCount: number): Int16Array {
  const bytes = Buffer.from(base64, 'base64');
  const weights = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const expected = terms.length * classCount;
  if (weights.length !== expected) throw new Error(`${what}: ${weights.length} weights, expected ${expected}`);
  return weights;
}

export function decodeModel(artifact: ModelArtifact): LinearModel {
  const terms = artifact.vocabulary.split('\n');
  const k = artifact.classes.length;
  const weights = decodeTable(`model ${artifact.version}`, terms, artifact.weights, k);
  const part = artifact.wordPart;
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
    wordPart: part && decodeWordPart(`model ${artifact.version} word part`, part, k),
  };
}

function decodeWordPart(what: string, part: WordPartArtifact, classCount: number): WordPart {
  const words = part.words.split('\n');
  return {
    vocabulary: new Map(words.map((word, i) => [word, i])),
    weights: decodeTable(what, words, part.weights, classCount),
    weightScale: part.weightScale,
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

/** A linear layer: one weight per feature and class, and a bias per class. */
export type LinearLayer = Pick<LinearModel, 'classes' | 'weights' | 'weightScale' | 'bias'>;

/** Raw per-class logits for one feature vector. */
export function logits(model: LinearLayer, indices: Int32Array, values: Float32Array): Float32Array {
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

/** Adds the word part's logits for word counts keyed by its vocabulary: the mean of the words' weights. */
function addWordPartLogits(part: WordPart, counts: Map<number, number>, out: Float32Array): void {
  const k = out.length;
  let total = 0;
  for (const n of counts.values()) total += n;
  if (total === 0) return;
  const scale = part.weightScale / total;
  for (const [index, n] of counts) {
    const row = index * k;
    const x = n * scale;
    for (let c = 0; c < k; c++) out[c] += x * part.weights[row + c];
  }
}

export interface ArticleLogits {
  /** Per class: the whole article's terms. */
  article: Float32Array;
  /** Per class: the word part over the whole article (zeros without one). */
  words: Float32Array;
  /** Per class: the best of any paragraph's terms (the article's when it has one paragraph). */
  paragraph: Float32Array;
}

export function articleLogits(model: LinearModel, title: string | null, text: string): ArticleLogits {
  const words = articleWords(title, text);
  const terms = articleTerms(words, (term) => model.vocabulary.get(term));
  const termLogits = (counts: Map<number, number>) => {
    const { indices, values } = unitVector(counts);
    return logits(model, indices, values);
  };
  const article = termLogits(terms.whole);
  const wordLogits = new Float32Array(article.length);
  const part = model.wordPart;
  if (part) {
    // Counted by word first: an article repeats its words, and each distinct one is then looked up once.
    const counts = new Map<number, number>();
    for (const [word, n] of articleWordCounts(words, (word) => word)) {
      const index = part.vocabulary.get(word);
      if (index !== undefined) counts.set(index, n);
    }
    addWordPartLogits(part, counts, wordLogits);
  }
  if (terms.paragraphs.length < 2) return { article, words: wordLogits, paragraph: article };
  const paragraph = new Float32Array(article.length).fill(-Infinity);
  for (const counts of terms.paragraphs) {
    termLogits(counts).forEach((z, c) => {
      if (z > paragraph[c]) paragraph[c] = z;
    });
  }
  return { article, words: wordLogits, paragraph };
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
export function combineScores(calibration: Calibration, { article, words, paragraph }: ArticleLogits): ClassScores {
  const { article: a, paragraph: p } = calibration;
  const wordSlope = a.wordSlope ?? 0;
  const articleScores = article.map((z, c) => sigmoid(a.slope * z + wordSlope * words[c] + a.intercept));
  // One paragraph: the article route says it all (the paragraph scaling is fitted on longer texts).
  const paragraphScores = paragraph === article ? articleScores : paragraph.map((z) => sigmoid(p.slope * z + p.intercept));
  const lead = articleScores.indexOf(Math.max(...articleScores));
  const cap = Math.max(articleScores[lead], paragraphScores[lead]);
  const scores = articleScores.map((s, c) => Math.max(s, Math.min(cap, paragraphScores[c])));
  return { scores, articleScores };
}

export function classScores(model: LinearModel, title: string | null, text: string): ClassScores {
  return combineScores(model.calibration, articleLogits(model, title, text));
}
