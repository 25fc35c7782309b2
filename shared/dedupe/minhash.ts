import { combine32, fmix32, hex32, minOfPermuted } from './hash.ts';

// One seed per permutation. h_i(x) = fmix32(x ^ seed_i) is a bijection of the 32-bit space for each i,
// i.e. a pseudo-random permutation, which is what MinHash needs.
function permutationSeeds(count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9)));
}

const seedCache = new Map<number, Int32Array>();

/** MinHash signature: for each of `size` permutations, the smallest permuted shingle hash (signed order,
 * which is as good a fixed order as any). */
export function minhashSignature(shingles: Int32Array, size: number): Int32Array {
  let seeds = seedCache.get(size);
  if (!seeds) {
    seeds = permutationSeeds(size);
    seedCache.set(size, seeds);
  }
  return seeds.map((seed) => minOfPermuted(shingles, seed));
}

/** Fraction of equal positions: an unbiased estimate of the Jaccard resemblance of the shingle sets. */
export function estimateJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`signature sizes differ: ${a.length} vs ${b.length}`);
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return a.length === 0 ? 0 : equal / a.length;
}

/**
 * LSH band keys: band i is `rows` consecutive signature values. Two texts share band i's key with
 * probability J^rows, so they share at least one of `bands` keys with probability 1 - (1 - J^rows)^bands.
 * A key is the prefix, the band number and a 32-bit hash of its values (12 characters); and a spurious match
 * (probability 2^-32 per stored text) only costs one extra candidate to verify.
 */
export function bandKeys(signature: Int32Array, bands: number, rows: number, prefix: string): string[] {
  if (bands * rows > signature.length) throw new Error(`${bands}x${rows} bands exceed a ${signature.length}-value signature`);
  const keys: string[] = [];
  for (let band = 0; band < bands; band++) {
    const values = combine32(signature, band * rows, (band + 1) * rows);
    keys.push(`${prefix}${String(band).padStart(2, '0')}:${hex32(values)}`);
  }
  return keys;
}

/**
 * b-bit MinHash (Li & König 2010) with b = 16: only the low 16 bits of each value are stored. Two unequal
 * values then agree by chance with probability 2^-16, a bias far below the estimate's own noise.
 * Little-endian base64: 128 values take 344 characters.
 */
export function encodeSignature(signature: Int32Array): string {
  const bytes = Buffer.alloc(signature.length * 2);
  signature.forEach((v, i) => bytes.writeUInt16LE(v & 0xffff, i * 2));
  return bytes.toString('base64');
}

export function decodeSignature(encoded: string): Uint16Array {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length % 2 !== 0) throw new Error('minhash signature is not a whole number of 16-bit values');
  return Uint16Array.from({ length: bytes.length / 2 }, (_, i) => bytes.readUInt16LE(i * 2));
}
