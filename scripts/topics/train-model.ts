import { createHash } from 'node:crypto';
import { articleLogits, combineScores, decodeModel, encodeWeights, quantizeWeights, type ModelArtifact, type WordPartArtifact } from '../../shared/classify/model.ts';
import { articleWordCounts, articleWords, featureVector, termCounts } from '../../shared/classify/text-features.ts';
import { calibrateModel, scoreBands, type ScoreBand, type ScoredLabel } from './calibrate.ts';
import type { TopLevelTopic, TrainingDoc } from './corpus.ts';
import { trainOneVsRest, type SparseExample, type TrainOptions } from './logistic.ts';
import { seededRandom } from '../../shared/random.ts';
import type { WordVectors } from './word-vectors.ts';

export interface TrainConfig extends TrainOptions {
  version: string;
  /** Share (percent) of HuffPost and seed examples held aside for calibration and the threshold. */
  heldAsidePercent: number;
  /** Precision the threshold promises on held-aside data. */
  targetPrecision: number;
  /** Terms considered in a first training pass, and those with the largest weights kept for the shipped model. */
  candidateTerms: number;
  keptTerms: number;
  /** Headlines of one category joined into each synthetic article (0: none), four to a paragraph. */
  headlinesPerArticle: number;
  /** Per source of trained examples (articles are never trained on: see isHeldAside). */
  sourceWeight: Record<Exclude<TrainingDoc['source'], 'article'>, number>;
  /** L2 strength of the word-vector model, trained apart from the term model (see trainTopicModel). */
  wordVectorL2: number;
}

/**
 * Held aside for calibration and the threshold: a share of the headlines and seed examples chosen by
 * hash, and every article the project wrote, so that what a score means is also checked on whole
 * articles rather than only on headlines and synthetic articles made of them.
 */
export function isHeldAside(doc: TrainingDoc, percent: number): boolean {
  if (doc.source === 'iptc') return false;
  if (doc.source === 'article') return true;
  const digest = createHash('sha1').update(`${doc.title ?? ''}\n${doc.text}`).digest();
  return digest.readUInt32BE(0) % 100 < percent;
}

/** Terms seen in at least two examples (three for word pairs), plus every term of the curated sources. */
export function buildVocabulary(docs: { doc: TrainingDoc; counts: Map<string, number> }[], max: number): string[] {
  const df = new Map<string, number>();
  const curated = new Set<string>();
  for (const { doc, counts } of docs) {
    for (const term of counts.keys()) {
      df.set(term, (df.get(term) ?? 0) + 1);
      if (doc.source !== 'huffpost') curated.add(term);
    }
  }
  return [...df]
    .filter(([term, n]) => curated.has(term) || n >= (term.includes(' ') ? 3 : 2))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([term]) => term);
}

/**
 * Article-length examples built from headlines of one category, and as many again with a paragraph
 * on another topic added. The first stop a headline model over-trusting the everyday words that fill
 * long articles; the second teach it that one article can be about several topics, so evidence for
 * one topic no longer counts against another.
 */
export function syntheticArticles(docs: TrainingDoc[], perArticle: number, seed: number): TrainingDoc[] {
  if (perArticle < 2) return [];
  const random = seededRandom(seed);
  const shuffle = <T>(items: T[]) => items.map((item) => ({ item, r: random() })).sort((a, b) => a.r - b.r).map((x) => x.item);
  const byLabels = new Map<string, TrainingDoc[]>();
  for (const doc of docs) {
    if (doc.source !== 'huffpost') continue;
    const key = doc.labels.join(' ');
    byLabels.set(key, [...(byLabels.get(key) ?? []), doc]);
  }
  const single: TrainingDoc[] = [];
  for (const group of byLabels.values()) {
    const shuffled = shuffle(group);
    for (let i = 0; i + perArticle <= shuffled.length; i += perArticle) {
      const parts = shuffled.slice(i, i + perArticle).map((d) => d.title);
      const text = parts.map((headline, j) => `${headline}${j % 4 === 3 ? '.\n\n' : '. '}`).join('').trim();
      single.push({ title: null, text, labels: shuffled[i].labels, source: 'huffpost' });
    }
  }
  const partners = shuffle(single);
  const mixed = single.flatMap((article, i) => {
    const other = partners[i];
    if (other.labels.some((code) => article.labels.includes(code))) return [];
    // The second topic fills one paragraph, as a side subject usually does.
    const aside = other.text.split('\n\n')[0];
    return [{ ...article, text: `${article.text}\n\n${aside}`, labels: [...article.labels, ...other.labels] }];
  });
  return [...single, ...mixed];
}

