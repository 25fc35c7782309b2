import type { EvaluationPair } from './pairs.ts';

export interface Scores {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

/** Precision and recall of a copy detector over labelled pairs (precision is 1 when nothing is flagged). */
export function score<T extends Pick<EvaluationPair, 'kind'>>(pairs: readonly T[], flagged: (pair: T) => boolean): Scores {
  let truePositives = 0;
  let falsePositives = 0;
  let trueNegatives = 0;
  let falseNegatives = 0;
  for (const pair of pairs) {
    const isCopy = flagged(pair);
    if (pair.kind === 'copy') isCopy ? truePositives++ : falseNegatives++;
    else isCopy ? falsePositives++ : trueNegatives++;
  }
  const flaggedCount = truePositives + falsePositives;
  const copies = truePositives + falseNegatives;
  return {
    truePositives,
    falsePositives,
    trueNegatives,
    falseNegatives,
    precision: flaggedCount === 0 ? 1 : truePositives / flaggedCount,
    recall: copies === 0 ? 1 : truePositives / copies,
  };
}
