import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export interface CorpusArticle {
  id: string;
  label: string;
  title: string;
  text: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The read-only data folder beside the repo; SYNDIC_SHARED_DIR overrides it. */
export function sharedDir(): string {
  return process.env.SYNDIC_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
}

/** BBC News (Greene & Cunningham 2006), 1,758 articles in five categories; body without the title. */
export function loadBbcArticles(): CorpusArticle[] {
  const file = path.join(sharedDir(), 'corpora', 'bbc_news', 'train.jsonl.gz');
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusArticle);
}

/** RFC 4180 rows: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

const AG_CLASSES: Record<string, string> = { '1': 'world', '2': 'sports', '3': 'business', '4': 'scitech' };

/**
 * AG News subsample (Zhang et al. 2015), 10,554 short items (median ~38 words): "Title (Source) Source -
 * description". Its backslashes mark lost line breaks and become spaces.
 */
export function loadAgNewsArticles(): CorpusArticle[] {
  const file = path.join(sharedDir(), 'corpora', 'ag_news', 'train_subsample.csv.gz');
  const [header, ...rows] = parseCsv(gunzipSync(readFileSync(file)).toString('utf8'));
  if (header?.[0] !== 'label' || header[1] !== 'text') throw new Error(`unexpected AG News header: ${header?.join(',')}`);
  return rows.map(([label, raw], row) => {
    const text = raw.replace(/\\/g, ' ');
    const titleEnd = text.indexOf(' (');
    const title = titleEnd > 0 ? text.slice(0, titleEnd) : text.split(' ').slice(0, 8).join(' ');
    return { id: `ag/${row + 1}`, label: AG_CLASSES[label] ?? label, title, text };
  });
}
