// 32-bit hashing primitives. Everything here is deterministic across Node versions and platforms,
// because fingerprints and band keys are stored and compared across deployments. Hashes are signed
// int32 values, which V8 keeps unboxed. Loops that mix every value live here, beside fmix32: a call
// per value into another module is not inlined under vitest's and tsx's module wrappers (measured 4-8x
// slower).

/** MurmurHash3's finalizer: a bijection on 32-bit values with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** FNV-1a over UTF-16 code units, finalized with fmix32 so that similar words get unrelated hashes. */
export function hashString32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** Order-sensitive combination of uint32 values (a shingle from its word hashes). */
export function combine32(values: ArrayLike<number>, start: number, end: number): number {
  let h = 0x9747b28c;
  for (let i = start; i < end; i++) h = Math.imul(fmix32(h ^ values[i]), 0x01000193);
  return fmix32(h);
}

/** The smallest fmix32(value ^ seed) over the values (in signed order): one MinHash permutation's minimum. */
export function minOfPermuted(values: Int32Array, seed: number): number {
  let min = 0x7fffffff;
  for (let i = 0; i < values.length; i++) {
    const v = fmix32(values[i] ^ seed);
    if (v < min) min = v;
  }
  return min;
}

export function hex32(v: number): string {
  return (v >>> 0).toString(16).padStart(8, '0');
}
