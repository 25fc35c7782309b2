import { describe, expect, it } from 'vitest';
import { classScores, decodeModel } from '../../shared/classify/model.ts';
import type { TrainingDoc } from './corpus.ts';
import { stem } from '../../shared/classify/text-features.ts';
import { isHeldAside, strongestTerms, syntheticArticles, trainTopicModel, type TrainConfig } from './train-model.ts';

const topics = [
  { code: 'medtop:04000000', label: 'economy, business and finance' },
  { code: 'medtop:15000000', label: 'sport' },
];
const headline = (title: string, code: string): TrainingDoc => ({ title, text: '', labels: [code], source: 'huffpost' });
const sportWords = ['goal', 'match', 'striker', 'league', 'coach', 'penalty', 'cup', 'season'];
const moneyWords = ['shares', 'profit', 'bank', 'market', 'investors', 'revenue', 'merger', 'inflation'];
const corpus: TrainingDoc[] = Array.from({ length: 80 }, (_, i) => [
  headline(`${sportWords[i % 8]} ${sportWords[(i * 3 + 1) % 8]} ${sportWords[(i * 5 + 2) % 8]} number${i}`, 'medtop:15000000'),
  headline(`${moneyWords[i % 8]} ${moneyWords[(i * 3 + 1) % 8]} ${moneyWords[(i * 5 + 2) % 8]} number${i}`, 'medtop:04000000'),
]).flat();
const config: TrainConfig = {
  version: 'test-1',
  epochs: 4,
  learningRate: 0.3,
  l2: 1e-3,
  seed: 1,
  heldAsidePercent: 20,
  targetPrecision: 0.9,
  candidateTerms: 1000,
  keptTerms: 500,
  headlinesPerArticle: 4,
  sourceWeight: { huffpost: 1, iptc: 1, seed: 1 },
  wordVectorL2: 1e-4,
};

describe('trainTopicModel', () => {
  it('produces an artifact that decodes and tells the topics apart', () => {
    const { artifact } = trainTopicModel(topics, corpus, config);
    const model = decodeModel(artifact);
    const [economy, sport] = classScores(model, 'Striker scores late goal in cup match', '').scores;
    expect(sport).toBeGreaterThan(economy);
    expect(artifact.threshold).toBeGreaterThan(0);
    expect(artifact.threshold).toBeLessThanOrEqual(1);
  });

  it('reports the held-aside labels at or above the threshold per kind of text, adding up to the whole', () => {
    const { heldAside } = trainTopicModel(topics, corpus, config);
    const kinds = Object.values(heldAside.bySource);
    expect(Object.keys(heldAside.bySource).sort()).toEqual(['huffpost', 'syntheticArticles']);
    expect(kinds.reduce((n, kind) => n + kind.examples, 0)).toBe(heldAside.examples);
    expect(kinds.reduce((n, kind) => n + kind.labelsAboveThreshold, 0)).toBe(heldAside.labelsAboveThreshold);
    const right = kinds.reduce((n, kind) => n + kind.precisionAboveThreshold * kind.labelsAboveThreshold, 0);
    expect(right / heldAside.labelsAboveThreshold).toBeCloseTo(heldAside.precisionAboveThreshold, 9);
  });

  it('is reproducible: the same data and seed give the same artifact', () => {
    expect(trainTopicModel(topics, corpus, config).artifact).toEqual(trainTopicModel(topics, corpus, config).artifact);
  });

  it('carries a topic over to words the training text never used, through their word vectors', () => {
    const near = (x: number, y: number) => [x, y];
    const table: [string, number[]][] = [
      ...sportWords.map((w, i) => [stem(w), near(1, 0.05 * i)] as [string, number[]]),
      ...moneyWords.map((w, i) => [stem(w), near(0.05 * i, 1)] as [string, number[]]),
      ['rugby', near(0.9, 0.1)],
      ['dividend', near(0.1, 0.9)],
    ];
    const wordVectors = { source: 'test', dimensions: 2, words: table.map(([w]) => w), vectors: Float32Array.from(table.flatMap(([, v]) => v)) };
    const withVectors = decodeModel(trainTopicModel(topics, corpus, config, wordVectors).artifact);
    const withoutVectors = decodeModel(trainTopicModel(topics, corpus, config).artifact);
    const lead = (model: typeof withVectors, title: string) => {
      const [economy, sport] = classScores(model, title, '').scores;
      return sport - economy;
    };
    // Unknown to the term model, both words score alike without vectors.
    expect(lead(withoutVectors, 'Rugby')).toBe(lead(withoutVectors, 'Dividend'));
    expect(lead(withVectors, 'Rugby')).toBeGreaterThan(0);
    expect(lead(withVectors, 'Dividend')).toBeLessThan(0);
    expect(withVectors.wordPart?.vocabulary.has('rugby')).toBe(true);
  });

  it('rejects a label outside the taxonomy', () => {
    expect(() => trainTopicModel(topics, [headline('x', 'medtop:99000000')], config)).toThrow(/unknown topic code medtop:99000000/);
  });
});

describe('syntheticArticles', () => {
  const articles = syntheticArticles(corpus, 8, 1);

  it('joins headlines of one category into articles of two paragraphs', () => {
    const single = articles.filter((a) => a.labels.length === 1);
    expect(single).toHaveLength(20);
    expect(single[0].text.split('\n\n')).toHaveLength(2);
  });

  it('adds a paragraph on another topic to some, labelled with both topics', () => {
    const mixed = articles.filter((a) => a.labels.length === 2);
    expect(mixed.length).toBeGreaterThan(0);
    expect(new Set(mixed[0].labels).size).toBe(2);
    expect(mixed[0].text.split('\n\n')).toHaveLength(3);
  });
});

describe('strongestTerms', () => {
  it('keeps the terms with the largest weight in any class, in their original order', () => {
    const weights = Float32Array.of(0.1, 0, 0, -3, 2, 0);
    expect(strongestTerms(['a', 'b', 'c'], weights, 2, 2)).toEqual(['b', 'c']);
  });
});

describe('isHeldAside', () => {
  it('holds every article aside, never an IPTC definition, and a hashed share of the rest', () => {
    const article: TrainingDoc = { title: 'Derby ends level', text: 'Both sides scored.', labels: ['medtop:15000000'], source: 'article' };
    expect(isHeldAside(article, 0)).toBe(true);
    expect(isHeldAside({ ...article, source: 'iptc' }, 100)).toBe(false);
    const share = corpus.filter((doc) => isHeldAside(doc, 20)).length / corpus.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.3);
  });
});
