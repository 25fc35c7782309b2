// Where training, benchmarks and tests find their data: `data/` in the repository (committed, with its
// licences), and the research-only evaluation corpora that are never committed (SYNDIC_EVAL_DIR).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A file or folder under the repository's data/ (see data/README.md). */
export function dataPath(...parts: string[]): string {
  return path.join(repoRoot, 'data', ...parts);
}

/** Raised when a research-only corpus is not where SYNDIC_EVAL_DIR says; benchmarks skip its rows. */
export class EvalDataMissing extends Error {
  override readonly name = 'EvalDataMissing';
}

/** The folder of research-only corpora: SYNDIC_EVAL_DIR, else ../shared/corpora beside the repo. */
export function evalDir(): string {
  return process.env.SYNDIC_EVAL_DIR ?? path.resolve(repoRoot, '..', 'shared', 'corpora');
}

/** A research-only corpus file (e.g. 'bbc_news', 'train.jsonl.gz'); throws EvalDataMissing with where to put it. */
export function evalPath(...parts: string[]): string {
  const file = path.join(evalDir(), ...parts);
  if (!existsSync(file)) {
    throw new EvalDataMissing(
      `${parts.join('/')} is missing from ${evalDir()}: research-only data is not in the repository; ` +
        'put the corpora folder there or set SYNDIC_EVAL_DIR to it',
    );
  }
  return file;
}
