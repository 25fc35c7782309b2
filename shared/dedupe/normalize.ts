// Text normalization shared by the content hash and the shingles: two copies of a story that differ only
// in case, Unicode form, typography (curly quotes, dashes, non-breaking spaces, ligatures), accents or
// punctuation normalize to the same string.

const COMBINING_MARKS = /\p{M}+/gu;
// Apostrophes inside a word are dropped so that "Russia's" and "Russia’s" both become "russias".
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['\u2018\u2019\u02bc\u0060\u00b4](?=[\p{L}\p{N}])/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

export function normalizeForHash(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(INNER_APOSTROPHE, '')
    .replace(NON_WORD, ' ')
    .trim();
}

/** The words of a normalizeForHash result. */
export function wordsOf(normalized: string): string[] {
  return normalized === '' ? [] : normalized.split(' ');
}
