// SIB-200 (CC BY-SA 4.0): topic-labelled sentences, parallel across languages (the same index_id is
// the same sentence in every language). Train and dev are in data/sib200; the test split, the judge,
// is read only by the benchmark, from SYNDIC_EVAL_DIR.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataPath, evalDir } from '../data-paths.ts';
import path from 'node:path';

/** ISO 639-1 code -> SIB-200's folder, for the 15 languages the repository holds. */
export const SIB_LANGUAGES: Record<string, string> = {
  en: 'eng_Latn', de: 'deu_Latn', fr: 'fra_Latn', es: 'spa_Latn', ru: 'rus_Cyrl', pt: 'por_Latn', it: 'ita_Latn',
  nl: 'nld_Latn', pl: 'pol_Latn', uk: 'ukr_Cyrl', tr: 'tur_Latn', ar: 'arb_Arab', zh: 'zho_Hans', ja: 'jpn_Jpan', hi: 'hin_Deva',
};

/** SIB-200's 7 topics (and eng_14's 14) -> IPTC top-level codes (data/sib200/SOURCE.md); geography has none. */
export const SIB_TO_IPTC: Record<string, string | null> = {
  'science/technology': 'medtop:13000000', travel: 'medtop:10000000', politics: 'medtop:11000000', sports: 'medtop:15000000',
  health: 'medtop:07000000', entertainment: 'medtop:01000000', geography: null,
  science: 'medtop:13000000', technology: 'medtop:13000000', business: 'medtop:04000000', crime: 'medtop:02000000',
  disasters: 'medtop:03000000', education: 'medtop:05000000', religion: 'medtop:12000000', nature: 'medtop:06000000',
};

export interface SibSentence {
  id: string;
  category: string;
  text: string;
}

export type SibSplit = 'train' | 'dev' | 'test';

function parseTsv(text: string): SibSentence[] {
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [id, category, ...rest] = line.split('\t');
      // The source TSV quotes a sentence that holds quotes, doubling them inside.
      const raw = rest.join('\t');
      const text = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw;
      return { id, category, text };
    });
}

function readTsv(file: string): SibSentence[] {
  const raw = readFileSync(file);
  return parseTsv(file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8'));
}

/** A train or dev split from data/sib200 (`folder`: a SIB_LANGUAGES value or 'eng_14'). */
export function sibSplit(folder: string, split: 'train' | 'dev'): SibSentence[] {
  return readTsv(dataPath('sib200', folder, `${split}.tsv.gz`));
}

/** The test split from $SYNDIC_EVAL_DIR/sib200/<folder>/test.tsv(.gz), or null when it is not there. */
export function sibTestSplit(folder: string): SibSentence[] | null {
  for (const name of ['test.tsv', 'test.tsv.gz']) {
    const file = path.join(evalDir(), 'sib200', folder, name);
    if (existsSync(file)) return readTsv(file);
  }
  return null;
}
