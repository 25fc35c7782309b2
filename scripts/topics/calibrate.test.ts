import { describe, expect, it } from 'vitest';
import { sigmoid } from '../../shared/classify/model.ts';
import { fitLogistic, precisionThreshold, scoreBands } from './calibrate.ts';
import { seededRandom } from '../../shared/random.ts';

describe('fitLogistic', () => {
  it('recovers the coefficients and intercept that generated the outcomes', () => {
    const random = seededRandom(7);
    const rows = Array.from({ length: 20_000 }, () => {
      const features = [random() * 8 - 4, random() * 8 - 4];
      return { features, correct: random() < sigmoid(2 * features[0] + 0.5 * features[1] - 1) };
    });
    const { coefficients, intercept } = fitLogistic(rows);
    expect(coefficients[0]).toBeCloseTo(2, 0);
    expect(coefficients[1]).toBeCloseTo(0.5, 0);
    expect(intercept).toBeCloseTo(-1, 0);
  });

  it('converges from far away: large, overconfident logits do not make it overshoot', () => {
    const random = seededRandom(11);
    const rows = Array.from({ length: 5000 }, () => {
      const z = random() * 80 - 60;
      return { features: [z], correct: random() < sigmoid(0.1 * z + 1) };
    });
    const { coefficients, intercept } = fitLogistic(rows);
    expect(coefficients[0]).toBeCloseTo(0.1, 1);
    expect(intercept).toBeCloseTo(1, 0);
  });
});

describe('precisionThreshold', () => {
  it('is the lowest score above which the wanted share of labels is right', () => {
    const scored = [
      { score: 0.9, correct: true },
      { score: 0.8, correct: true },
      { score: 0.7, correct: false },
      { score: 0.6, correct: true },
      { score: 0.5, correct: false },
      { score: 0.4, correct: false },
    ];
    expect(precisionThreshold(scored, 0.75)).toBe(0.6);
    expect(precisionThreshold(scored, 1)).toBe(0.8);
  });
  it('is 1 when no score reaches the precision', () => {
    expect(precisionThreshold([{ score: 0.9, correct: false }], 0.9)).toBe(1);
  });
});

describe('scoreBands', () => {
  it('tells how often labels in each score band were right, the last band including 1', () => {
    const scored = [
      { score: 0.55, correct: false },
      { score: 0.6, correct: true },
      { score: 0.95, correct: true },
      { score: 1, correct: true },
      { score: 0.4, correct: false },
    ];
    expect(scoreBands(scored, [0.5, 0.9])).toEqual([
      { from: 0.5, to: 0.9, labels: 2, right: 0.5 },
      { from: 0.9, to: 1, labels: 2, right: 1 },
    ]);
  });
});
