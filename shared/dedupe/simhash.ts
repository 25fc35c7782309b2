import { fmix32, hex32 } from './hash.ts';

const HIGH_SEED = 0x5bd1e995;
const LOW_SEED = 0x1b873593;

/**
 * Charikar's 64-bit SimHash over hashed features, each weighted 1, as 16 hex characters.
 * Near-identical feature sets give hashes a few bits apart (Manku et al. use <= 3 of 64).
 */
export function simhash64(features: Int32Array): string {
  const votes = new Int32Array(64);
  for (let f = 0; f < features.length; f++) {
    const x = features[f];
    const high = fmix32(x ^ HIGH_SEED);
    const low = fmix32(x ^ LOW_SEED);
    // Branch-free: the bits are random, so a conditional would be mispredicted half the time.
    for (let bit = 0; bit < 32; bit++) {
      votes[bit] += (((high >>> bit) & 1) << 1) - 1;
      votes[bit + 32] += (((low >>> bit) & 1) << 1) - 1;
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (votes[bit] > 0) high |= 1 << bit;
    if (votes[bit + 32] > 0) low |= 1 << bit;
  }
  return hex32(high) + hex32(low);
}

function popcount32(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

export function hammingDistance(a: string, b: string): number {
  if (a.length !== 16 || b.length !== 16) throw new Error('simhash must be 16 hex characters');
  return (
    popcount32(parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) +
    popcount32(parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16))
  );
}
