import { combine32, hashString32 } from './hash.ts';

/**
 * The distinct hashed word k-shingles of a word list. A text shorter than k words yields its whole
 * word sequence as a single shingle, so that it still has a fingerprint.
 */
export function shingleHashes(words: readonly string[], k: number): Int32Array {
  const wordHashes = Int32Array.from(words, hashString32);
  const distinct = new Set<number>();
  const last = Math.max(0, wordHashes.length - k);
  for (let i = 0; i <= last && wordHashes.length > 0; i++) {
    distinct.add(combine32(wordHashes, i, Math.min(i + k, wordHashes.length)));
  }
  return Int32Array.from(distinct);
}
