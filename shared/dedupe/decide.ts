import { DEDUPE_VERSION, MIN_WORDS, type Fingerprint } from './fingerprint.ts';
import { decodeSignature, estimateJaccard } from './minhash.ts';

/**
 * A copy has at least this share of the shorter text's shingles in the other text. For two texts of equal
 * size this is Broder's classic resemblance threshold J >= 1/2; a teaser must take two thirds of its
 * text, its own boilerplate included, from the story. (At 1/2, short wire items sharing a site template
 * as long as themselves were flagged: see docs/benchmarks-dedupe.md.)
 */
export const MIN_CONTAINMENT = 2 / 3;
/**
 * Matching signature values needed before a containment estimate counts. Containment divides the
 * resemblance by the size ratio, so a few chance matches between a short and a long text would
 * otherwise read as containment; unrelated texts (true J ~ 0.02) reach 10 of 128 matches with
 * probability 3e-4 (binomial).
 */
const MIN_MATCHING_VALUES = 10;

function assertComparable(a: Fingerprint, b: Fingerprint): void {
  if (a.version !== b.version || a.version !== DEDUPE_VERSION) {
    throw new Error(`fingerprint versions differ: ${a.version} vs ${b.version} (current ${DEDUPE_VERSION})`);
  }
}

/** Estimated Jaccard resemblance of the two texts' shingle sets, 0..1. */
export function similarity(a: Fingerprint, b: Fingerprint): number {
  assertComparable(a, b);
  if (a.contentHash === b.contentHash) return 1;
  return estimateJaccard(decodeSignature(a.minhash), decodeSignature(b.minhash));
}

/** |A ∩ B| / min(|A|, |B|) from the Jaccard estimate, using |A ∩ B| = J (|A| + |B|) / (1 + J). */
function containmentFrom(jaccard: number, signatureSize: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB);
  if (smaller === 0 || jaccard * signatureSize < MIN_MATCHING_VALUES) return 0;
  return Math.min(1, (jaccard * (sizeA + sizeB)) / ((1 + jaccard) * smaller));
}

/**
 * Estimated share of the shorter text's shingles found in the other, 0..1: the larger of the estimate
 * over the whole texts (boilerplate, rewording, dropped paragraphs) and over their leads (a teaser that
 * keeps only the first sentences of a long story, whose whole-text estimate is too noisy).
 */
export function containment(a: Fingerprint, b: Fingerprint): number {
  assertComparable(a, b);
  if (a.contentHash === b.contentHash) return 1;
  const whole = decodeSignature(a.minhash);
  const lead = decodeSignature(a.leadMinhash);
  return Math.max(
    containmentFrom(estimateJaccard(whole, decodeSignature(b.minhash)), whole.length, a.shingles, b.shingles),
    containmentFrom(estimateJaccard(lead, decodeSignature(b.leadMinhash)), lead.length, a.leadShingles, b.leadShingles),
  );
}

/**
 * The decision rule: both texts have at least MIN_WORDS words, and at least MIN_CONTAINMENT of the
 * shorter one's shingles occur in the other (whole texts or leads). `minContainment` exists for the
 * benchmark's threshold sweep; callers keep the default.
 */
export function isSyndicatedCopy(a: Fingerprint, b: Fingerprint, minContainment = MIN_CONTAINMENT): boolean {
  if (a.words < MIN_WORDS || b.words < MIN_WORDS) return false;
  return containment(a, b) >= minContainment;
}
