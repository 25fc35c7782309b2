import type { Detector } from './eval/detectors.ts';
import { score, type Scores } from './eval/metrics.ts';
import { EDIT_NAMES, type EditName, type EvaluationPair } from './eval/pairs.ts';
import { fingerprint, hammingDistance, type Fingerprint } from '../../shared/dedupe/index.ts';

export interface FingerprintedPair {
  kind: EvaluationPair['kind'];
  pair: EvaluationPair;
  a: Fingerprint;
  b: Fingerprint;
}

export function fingerprintPairs(pairs: readonly EvaluationPair[]): FingerprintedPair[] {
  return pairs.map((pair) => ({ kind: pair.kind, pair, a: fingerprint(pair.a), b: fingerprint(pair.b) }));
}

export function detectorScores(pairs: readonly FingerprintedPair[], detector: Detector): Scores {
  return score(pairs, ({ a, b }) => detector.isCopy(a, b));
}

export interface EditRecall {
  edit: EditName;
  copies: number;
  found: number;
}

/** Recall over the copies that went through each kind of edit (a copy has two to four). */
export function recallByEdit(pairs: readonly FingerprintedPair[], detector: Detector): EditRecall[] {
  const copies = pairs.filter((p) => p.kind === 'copy');
  return EDIT_NAMES.map((edit) => {
    const edited = copies.filter((p) => p.pair.edits.includes(edit));
    return { edit, copies: edited.length, found: edited.filter(({ a, b }) => detector.isCopy(a, b)).length };
  });
}

export interface VariantFalseAlarms {
  variant: string;
  pairs: number;
  falsePositives: number;
}

export function falseAlarmsByVariant(pairs: readonly FingerprintedPair[], detector: Detector): VariantFalseAlarms[] {
  const distinct = pairs.filter((p) => p.kind === 'distinct');
  const variants = [...new Set(distinct.map((p) => p.pair.variant ?? 'plain'))];
  return variants.map((variant) => {
    const inVariant = distinct.filter((p) => (p.pair.variant ?? 'plain') === variant);
    return { variant, pairs: inVariant.length, falsePositives: inVariant.filter(({ a, b }) => detector.isCopy(a, b)).length };
  });
}

/**
 * The most lenient SimHash distance threshold that still keeps precision >= minPrecision on these very
 * pairs: an oracle peer, tuned on the answers, so the best SimHash could do here.
 */
export function oracleSimhashThreshold(pairs: readonly FingerprintedPair[], minPrecision: number): number {
  let best = 0;
  for (let bits = 0; bits <= 64; bits++) {
    const scores = score(pairs, ({ a, b }) => hammingDistance(a.simhash, b.simhash) <= bits);
    if (scores.precision >= minPrecision) best = bits;
  }
  return best;
}
