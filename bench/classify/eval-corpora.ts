// Evaluation-only corpora (AG News, BBC): research licences, never used to train the shipped model.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { labelMaps, readJsonLines } from '../../scripts/topics/corpus.ts';
import { EvalDataMissing, evalPath } from '../../scripts/data-paths.ts';

export interface EvalDoc {
  title: string | null;
  text: string;
  /** The dataset's own class name. */
  gold: string;
}

export interface EvalSet {
  name: string;
  docs: EvalDoc[];
  /** Dataset class -> the IPTC codes that count as right ('any of'). */
  codes: Record<string, string[]>;
}

/** Minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

function mapped(set: Record<string, string[] | null>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(set).filter((e): e is [string, string[]] => e[1] !== null));
}

export function agNews(): EvalSet {
  const csv = gunzipSync(readFileSync(evalPath('ag_news', 'train_subsample.csv.gz'))).toString('utf8');
  const names = ['1 World', '2 Sports', '3 Business', '4 Sci/Tech'];
  const docs = parseCsv(csv)
    .slice(1)
    .filter((r) => r.length >= 2)
    // AG text is "title description" with backslash-escaped line breaks; it is scored as body text.
    .map(([label, text]) => ({ title: null, text: text.replace(/\\/g, ' '), gold: names[Number(label) - 1] }));
  return { name: 'AG News', docs, codes: mapped(labelMaps().ag_news) };
}

export function bbcNews(): EvalSet {
  const rows = readJsonLines<{ label: string; title: string; text: string }>(
    evalPath('bbc_news', 'train.jsonl.gz'),
  );
  return {
    name: 'BBC News',
    docs: rows.map((r) => ({ title: r.title, text: r.text, gold: r.label })),
    codes: mapped(labelMaps().bbc_news),
  };
}

/** The research-only sets that are present, and one line for each that is not (its rows are skipped). */
export function availableEvalSets(): { sets: EvalSet[]; missing: string[] } {
  const sets: EvalSet[] = [];
  const missing: string[] = [];
  for (const load of [bbcNews, agNews]) {
    try {
      sets.push(load());
    } catch (error) {
      if (!(error instanceof EvalDataMissing)) throw error;
      missing.push(`skipped: ${error.message}`);
    }
  }
  return { sets, missing };
}
