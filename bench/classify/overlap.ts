// Evidence that the project's training text was not copied from the evaluation sets: runs of words
// that a training text shares with any evaluation text. Words are normalised as the duplicate finder
// normalises them, so case, accents and typography do not hide a copy.
import { normalizeForHash, wordsOf } from '../../shared/dedupe/normalize.ts';

function runs(text: string, n: number): string[] {
  const w = wordsOf(normalizeForHash(text));
  return Array.from({ length: Math.max(0, w.length - n + 1) }, (_, i) => w.slice(i, i + n).join(' '));
}

/** How many `training` texts share a run of `n` words with some `evaluation` text, and the runs shared. */
export function sharedWordRuns(training: string[], evaluation: string[], n: number): { texts: number; runs: string[] } {
  const seen = new Set(evaluation.flatMap((text) => runs(text, n)));
  const shared = new Set<string>();
  let texts = 0;
  for (const text of training) {
    const found = runs(text, n).filter((run) => seen.has(run));
    if (found.length > 0) texts++;
    for (const run of found) shared.add(run);
  }
  return { texts, runs: [...shared] };
}
