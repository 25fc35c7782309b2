import { isSyndicatedCopy, similarity } from '../../../shared/dedupe/decide.ts';
import type { Fingerprint } from '../../../shared/dedupe/fingerprint.ts';
import { hammingDistance } from '../../../shared/dedupe/simhash.ts';

/** A copy detector as the pipeline would run it: given the stored and the new text's fingerprints. */
export interface Detector {
  name: string;
  isCopy(stored: Fingerprint, incoming: Fingerprint): boolean;
}

/** Whether the new text's band-key lookup (`BAND#<key>` queries) would return the stored one at all. */
export function sharesBandKey(stored: Fingerprint, incoming: Fingerprint): boolean {
  const keys = new Set(stored.bandKeys);
  return incoming.bandKeys.some((key) => keys.has(key));
}

/** This module's rule, candidates found through band keys as in DynamoDB. */
export const minhashLsh: Detector = {
  name: 'MinHash-LSH + containment (this module)',
  isCopy: (stored, incoming) => sharesBandKey(stored, incoming) && isSyndicatedCopy(stored, incoming),
};

/** Peers measured in the same run, each a common textbook choice. */
export const PEERS: readonly Detector[] = [
  { name: 'exact hash of normalized text', isCopy: (a, b) => a.contentHash === b.contentHash },
  // Manku, Jain & Das Sarma (WWW 2007): 64-bit SimHash, copies within 3 bits.
  { name: 'SimHash, Hamming distance <= 3', isCopy: (a, b) => hammingDistance(a.simhash, b.simhash) <= 3 },
  { name: 'MinHash resemblance J >= 0.5 (no containment)', isCopy: (a, b) => similarity(a, b) >= 0.5 },
  // The same rule applied to every pair, as if candidates were found by reading all records.
  { name: 'this rule without band-key lookup (all pairs)', isCopy: isSyndicatedCopy },
];
