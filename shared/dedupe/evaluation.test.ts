import { describe, expect, it } from 'vitest';
import { loadBbcArticles } from './eval/corpus.ts';
import { minhashLsh } from './eval/detectors.ts';
import { score } from './eval/metrics.ts';
import { buildEvaluationSet } from './eval/pairs.ts';
import { fingerprint } from './index.ts';

// A smaller, differently seeded sibling of `npm run bench:dedupe`'s set: regressions fail here first.
describe('copy detection on a seeded BBC evaluation set (100 copies, 100 distinct same-topic pairs)', () => {
  const pairs = buildEvaluationSet(loadBbcArticles(), { seed: 20261127, copies: 100, distinct: 100 });
  const scores = score(pairs, (pair) => minhashLsh.isCopy(fingerprint(pair.a), fingerprint(pair.b)));

  it('has both kinds of pairs', () => {
    expect(pairs.filter((pair) => pair.kind === 'copy')).toHaveLength(100);
    expect(pairs.filter((pair) => pair.kind === 'distinct')).toHaveLength(100);
  });

  it('keeps precision at or above 0.98', () => {
    expect(scores.precision).toBeGreaterThanOrEqual(0.98);
  });

  it('keeps recall, band-key lookup included, at or above 0.95', () => {
    expect(scores.recall).toBeGreaterThanOrEqual(0.95);
  });
});
