import { MAX_TEXT_CHARS, unitVector } from './text-features.ts';

/**
 * Language-independent features for the multilingual topic model, hashed into a fixed number of
 * buckets (the hashing trick: no vocabulary to ship or look up). Words and their character 3- to
 * 5-grams, so that inflected forms ("выборах", "выборы") share most features; in Chinese and Japanese,
 * which do not separate words, runs of Han and kana give character 1- to 3-grams instead.
 */
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+|\p{L}[\p{L}\p{M}\p{N}]*/gu;
const CJK_RUN = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]/u;
const TITLE_WEIGHT = 2;

/** FNV-1a over UTF-16 code units, folded into `buckets` (a power of two). */
export function hashFeature(feature: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & (buckets - 1);
}

function add(counts: Map<number, number>, feature: string, buckets: number, weight: number): void {
  const bucket = hashFeature(feature, buckets);
  counts.set(bucket, (counts.get(bucket) ?? 0) + weight);
}

function addNgrams(counts: Map<number, number>, chars: string, from: number, to: number, buckets: number, weight: number): void {
  for (let n = from; n <= to; n++) {
    for (let i = 0; i + n <= chars.length; i++) add(counts, chars.slice(i, i + n), buckets, weight);
  }
}

function addText(counts: Map<number, number>, text: string, buckets: number, weight: number): void {
  for (const [token] of text.toLowerCase().matchAll(TOKEN)) {
    if (CJK_RUN.test(token)) {
      addNgrams(counts, token, 1, 3, buckets, weight);
      continue;
    }
    if (token.length < 2) continue;
    add(counts, `w ${token}`, buckets, weight);
    addNgrams(counts, `<${token}>`, 3, 5, buckets, weight);
  }
}

/** Hashed feature counts of an article (the title counts twice), within MAX_TEXT_CHARS of text. */
export function hashedCounts(title: string | null, text: string, buckets: number): Map<number, number> {
  const counts = new Map<number, number>();
  if (title) addText(counts, title, buckets, TITLE_WEIGHT);
  addText(counts, text.slice(0, MAX_TEXT_CHARS), buckets, 1);
  return counts;
}

/** The L2-normalised, log-scaled feature vector the model reads. */
export function hashedVector(title: string | null, text: string, buckets: number): { indices: Int32Array; values: Float32Array } {
  return unitVector(hashedCounts(title, text, buckets));
}
