// The whole result of an Articles query as CSV or NDJSON, read page by page through the query library
// and written as it is read, so an export of any size holds one page in memory.
import { queryArticles } from '../../shared/store/article-query.ts';
import type { ArticleQuery } from '../../shared/store/article-query.ts';
import type { ArticleStore } from '../../shared/store/article-store.ts';
import type { CursorCodec } from '../../shared/store/cursor.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';

export type ExportFormat = 'csv' | 'ndjson';

const CSV_COLUMNS: [string, (record: ArticleRecord) => string | number | null][] = [
  ['id', (r) => r.id],
  ['publishedAt', (r) => r.publishedAt],
  ['fetchedAt', (r) => r.fetchedAt],
  ['source', (r) => r.source.host],
  ['title', (r) => r.title],
  ['url', (r) => r.url],
  ['language', (r) => r.language],
  ['topics', (r) => r.topics.map((topic) => topic.code).join(' ')],
  ['customTopics', (r) => r.customTopics.map((topic) => topic.id).join(' ')],
  ['authors', (r) => r.authors.join('; ')],
  ['wordCount', (r) => r.wordCount],
  ['storyId', (r) => r.storyId],
  ['duplicateOf', (r) => r.duplicateOf],
];

/** One CSV field: quoted when needed, and a leading =, +, -, @ defused so a spreadsheet shows it as text. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export function exportLine(record: ArticleRecord, format: ExportFormat): string {
  return format === 'ndjson' ? `${JSON.stringify(record)}\n` : csvLine(CSV_COLUMNS.map(([, get]) => get(record)));
}

export function exportHeader(format: ExportFormat): string {
  return format === 'csv' ? csvLine(CSV_COLUMNS.map(([name]) => name)) : '';
}

/** Every page of the query, in order; the first page is read before anything is written. */
export async function* exportPages(articles: ArticleStore, query: ArticleQuery, cursors: CursorCodec): AsyncGenerator<ArticleRecord[]> {
  let cursor: string | undefined;
  do {
    const page = await queryArticles(articles, { ...query, limit: 100, ...(cursor ? { cursor } : {}) }, cursors);
    yield page.items;
    cursor = page.cursor ?? undefined;
  } while (cursor);
}
