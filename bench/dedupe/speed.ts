import { createHash } from 'node:crypto';
import { fingerprint, isSyndicatedCopy, normalizeForHash, type Fingerprint } from '../../shared/dedupe/index.ts';
import { fixed, table } from './report.ts';
import { quantile, timePerCall } from './stats.ts';

/** Time per fingerprint against the peer that only hashes the normalized text, and fingerprint size. */
export function speedTable(texts: readonly string[], pairs: readonly (readonly [Fingerprint, Fingerprint])[]): string {
  const fingerprintTimes = timePerCall(texts, fingerprint);
  const hashTimes = timePerCall(texts, (text) => createHash('sha256').update(normalizeForHash(text)).digest('hex'));
  const compareTimes = timePerCall(pairs, ([a, b]) => isSyndicatedCopy(a, b));
  const sizes = texts.map((text) => JSON.stringify(fingerprint(text)).length);
  const median = (times: number[]) => quantile(times, 0.5);
  return table(
    [`per text (${texts.length} BBC texts, best of 3 calls each)`, 'median', 'p95', 'ratio of medians'],
    [
      ['fingerprint() µs', fixed(median(fingerprintTimes), 1), fixed(quantile(fingerprintTimes, 0.95), 1), `${fixed(median(fingerprintTimes) / median(hashTimes), 1)}x peer`],
      ['peer: normalizeForHash + sha256 µs', fixed(median(hashTimes), 1), fixed(quantile(hashTimes, 0.95), 1), '1x'],
      [`isSyndicatedCopy() µs per pair (${pairs.length} pairs)`, fixed(median(compareTimes), 1), fixed(quantile(compareTimes, 0.95), 1), ''],
      ['fingerprint JSON bytes (band keys included)', median(sizes), quantile(sizes, 0.95), ''],
    ],
  );
}