/** The `keep` terms whose largest weight is largest, in their original order. */
export function strongestTerms(terms: string[], weights: Float32Array, classCount: number, keep: number): string[] {
  const strength = terms.map((_, i) => {
    let max = 0;
    for (let c = 0; c < classCount; c++) max = Math.max(max, Math.abs(weights[i * classCount + c]));
    return max;
  });
  const kept = new Set(terms.map((_, i) => i).sort((a, b) => strength[b] - strength[a]).slice(0, keep));
  return terms.filter((_, i) => kept.has(i));
}

/** Weights that give every class the same total say, whatever its number of examples. */
function balancedWeights(docs: TrainingDoc[], classIndex: Map<string, number>, config: TrainConfig): number[] {
  const mass = new Float64Array(classIndex.size);
  for (const doc of docs) for (const code of doc.labels) mass[classIndex.get(code)!] += 1 / doc.labels.length;
  const fair = docs.length / classIndex.size;
  return docs.map((doc) => {
    if (doc.source === 'article') throw new Error('articles are held aside, never trained on');
    const share = doc.labels.reduce((sum, code) => sum + fair / mass[classIndex.get(code)!], 0) / doc.labels.length;
    return config.sourceWeight[doc.source] * Math.min(5, Math.max(0.2, share));
  });
}

/** The mean of a document's word vectors, the title's words counted as the term features count them. */
function meanWordVector({ dimensions: d, words, vectors }: WordVectors): (doc: TrainingDoc) => Float32Array {
  const index = new Map(words.map((word, i) => [word, i]));
  return (doc) => {
    const counts = articleWordCounts(articleWords(doc.title, doc.text), (word) => index.get(word));
    const mean = new Float32Array(d);
    let total = 0;
    for (const [i, n] of counts) {
      total += n;
      for (let j = 0; j < d; j++) mean[j] += n * vectors[i * d + j];
    }
    if (total > 0) for (let j = 0; j < d; j++) mean[j] /= total;
    return mean;
  };
}

/** Each word's share of the mean-vector layer: its vector times the layer, quantised. */
function foldWordLayer({ dimensions: d, words, vectors }: WordVectors, layer: Float32Array, k: number) {
  const folded = new Float32Array(words.length * k);
  for (let i = 0; i < words.length; i++) {
    for (let j = 0; j < d; j++) {
      const x = vectors[i * d + j];
      for (let c = 0; c < k; c++) folded[i * k + c] += x * layer[j * k + c];
    }
  }
  return quantizeWeights(folded);
}

export interface TrainReport {
  artifact: ModelArtifact;
  heldAside: {
    examples: number;
    top1: number;
    labelsAboveThreshold: number;
    precisionAboveThreshold: number;
    /** How often labels were right, by score band: what a score means in practice. */
    bands: ScoreBand[];
    /** Labels at or above the threshold and the share right, per kind of held-aside text. */
    bySource: Record<string, { examples: number; labelsAboveThreshold: number; precisionAboveThreshold: number }>;
  };
}

/**
 * Trains the term model (unigrams and word pairs) and, given word vectors, a second linear model over
 * the mean of an article's word vectors, apart: trained together, the terms, which fit headlines
 * better, leave the vectors little to learn, yet the vectors are what carries over to wording the
 * training text never used. The shipped model sums both models' logits, the second folded into
 * per-word weights (see WordPartArtifact).
 */
