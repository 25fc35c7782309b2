import { describe, expect, it } from 'vitest';
import { bandKeys, decodeSignature, encodeSignature, estimateJaccard, minhashSignature } from './minhash.ts';

function range(from: number, to: number): Int32Array {
  return Int32Array.from({ length: to - from }, (_, i) => from + i);
}

describe('minhashSignature', () => {
  it('gives identical sets identical signatures whatever the order', () => {
    const a = minhashSignature(Int32Array.from([5, 9, 1, 300]), 64);
    const b = minhashSignature(Int32Array.from([300, 1, 9, 5]), 64);
    expect(estimateJaccard(a, b)).toBe(1);
  });

  it.each([0.2, 0.5, 0.8])('estimates a Jaccard resemblance of %s within 0.1 with 128 values', (jaccard) => {
    // |A ∩ B| / |A ∪ B| = shared / (shared + 2 * own)
    const shared = 1000;
    const own = Math.round((shared / jaccard - shared) / 2);
    const a = minhashSignature(range(0, shared + own), 128);
    const b = minhashSignature(range(own, shared + 2 * own), 128);
    expect(Math.abs(estimateJaccard(a, b) - jaccard)).toBeLessThan(0.1);
  });

  it('finds almost nothing in common between disjoint sets', () => {
    const a = minhashSignature(range(0, 500), 128);
    const b = minhashSignature(range(500, 1000), 128);
    expect(estimateJaccard(a, b)).toBeLessThan(0.05);
  });
});

describe('signature encoding', () => {
  it('keeps the low 16 bits of each value in 2 bytes, as base64', () => {
    const signature = Int32Array.from([0x12345678, -1, 0]);
    const encoded = encodeSignature(signature);
    expect(Array.from(decodeSignature(encoded))).toEqual([0x5678, 0xffff, 0]);
    expect(encodeSignature(minhashSignature(range(0, 10), 128))).toHaveLength(344);
  });

  it('rejects a truncated encoding', () => {
    expect(() => decodeSignature('AAAA')).toThrow(/16-bit/);
  });
});

describe('bandKeys', () => {
  const signature = minhashSignature(range(0, 200), 128);

  it('makes one short key per band, numbered and prefixed', () => {
    const keys = bandKeys(signature, 16, 2, 'b');
    expect(keys).toHaveLength(16);
    expect(keys[3]).toMatch(/^b03:[0-9a-f]{8}$/);
  });

  it('changes only the key of the band whose values change', () => {
    const changed = Int32Array.from(signature);
    changed[5] ^= 1;
    const before = bandKeys(signature, 16, 2, 'b');
    const after = bandKeys(changed, 16, 2, 'b');
    expect(after.filter((key, i) => key !== before[i])).toEqual([after[2]]);
  });

  it('refuses more bands than the signature holds', () => {
    expect(() => bandKeys(signature, 65, 2, 'b')).toThrow(/exceed/);
  });
});
