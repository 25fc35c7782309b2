import { describe, expect, it } from 'vitest';
import { contentWords, featureVector, stem, termCounts } from './text-features.ts';

describe('stem', () => {
  it('folds plurals so headlines and articles share terms', () => {
    expect(stem('shares')).toBe('share');
    expect(stem('companies')).toBe('company');
  });
  it('leaves words whose final s is not a plural', () => {
    expect(['news', 'crisis', 'bonus', 'business', 'gas'].map(stem)).toEqual(['news', 'crisis', 'bonus', 'business', 'gas']);
  });
});

describe('contentWords', () => {
  it('lower-cases, drops stopwords, possessives and one-letter tokens', () => {
    expect(contentWords("The Bank's rates and a U.S. shares rally")).toEqual(['bank', 'rate', 'share', 'rally']);
  });
  it('keeps letters of any script', () => {
    expect(contentWords('Élections à Zürich')).toEqual(['élection', 'zürich']);
  });
});

describe('termCounts', () => {
  it('counts unigrams and adjacent word pairs, the title twice', () => {
    const counts = termCounts('Oil prices', 'oil prices rise');
    expect(counts.get('oil')).toBe(3);
    expect(counts.get('oil price')).toBe(3);
    expect(counts.get('price rise')).toBe(1);
  });
});

describe('featureVector', () => {
  const vocabulary = new Map([
    ['oil', 0],
    ['price', 1],
  ]);
  it('keeps only vocabulary terms and has unit length', () => {
    const { indices, values } = featureVector(new Map([['oil', 4], ['price', 1], ['unknown', 9]]), vocabulary);
    expect([...indices]).toEqual([0, 1]);
    expect(Math.hypot(...values)).toBeCloseTo(1, 5);
    expect(values[0]).toBeGreaterThan(values[1]);
  });
  it('is empty for text with no known term', () => {
    expect(featureVector(new Map([['zzz', 1]]), vocabulary).indices.length).toBe(0);
  });
});
