import type { Fingerprint } from '../../shared/dedupe/index.ts';
import { table } from './report.ts';
import { quantile } from './stats.ts';

/** In-memory stand-in for the DynamoDB items `pk = BAND#<key>` -> article id, to count lookup load. */
export class BandIndex {
  private readonly buckets = new Map<string, string[]>();

  add(id: string, fingerprint: Fingerprint): void {
    for (const key of fingerprint.bandKeys) {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(id);
      else this.buckets.set(key, [id]);
    }
  }

  /** The distinct ids the new text's band-key queries return: the records whose fingerprints are read. */
  candidates(fingerprint: Fingerprint): Set<string> {
    return new Set(fingerprint.bandKeys.flatMap((key) => this.buckets.get(key) ?? []));
  }

  largestBucket(): number {
    let largest = 0;
    for (const bucket of this.buckets.values()) largest = Math.max(largest, bucket.length);
    return largest;
  }
}

export interface Lookup {
  fingerprint: Fingerprint;
  /** The indexed text this one was made from, which the lookup is meant to find. */
  sourceId: string;
}

/**
 * With all of `stored` indexed, how often each lookup finds its source text, and how many other
 * candidates (records read and compared for nothing) it returns.
 */
export function lookupLoadTable(
  stored: readonly { id: string; fingerprint: Fingerprint }[],
  lookups: readonly { label: string; lookups: readonly Lookup[] }[],
): string {
  const index = new BandIndex();
  for (const { id, fingerprint } of stored) index.add(id, fingerprint);
  const rows = lookups.map(({ label, lookups: texts }) => {
    const found = texts.map(({ fingerprint, sourceId }) => index.candidates(fingerprint).has(sourceId));
    const others = texts.map(({ fingerprint, sourceId }) => [...index.candidates(fingerprint)].filter((id) => id !== sourceId).length);
    const share = found.filter(Boolean).length / texts.length;
    return [label, texts.length, share.toFixed(3), quantile(others, 0.5), quantile(others, 0.99), Math.max(...others)];
  });
  return [
    `${stored.length} texts indexed, ${stored[0]?.fingerprint.bandKeys.length ?? 0} band keys each; largest bucket: ${index.largestBucket()} ids.`,
    '',
    table(['lookup of', 'texts', 'source found', 'other candidates: median', 'p99', 'max'], rows),
  ].join('\n');
}
