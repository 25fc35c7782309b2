import { createHash } from 'node:crypto';
import { articleLogits, encodeWeights, quantizeWeights, type LinearModel, type ModelArtifact } from '../model.ts';
import { featureVector, termCounts } from '../text-features.ts';
import { calibrateModel, scoreBands, type ScoreBand } from './calibrate.ts';
import type { TopLevelTopic, TrainingDoc } from './corpus.ts';
import { trainOneVsRest, type SparseExample, type TrainOptions } from './logistic.ts';
import { seededRandom } from '../../random.ts';

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
  sourceWeight: Record<TrainingDoc['source'], number>;
}

export function isHeldAside(doc: TrainingDoc, percent: number): boolean {
  if (doc.source === 'iptc') return false;
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
    const share = doc.labels.reduce((sum, code) => sum + fair / mass[classIndex.get(code)!], 0) / doc.labels.length;
    return config.sourceWeight[doc.source] * Math.min(5, Math.max(0.2, share));
  });
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
  };
}

export function trainTopicModel(topics: TopLevelTopic[], docs: TrainingDoc[], config: TrainConfig): TrainReport {
  const classIndex = new Map(topics.map((t, i) => [t.code, i]));
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
  const fit = (terms: string[]) => {
    const vocabulary = new Map(terms.map((term, i) => [term, i]));
    const examples: SparseExample[] = train.map(({ doc, counts }, i) => ({
      ...featureVector(counts, vocabulary),
      positives: doc.labels.map((code) => classIndex.get(code)!),
      weight: weights[i],
    }));
    return trainOneVsRest(examples, terms.length, topics.length, config);
  };

  // Synthetic articles join headlines, so only real examples propose terms (no word pairs across headlines).
  const candidates = buildVocabulary(train.slice(0, trainDocs.length), config.candidateTerms);
  const terms = strongestTerms(candidates, fit(candidates).weights, topics.length, config.keptTerms);
  const vocabulary = new Map(terms.map((term, i) => [term, i]));
  const trained = fit(terms);
  const quantized = quantizeWeights(trained.weights);

  // Calibrated as shipped: quantised weights and rounded biases.
  const bias = Float32Array.from(trained.bias, (b) => Math.round(b * 1e4) / 1e4);
  const model: LinearModel = {
    version: config.version,
    languages: ['en'],
    classes: topics,
    vocabulary,
    ...quantized,
    bias,
    calibration: { article: { slope: 1, intercept: 0 }, paragraph: { slope: 1, intercept: 0 } },
    threshold: 0,
  };
  const asideLogits = aside.map(({ doc }) => ({
    labels: new Set(doc.labels.map((code) => classIndex.get(code)!)),
    ...articleLogits(model, doc.title, doc.text),
  }));
  const { calibration, threshold, scored } = calibrateModel(asideLogits, config.targetPrecision);
  const above = scored.filter((s) => s.score >= threshold);
  const top1 = asideLogits.filter(({ labels, article }) => labels.has(article.indexOf(Math.max(...article)))).length;
  const count = (part: TrainingDoc[], source: TrainingDoc['source']) => part.filter((doc) => doc.source === source).length;

  return {
    artifact: {
      version: config.version,
      languages: model.languages,
      classes: topics,
      vocabulary: terms.join('\n'),
      weights: encodeWeights(quantized.weights),
      weightScale: quantized.weightScale,
      bias: [...bias],
      calibration,
      threshold,
      training: {
        examples: {
          huffpost: count(trainDocs, 'huffpost'),
          iptc: count(trainDocs, 'iptc'),
          seed: count(trainDocs, 'seed'),
          syntheticArticles: train.length - trainDocs.length,
        },
        heldAside: aside.length,
        options: { epochs: config.epochs, learningRate: config.learningRate, l2: config.l2, seed: config.seed },
      },
    },
    heldAside: {
      examples: aside.length,
      top1: top1 / aside.length,
      labelsAboveThreshold: above.length,
      precisionAboveThreshold: above.filter((s) => s.correct).length / Math.max(1, above.length),
      bands: scoreBands(scored, [0.5, 0.7, 0.8, 0.9, 0.95]),
    },
  };
}
