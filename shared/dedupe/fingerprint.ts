import { createHash } from 'node:crypto';
import { bandKeys, encodeSignature, minhashSignature } from './minhash.ts';
import { normalizeForHash, wordsOf } from './normalize.ts';
import { shingleHashes } from './shingles.ts';
import { simhash64 } from './simhash.ts';

/** Bump whenever normalization, shingling, hashing or banding change: stored fingerprints and band keys
 * from another version are not comparable. */
export const DEDUPE_VERSION = '1';

const SHINGLE_WORDS = 4;
const SIGNATURE_SIZE = 128;
/** The lead is the opening of the text: a teaser that keeps only the first sentences shares it. */
const LEAD_WORDS = 100;
const LEAD_SIGNATURE_SIZE = 64;
/**
 * Each band key is one item written per article (a DynamoDB write unit), so the layout trades write cost
 * against recall: 6 whole-text and 14 lead bands of 2 rows, the fewest keys that kept BBC recall at or
 * above 0.95 on all ten seeds in a sweep of layouts (docs/costs.md). They are the first 6 and 14 of the
 * 16 + 16 keys version 1 wrote before, computed the same way, so records stored then are still found.
 */
const BANDS = 6;
const LEAD_BANDS = 14;
const ROWS_PER_BAND = 2;
/** Below this many words a text is mostly boilerplate (paywall, consent, 404 pages): never a copy. */
export const MIN_WORDS = 40;

/** JSON-serializable: about 1 KB, of which the band keys take 0.3 KB (they come from the full 32-bit
 * signature, so only fingerprint(text) recomputes them; a record can store the rest). */
export interface Fingerprint {
  version: string;
  /** sha256 hex of normalizeForHash(text): equal for exact copies. */
  contentHash: string;
  /** 64-bit SimHash over the shingles, 16 hex characters. */
  simhash: string;
  /** MinHash signature of the whole text, SIGNATURE_SIZE values (base64, see encodeSignature). */
  minhash: string;
  /** MinHash signature of the first LEAD_WORDS words, LEAD_SIGNATURE_SIZE values. */
  leadMinhash: string;
  /** LSH keys to store (`BAND#<key>` -> article id) and query for candidates; empty for short texts. */
  bandKeys: string[];
  words: number;
  /** Distinct shingle counts, which turn Jaccard estimates into containment estimates. */
  shingles: number;
  leadShingles: number;
}

export function fingerprint(text: string): Fingerprint {
  const normalized = normalizeForHash(text);
  const words = wordsOf(normalized);
  const shingles = shingleHashes(words, SHINGLE_WORDS);
  const leadShingles = shingleHashes(words.slice(0, LEAD_WORDS), SHINGLE_WORDS);
  const signature = minhashSignature(shingles, SIGNATURE_SIZE);
  const leadSignature = minhashSignature(leadShingles, LEAD_SIGNATURE_SIZE);
  const indexed = words.length >= MIN_WORDS;
  return {
    version: DEDUPE_VERSION,
    contentHash: createHash('sha256').update(normalized).digest('hex'),
    simhash: simhash64(shingles),
    minhash: encodeSignature(signature),
    leadMinhash: encodeSignature(leadSignature),
    bandKeys: indexed
      ? [...bandKeys(signature, BANDS, ROWS_PER_BAND, 'b'), ...bandKeys(leadSignature, LEAD_BANDS, ROWS_PER_BAND, 'l')]
      : [],
    words: words.length,
    shingles: shingles.length,
    leadShingles: leadShingles.length,
  };
}
