import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Read-only project data (corpora, taxonomy) beside the repo; SYNDIC_SHARED_DIR overrides. */
export function sharedDir(...parts: string[]): string {
  return path.join(process.env.SYNDIC_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared'), ...parts);
}
