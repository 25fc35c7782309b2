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

function addTerms(counts: Map<string, number>, words: string[], weight: number): void {
  for (let i = 0; i < words.length; i++) {
    counts.set(words[i], (counts.get(words[i]) ?? 0) + weight);
    if (i > 0) {
      const bigram = `${words[i - 1]} ${words[i]}`;
      counts.set(bigram, (counts.get(bigram) ?? 0) + weight);
    }
  }
}

// A paragraph shorter than this is read together with the next one.
const MIN_PARAGRAPH_CHARS = 200;

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

export interface ArticleTerms {
  /** Title (counted twice) and body together. */
  whole: Map<string, number>;
  /** One entry per paragraph of the body, so a topic covered by part of an article still shows. */
  paragraphs: Map<string, number>[];
}

/** Term counts (unigrams and bigrams of content words) of the whole article and of each paragraph. */
export function articleTerms(title: string | null, text: string): ArticleTerms {
  const whole = new Map<string, number>();
  if (title) addTerms(whole, contentWords(title), TITLE_WEIGHT);
  const byParagraph = paragraphs(text).map((paragraph) => {
    const counts = new Map<string, number>();
    addTerms(counts, contentWords(paragraph), 1);
    for (const [term, n] of counts) whole.set(term, (whole.get(term) ?? 0) + n);
    return counts;
  });
  return { whole, paragraphs: byParagraph };
}

/** Term counts of the whole article; the title counts double. */
export function termCounts(title: string | null, text: string): Map<string, number> {
  return articleTerms(title, text).whole;
}

/**
 * Sparse feature vector over a fixed vocabulary: log-scaled counts, L2-normalised so that a
 * headline and a long article land on the same scale (which is what lets one threshold serve both).
 */
export function featureVector(
  counts: Map<string, number>,
  vocabulary: ReadonlyMap<string, number>,
): { indices: Int32Array; values: Float32Array } {
  const indices: number[] = [];
  const values: number[] = [];
  let norm = 0;
  for (const [term, count] of counts) {
    const index = vocabulary.get(term);
    if (index === undefined) continue;
    const value = 1 + Math.log(count);
    indices.push(index);
    values.push(value);
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { indices: Int32Array.from(indices), values: Float32Array.from(values, (v) => v * scale) };
}
