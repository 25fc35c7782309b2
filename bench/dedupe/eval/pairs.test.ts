import { describe, expect, it } from 'vitest';
import type { CorpusArticle } from './corpus.ts';
import { buildEvaluationSet, EDIT_NAMES } from './pairs.ts';

const STORY = 'The minister said the plan would help. It was announced on Monday. Critics said it was too late.';

const corpus: CorpusArticle[] = Array.from({ length: 40 }, (_, i) => ({
  id: `bbc/${i % 2 ? 'sport' : 'tech'}/${i}.txt`,
  label: i % 2 ? 'sport' : 'tech',
  title: `Story number ${i}`,
  text: Array.from({ length: 4 }, (__, p) => `Story ${i} paragraph ${p}. ${STORY}`).join('\n\n'),
}));

describe('buildEvaluationSet', () => {
  it('is reproducible from its seed and changes with it', () => {
    const options = { copies: 10, distinct: 10 };
    expect(buildEvaluationSet(corpus, { seed: 1, ...options })).toEqual(buildEvaluationSet(corpus, { seed: 1, ...options }));
    expect(buildEvaluationSet(corpus, { seed: 2, ...options })).not.toEqual(buildEvaluationSet(corpus, { seed: 1, ...options }));
  });

  it('pairs copies of one story and distinct stories of one category', () => {
    const pairs = buildEvaluationSet(corpus, { seed: 3, copies: 9, distinct: 12 });
    for (const pair of pairs.filter((p) => p.kind === 'copy')) expect(pair.ids[0]).toBe(pair.ids[1]);
    for (const pair of pairs.filter((p) => p.kind === 'distinct')) {
      expect(pair.ids[0]).not.toBe(pair.ids[1]);
      expect(pair.ids[0].split('/')[1]).toBe(pair.ids[1].split('/')[1]);
    }
  });

  it('makes every kind of edit the primary edit of some copy', () => {
    const pairs = buildEvaluationSet(corpus, { seed: 4, copies: EDIT_NAMES.length, distinct: 0 });
    expect(pairs.map((pair, i) => pair.edits.includes(EDIT_NAMES[i]))).toEqual(EDIT_NAMES.map(() => true));
  });
});
