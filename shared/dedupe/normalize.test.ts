import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForHash, wordsOf } from './normalize.ts';

describe('normalizeForHash', () => {
  it('lower-cases and collapses whitespace, line breaks and punctuation into single spaces', () => {
    expect(normalizeForHash('  Putin SAID:\r\n\r\n"We are   expecting you!"  ')).toBe('putin said we are expecting you');
  });

  it('treats curly and straight apostrophes and quotes alike', () => {
    expect(normalizeForHash('Russia’s “best” ties')).toBe(normalizeForHash('Russia\'s "best" ties'));
    expect(normalizeForHash('Russia’s')).toBe('russias');
  });

  it('folds typography: dashes, ellipses, ligatures and non-breaking spaces', () => {
    expect(normalizeForHash('proﬁts\u00a0rose — again…')).toBe('profits rose again');
  });

  it('strips accents so that transliterated copies match', () => {
    expect(normalizeForHash('Café Zürich São Paulo')).toBe('cafe zurich sao paulo');
  });

  it('keeps letters of non-Latin scripts and digits', () => {
    expect(normalizeForHash('Путин: 64%')).toBe('путин 64');
  });

  it('turns text without letters or digits into the empty string', () => {
    expect(normalizeForHash(' — … ! ')).toBe('');
    expect(wordsOf(normalizeForHash(' — … ! '))).toEqual([]);
  });

  it('is idempotent, so a stored normalized text hashes like its source', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => normalizeForHash(normalizeForHash(text)) === normalizeForHash(text)),
      { numRuns: 2000 },
    );
  });
});
