import { describe, expect, it } from 'vitest';
import { articleLogits, classScores, combineScores, decodeModel, encodeWeights, quantizeWeights, type ModelArtifact } from './model.ts';

function quantized(weights: number[]) {
  const { weights: q, weightScale } = quantizeWeights(Float32Array.from(weights));
  return { weights: encodeWeights(q), weightScale };
}

function artifact(weights: number[], terms = ['goal', 'vote']): ModelArtifact {
  return {
    version: 'test-1',
    languages: ['en'],
    classes: [
      { code: 'medtop:15000000', label: 'sport' },
      { code: 'medtop:11000000', label: 'politics' },
    ],
    vocabulary: terms.join('\n'),
    ...quantized(weights),
    bias: [0, 0],
    calibration: { article: { slope: 1, intercept: 0 }, paragraph: { slope: 1, intercept: 0 } },
    threshold: 0.5,
    training: {},
  };
}

describe('model artifact', () => {
  it('round-trips weights through 16-bit quantisation', () => {
    const model = decodeModel(artifact([2, -1, -1.5, 0.25]));
    expect([...model.weights].map((q) => Number((q * model.weightScale).toFixed(3)))).toEqual([2, -1, -1.5, 0.25]);
    expect(model.vocabulary.get('vote')).toBe(1);
  });

  it('refuses an artifact whose weights do not fit its vocabulary', () => {
    expect(() => decodeModel(artifact([1, 2, 3, 4], ['goal']))).toThrow(/4 weights, expected 2/);
  });

  it('adds the word part: the mean of the article words\' rows, weighed by the article calibration\'s word slope', () => {
    const base = artifact([0, 0, 0, 0]);
    const withWords: ModelArtifact = {
      ...base,
      calibration: { article: { slope: 1, intercept: 0, wordSlope: 1 }, paragraph: { slope: 1, intercept: -5 } },
      wordPart: { words: 'rugby\nparliament', ...quantized([4, -4, -4, 4]) },
    };
    const model = decodeModel(withWords);
    const logits = articleLogits(model, 'Rugby', 'rugby parliament');
    // Title words count twice: (2 x rugby + rugby + parliament) / 4.
    expect([...logits.words].map((z) => Number(z.toFixed(2)))).toEqual([2, -2]);
    const [sport, politics] = classScores(model, 'Rugby', 'rugby parliament').scores;
    expect(sport).toBeGreaterThan(0.8);
    expect(politics).toBeLessThan(0.2);
  });

  it('refuses a word part whose weights do not fit its words', () => {
    expect(() => decodeModel({ ...artifact([1, 2, 3, 4]), wordPart: { words: 'rugby', ...quantized([1, 2, 3, 4]) } })).toThrow(
      /word part: 4 weights, expected 2/,
    );
  });

  it('scores each class through the calibrated sigmoid', () => {
    const model = decodeModel(artifact([3, -3, -3, 3]));
    const [sport, politics] = classScores(model, 'Late goal', '').scores;
    expect(sport).toBeGreaterThan(0.9);
    expect(politics).toBeLessThan(0.1);
  });

  describe('combining the whole article with its paragraphs', () => {
    const calibration = { article: { slope: 1, intercept: 0 }, paragraph: { slope: 2, intercept: 0 } };

    it('lets every topic that fills a paragraph reach a high score, even when no topic leads the whole article', () => {
      // Three topics, a paragraph each: the whole article is split between them, each paragraph is not.
      const article = Float32Array.from([0.4, 0.3, 0.2]);
      const paragraph = Float32Array.from([3, 3, 3]);
      const { scores, articleScores } = combineScores(calibration, { article, words: new Float32Array(3), paragraph });
      expect(Math.max(...articleScores)).toBeLessThan(0.6);
      for (const score of scores) expect(score).toBeGreaterThan(0.99);
    });

    it('keeps the article\'s leading topic first: no paragraph lifts another topic above it', () => {
      const article = Float32Array.from([2, -1]);
      const paragraph = Float32Array.from([0.5, 4]);
      const { scores } = combineScores(calibration, { article, words: new Float32Array(2), paragraph });
      expect(scores[1]).toBeLessThanOrEqual(scores[0]);
      expect(scores[0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 5);
    });

    it('scores a one-paragraph text by the article scaling alone', () => {
      const article = Float32Array.from([1, -1]);
      const { scores, articleScores } = combineScores(calibration, { article, words: new Float32Array(2), paragraph: article });
      expect([...scores]).toEqual([...articleScores]);
    });
  });
});
