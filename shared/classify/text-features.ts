import { STOPWORDS } from './stopwords.ts';

// Long articles carry their topic in the first paragraphs; reading further costs time, not accuracy.
export const MAX_TEXT_CHARS = 6000;
const TITLE_WEIGHT = 2;
const WORD = /\p{L}[\p{L}\p{M}\p{N}]*/gu;

/** Folds plural and possessive forms so headline and article vocabularies meet ("shares" -> "share"). */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !/(ss|us|is|ws)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Lower-cased, stemmed content words in reading order. */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().replace(/['’]s\b/g, '').matchAll(WORD)) {
    const word = match[0];
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    words.push(stem(word));
  }
  return words;
}

/** Adds the unigrams (and adjacent word pairs) of `words`, under the key `keyOf` gives them (none: skipped). */
function addTerms<K>(counts: Map<K, number>, words: string[], weight: number, keyOf: (term: string) => K | undefined, pairs: boolean): void {
  for (let i = 0; i < words.length; i++) {
    const word = keyOf(words[i]);
    if (word !== undefined) counts.set(word, (counts.get(word) ?? 0) + weight);
    if (i === 0 || !pairs) continue;
    const pair = keyOf(`${words[i - 1]} ${words[i]}`);
    if (pair !== undefined) counts.set(pair, (counts.get(pair) ?? 0) + weight);
  }
}

// A paragraph shorter than this is read together with the next one.
const MIN_PARAGRAPH_CHARS = 120;

/** The body's paragraphs (blank-line separated), short ones merged with the next, within MAX_TEXT_CHARS. */
export function paragraphs(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const part of text.slice(0, MAX_TEXT_CHARS).split(/\n\s*\n/)) {
    pending = pending ? `${pending}\n${part}` : part;
    if (pending.trim().length >= MIN_PARAGRAPH_CHARS) {
      out.push(pending);
      pending = '';
    }
  }
  if (pending.trim()) out.push(pending);
  return out;
}

/** Content words of the title and of each body paragraph, tokenised once for every kind of feature. */
export interface ArticleWords {
  title: string[];
  paragraphs: string[][];
}

export function articleWords(title: string | null, text: string): ArticleWords {
  return { title: title ? contentWords(title) : [], paragraphs: paragraphs(text).map(contentWords) };
}

export interface ArticleTerms<K> {
  /** Title (counted twice) and body together. */
  whole: Map<K, number>;
  /** One entry per paragraph of the body, so a topic covered by part of an article still shows. */
  paragraphs: Map<K, number>[];
}

/**
 * Unigram and word-pair counts (the sparse model's features) of the whole article and of each
 * paragraph, keyed by `keyOf` (at inference, the term's index in a vocabulary, so unknown terms cost
 * nothing further).
 */
export function articleTerms<K>(words: ArticleWords, keyOf: (term: string) => K | undefined): ArticleTerms<K> {
  const whole = new Map<K, number>();
  addTerms(whole, words.title, TITLE_WEIGHT, keyOf, true);
  const byParagraph = words.paragraphs.map((paragraph) => {
    const counts = new Map<K, number>();
    addTerms(counts, paragraph, 1, keyOf, true);
    for (const [key, n] of counts) whole.set(key, (whole.get(key) ?? 0) + n);
    return counts;
  });
  return { whole, paragraphs: byParagraph };
}

/** Word counts alone over the whole article, the title's as articleTerms counts them: what the word part reads. */
export function articleWordCounts<K>(words: ArticleWords, keyOf: (word: string) => K | undefined): Map<K, number> {
  const counts = new Map<K, number>();
  addTerms(counts, words.title, TITLE_WEIGHT, keyOf, false);
  for (const paragraph of words.paragraphs) addTerms(counts, paragraph, 1, keyOf, false);
  return counts;
}

/** Term counts of the whole article; the title counts double. */
export function termCounts(title: string | null, text: string): Map<string, number> {
  return articleTerms(articleWords(title, text), (term) => term).whole;
}

/**
 * Sparse feature vector from counts keyed by vocabulary index: log-scaled counts, L2-normalised so
 * that a headline and a long article land on the same scale (which lets one threshold serve both).
 */
export function unitVector(counts: Map<number, number>): { indices: Int32Array; values: Float32Array } {
  const indices = new Int32Array(counts.size);
  const values = new Float32Array(counts.size);
  let norm = 0;
  let j = 0;
  for (const [index, count] of counts) {
    const value = 1 + Math.log(count);
    indices[j] = index;
    values[j++] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < values.length; i++) values[i] *= scale;
  return { indices, values };
}

/** unitVector of term counts, keeping only the vocabulary's terms. */
export function featureVector(
  counts: Map<string, number>,
  vocabulary: ReadonlyMap<string, number>,
): { indices: Int32Array; values: Float32Array } {
  const indexed = new Map<number, number>();
  for (const [term, count] of counts) {
    const index = vocabulary.get(term);
    if (index !== undefined) indexed.set(index, count);
  }
  return unitVector(indexed);
}
