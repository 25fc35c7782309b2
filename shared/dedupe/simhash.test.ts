import { describe, expect, it } from 'vitest';
import { hammingDistance, simhash64 } from './simhash.ts';

describe('simhash64', () => {
  it('is 16 hex characters and equal for equal feature sets', () => {
    const hash = simhash64(Int32Array.from([1, 2, 3]));
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash64(Int32Array.from([3, 2, 1]))).toBe(hash);
  });

  it('moves few bits when few features change and many when all do', () => {
    const features = Int32Array.from({ length: 400 }, (_, i) => i);
    const edited = Int32Array.from(features, (v, i) => (i < 8 ? v + 10_000 : v));
    const other = Int32Array.from(features, (v) => v + 20_000);
    expect(hammingDistance(simhash64(features), simhash64(edited))).toBeLessThan(10);
    expect(hammingDistance(simhash64(features), simhash64(other))).toBeGreaterThan(16);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits across both 32-bit halves', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
  });

  it('rejects values that are not 64-bit hex', () => {
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow(/16 hex/);
  });
});
