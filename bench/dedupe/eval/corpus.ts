import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { evalPath } from '../../../scripts/data-paths.ts';
import { seedDocs } from '../../../scripts/topics/corpus.ts';

export interface CorpusArticle {
  id: string;
  label: string;
  title: string;
  text: string;
}

/** BBC News (Greene & Cunningham 2006), 1,758 articles in five categories; body without the title. */
export function loadBbcArticles(): CorpusArticle[] {
  const file = evalPath('bbc_news', 'train.jsonl.gz');
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
  const file = evalPath('ag_news', 'train_subsample.csv.gz');
  const [header, ...rows] = parseCsv(gunzipSync(readFileSync(file)).toString('utf8'));
  if (header?.[0] !== 'label' || header[1] !== 'text') throw new Error(`unexpected AG News header: ${header?.join(',')}`);
  return rows.map(([label, raw], row) => {
    const text = raw.replace(/\\/g, ' ');
    const titleEnd = text.indexOf(' (');
    const title = titleEnd > 0 ? text.slice(0, titleEnd) : text.split(' ').slice(0, 8).join(' ');
    return { id: `ag/${row + 1}`, label: AG_CLASSES[label] ?? label, title, text };
  });
}

/** The whole news articles written for the project (data/topics-seed, "## articles"), labelled by first topic. */
export function loadProjectArticles(): CorpusArticle[] {
  return seedDocs()
    .filter((doc) => doc.source === 'article')
    .map((doc, i) => ({ id: `project-article/${i + 1}`, label: doc.labels[0], title: doc.title ?? '', text: doc.text }));
}

/**
 * The short briefs written for the project (headline and lede, like AG News items), labelled by first topic;
 * the title is their first eight words, as for AG News.
 */
export function loadProjectBriefs(): CorpusArticle[] {
  return seedDocs()
    .filter((doc) => doc.source === 'seed' && doc.text.split(' ').length >= 25)
    .map((doc, i) => ({ id: `project-brief/${i + 1}`, label: doc.labels[0], title: doc.text.split(' ').slice(0, 8).join(' '), text: doc.text }));
}
