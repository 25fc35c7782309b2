import { describe, expect, it } from 'vitest';
import { trainOneVsRest, type SparseExample } from './logistic.ts';
import { seededRandom } from '../../shared/random.ts';

const example = (feature: number, positives: number[]): SparseExample => ({
  indices: Int32Array.of(feature),
  values: Float32Array.of(1),
  positives,
  weight: 1,
});
const options = { epochs: 30, learningRate: 0.5, l2: 0, seed: 1 };

describe('trainOneVsRest', () => {
  // feature 0 -> class 0, feature 1 -> class 1, feature 2 -> both
  const examples = [example(0, [0]), example(1, [1]), example(2, [0, 1])].flatMap((e) => [e, e, e, e]);

  it('learns a positive weight for each class from its own features', () => {
    const { weights } = trainOneVsRest(examples, 3, 2, options);
    expect(weights[0 * 2 + 0]).toBeGreaterThan(1);
    expect(weights[0 * 2 + 1]).toBeLessThan(-1);
    expect(weights[1 * 2 + 1]).toBeGreaterThan(1);
  });

  it('lets one example belong to several classes', () => {
    const { weights } = trainOneVsRest(examples, 3, 2, options);
    expect(weights[2 * 2 + 0]).toBeGreaterThan(1);
    expect(weights[2 * 2 + 1]).toBeGreaterThan(1);
  });

  it('is reproducible for a given seed', () => {
    expect(trainOneVsRest(examples, 3, 2, options).weights).toEqual(trainOneVsRest(examples, 3, 2, options).weights);
  });
});

describe('seededRandom', () => {
  it('yields the same sequence in [0, 1) for the same seed', () => {
    const a = seededRandom(42), b = seededRandom(42);
    const xs = Array.from({ length: 5 }, a);
    expect(xs).toEqual(Array.from({ length: 5 }, b));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