export function trainTopicModel(
  topics: TopLevelTopic[],
  docs: TrainingDoc[],
  config: TrainConfig,
  wordVectors?: WordVectors,
): TrainReport {
  const classIndex = new Map(topics.map((t, i) => [t.code, i]));
  const k = topics.length;
  for (const doc of docs) {
    for (const code of doc.labels) if (!classIndex.has(code)) throw new Error(`unknown topic code ${code}`);
  }
  const trainDocs = docs.filter((doc) => !isHeldAside(doc, config.heldAsidePercent));
  const asideDocs = docs.filter((doc) => isHeldAside(doc, config.heldAsidePercent));
  // Held-aside examples get synthetic articles of their own, so the threshold is checked on long text too.
  const withSynthetic = (part: TrainingDoc[]) =>
    [...part, ...syntheticArticles(part, config.headlinesPerArticle, config.seed)].map((doc) => ({
      doc,
      counts: termCounts(doc.title, doc.text),
    }));
  const train = withSynthetic(trainDocs);
  const aside = withSynthetic(asideDocs);
  const weights = balancedWeights(train.map((t) => t.doc), classIndex, config);
  const examples = (features: (item: (typeof train)[number]) => { indices: Int32Array; values: Float32Array }) =>
    train.map((item, i): SparseExample => ({
      ...features(item),
      positives: item.doc.labels.map((code) => classIndex.get(code)!),
      weight: weights[i],
    }));
  const fit = (terms: string[]) => {
    const vocabulary = new Map(terms.map((term, i) => [term, i]));
    return trainOneVsRest(examples(({ counts }) => featureVector(counts, vocabulary)), terms.length, k, config);
  };

  // Synthetic articles join headlines, so only real examples propose terms (no word pairs across headlines).
  const candidates = buildVocabulary(train.slice(0, trainDocs.length), config.candidateTerms);
  const terms = strongestTerms(candidates, fit(candidates).weights, k, config.keptTerms);
  const trained = fit(terms);
  const quantized = quantizeWeights(trained.weights);
  const bias = Float32Array.from(trained.bias);
  let wordPart: WordPartArtifact | undefined;
  if (wordVectors) {
    const d = wordVectors.dimensions;
    const mean = meanWordVector(wordVectors);
    const dense = examples(({ doc }) => ({ indices: Int32Array.from({ length: d }, (_, j) => j), values: mean(doc) }));
    const layer = trainOneVsRest(dense, d, k, { ...config, l2: config.wordVectorL2 });
    const folded = foldWordLayer(wordVectors, layer.weights, k);
    wordPart = { words: wordVectors.words.join('\n'), weights: encodeWeights(folded.weights), weightScale: folded.weightScale };
    for (let c = 0; c < k; c++) bias[c] += layer.bias[c];
  }
  const shipped: ModelArtifact = {
    version: config.version,
    languages: ['en'],
    classes: topics,
    vocabulary: terms.join('\n'),
    weights: encodeWeights(quantized.weights),
    weightScale: quantized.weightScale,
    bias: Array.from(bias, (b) => Math.round(b * 1e4) / 1e4),
    calibration: { article: { slope: 1, intercept: 0 }, paragraph: { slope: 1, intercept: 0 } },
    threshold: 0,
    ...(wordPart && { wordPart }),
    training: {},
  };
  // Calibrated as shipped: decoded from the artifact, quantised weights and rounded biases included.
  const model = decodeModel(shipped);
  const asideLogits = aside.map(({ doc }) => ({
    labels: new Set(doc.labels.map((code) => classIndex.get(code)!)),
    ...articleLogits(model, doc.title, doc.text),
  }));
  const { calibration, threshold, scored } = calibrateModel(asideLogits, config.targetPrecision, wordPart !== undefined);
  // Labels at or above the threshold, and the share right: over all held-aside text and per kind of it.
  const aboveThreshold = (labels: ScoredLabel[]) => {
    const above = labels.filter((s) => s.score >= threshold);
    return { labelsAboveThreshold: above.length, precisionAboveThreshold: above.filter((s) => s.correct).length / Math.max(1, above.length) };
  };
  const kinds = new Map<string, ScoredLabel[]>();
  aside.forEach((_, i) => {
    const kind = i >= asideDocs.length ? 'syntheticArticles' : asideDocs[i].source;
    const labels = kinds.get(kind) ?? [];
    labels.push(...scored.slice(i * k, (i + 1) * k));
    kinds.set(kind, labels);
  });
  const bySource = Object.fromEntries([...kinds].map(([kind, labels]) => [kind, { examples: labels.length / k, ...aboveThreshold(labels) }]));
  const top1 = asideLogits.filter((row) => {
    const { articleScores } = combineScores(calibration, row);
    return row.labels.has(articleScores.indexOf(Math.max(...articleScores)));
  }).length;
  const count = (part: TrainingDoc[], source: TrainingDoc['source']) => part.filter((doc) => doc.source === source).length;

  return {
    artifact: {
      ...shipped,
      calibration,
      threshold,
      training: {
        examples: {
          huffpost: count(trainDocs, 'huffpost'),
          iptc: count(trainDocs, 'iptc'),
          seed: count(trainDocs, 'seed'),
          articlesHeldAside: count(asideDocs, 'article'),
          syntheticArticles: train.length - trainDocs.length,
        },
        heldAside: aside.length,
        ...(wordVectors && { wordVectors: wordVectors.source, wordVectorL2: config.wordVectorL2 }),
        options: { epochs: config.epochs, learningRate: config.learningRate, l2: config.l2, seed: config.seed },
      },
    },
    heldAside: {
      examples: aside.length,
      top1: top1 / aside.length,
      ...aboveThreshold(scored),
      bands: scoreBands(scored, [0.5, 0.7, 0.8, 0.9, 0.95]),
      bySource,
    },
  };
}
