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

/** Adds the unigrams and adjacent word pairs of `words`, under the key `keyOf` gives them (none: skipped). */
function addTerms<K>(counts: Map<K, number>, words: string[], weight: number, keyOf: (term: string) => K | undefined): void {
  for (let i = 0; i < words.length; i++) {
    const word = keyOf(words[i]);
    if (word !== undefined) counts.set(word, (counts.get(word) ?? 0) + weight);
    if (i === 0) continue;
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

export interface ArticleTerms<K> {
  /** Title (counted twice) and body together. */
  whole: Map<K, number>;
  /** One entry per paragraph of the body, so a topic covered by part of an article still shows. */
  paragraphs: Map<K, number>[];
}

/**
 * Term counts (unigrams and word pairs of content words) of the whole article and of each paragraph,
 * keyed by `keyOf` (at inference, the term's vocabulary index, so unknown terms cost nothing further).
 */
export function articleTerms<K>(title: string | null, text: string, keyOf: (term: string) => K | undefined): ArticleTerms<K> {
  const whole = new Map<K, number>();
  if (title) addTerms(whole, contentWords(title), TITLE_WEIGHT, keyOf);
  const byParagraph = paragraphs(text).map((paragraph) => {
    const counts = new Map<K, number>();
    addTerms(counts, contentWords(paragraph), 1, keyOf);
    for (const [key, n] of counts) whole.set(key, (whole.get(key) ?? 0) + n);
    return counts;
  });
  return { whole, paragraphs: byParagraph };
}

/** Term counts of the whole article; the title counts double. */
export function termCounts(title: string | null, text: string): Map<string, number> {
  return articleTerms(title, text, (term) => term).whole;
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
