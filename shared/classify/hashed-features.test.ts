import { describe, expect, it } from 'vitest';
import { hashFeature, hashedCounts, hashedVector } from './hashed-features.ts';

const BUCKETS = 2 ** 16;

describe('hashedCounts', () => {
  it('gives inflected forms of a word shared character n-gram features', () => {
    const a = new Set(hashedCounts(null, 'выборы', BUCKETS).keys());
    const b = new Set(hashedCounts(null, 'выборах', BUCKETS).keys());
    const shared = [...a].filter((f) => b.has(f)).length;
    expect(shared).toBeGreaterThanOrEqual(5);
    expect(hashedCounts(null, 'выборы', BUCKETS).has(hashFeature('w выборы', BUCKETS))).toBe(true);
  });

  it('reads Chinese and Japanese, which do not separate words, by characters and their pairs', () => {
    const counts = hashedCounts(null, '足球比赛', BUCKETS);
    for (const feature of ['足', '足球', '球比赛']) expect(counts.has(hashFeature(feature, BUCKETS))).toBe(true);
  });

  it('counts the title twice and ignores case', () => {
    const counts = hashedCounts('Sport', 'sport', BUCKETS);
    expect(counts.get(hashFeature('w sport', BUCKETS))).toBe(3);
  });

  it('keeps every bucket inside the table', () => {
    for (const bucket of hashedCounts('Titel', 'Ein Text mit Wörtern, 数字 и словами.', 256).keys()) {
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(256);
    }
  });
});

describe('hashedVector', () => {
  it('is L2-normalised, so a headline and a long article land on the same scale', () => {
    const { values } = hashedVector('Wahl', 'Die Regierung verliert die Wahl. '.repeat(30), BUCKETS);
    const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
    expect(norm).toBeCloseTo(1, 5);
  });

  it('gives an empty vector for a text without letters', () => {
    expect(hashedVector(null, '123 456 !!!', BUCKETS).indices).toHaveLength(0);
  });
});
