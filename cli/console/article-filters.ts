// The Articles page's URL is a saved query: the same names and values as `syndic query`'s flags
// (topic by code or label, source, language, since/until as 7d or a date). A relative window is pinned
// to absolute times on the first page, so every later page and export reads the same window and the
// signed cursors (which carry their query) stay valid.
import { UsageError, parseSince } from '../args.ts';
import { resolveTopicCode } from '../topic-names.ts';
import type { ArticleQuery } from '../../shared/store/article-query.ts';

export const FILTER_NAMES = ['topic', 'source', 'language', 'since', 'until'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type ArticleFilters = Partial<Record<FilterName, string>>;

/** The CLI's default window. */
export const DEFAULT_SINCE = '30d';
export const PAGE_SIZE = 50;

/** `limit` as `syndic query --limit` takes it (1 to 100); the page size when absent. */
export function pageSize(raw: string | undefined): number {
  if (raw === undefined || raw === '') return PAGE_SIZE;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError('limit must be a whole number from 1 to 100');
  return limit;
}

export function filtersFrom(params: Record<string, string | undefined>): ArticleFilters {
  const filters: ArticleFilters = {};
  for (const name of FILTER_NAMES) {
    const value = params[name]?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

export interface ResolvedFilters {
  query: ArticleQuery;
  /** The filters with since/until as absolute times: what the next page and the exports carry. */
  pinned: ArticleFilters;
}

/** Throws UsageError for a topic or time the CLI would refuse too. */
export function resolveFilters(filters: ArticleFilters, now: Date): ResolvedFilters {
  const since = parseSince(filters.since ?? DEFAULT_SINCE, now)!;
  const until = parseSince(filters.until, now) ?? now.toISOString();
  const query: ArticleQuery = {
    topic: filters.topic === undefined ? undefined : resolveTopicCode(filters.topic),
    source: filters.source,
    language: filters.language,
    since,
    until,
  };
  for (const key of Object.keys(query) as (keyof ArticleQuery)[]) if (query[key] === undefined) delete query[key];
  return { query, pinned: { ...filters, since, until } };
}

export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
