// The numbers and series of the Overview page, all read through the query library (timeline index).
// Windows are read up to READ_CAP records; a capped figure says so rather than pretend to be exact.
import { queryArticles } from '../../shared/store/article-query.ts';
import type { ArticleStore } from '../../shared/store/article-store.ts';
import type { CursorCodec } from '../../shared/store/cursor.ts';
import { sortTime } from '../../shared/store/records.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';
import type { DeadLetter } from './dead-letters.ts';

export const READ_CAP = 2000;
const DAY_MS = 86_400_000;
/** Topics shown as their own series; the rest are summed as 'other'. */
const TOP_SERIES = 6;

export type Bucket = 'day' | 'week';
export const BUCKETS: Record<Bucket, { count: number; ms: number }> = { day: { count: 14, ms: DAY_MS }, week: { count: 12, ms: 7 * DAY_MS } };

export interface Series {
  name: string;
  values: number[];
}

/** A chart's data, which its table shows too: one row per label, one column per series. */
export interface ChartData {
  labels: string[];
  series: Series[];
  /** True when the window held more than READ_CAP records and only the newest were counted. */
  capped: boolean;
}

export interface WindowRead {
  records: ArticleRecord[];
  capped: boolean;
}

/** Newest first, through the query library's paging, up to READ_CAP records. */
export async function readWindow(articles: ArticleStore, cursors: CursorCodec, since: Date, until: Date): Promise<WindowRead> {
  const records: ArticleRecord[] = [];
  let cursor: string | null = null;
  const window = { since: since.toISOString(), until: until.toISOString() };
  do {
    const page = await queryArticles(articles, { ...window, limit: 100, ...(cursor ? { cursor } : {}) }, cursors);
    records.push(...page.items);
    cursor = page.cursor;
  } while (cursor && records.length < READ_CAP);
  return { records: records.slice(0, READ_CAP), capped: cursor !== null || records.length > READ_CAP };
}

/** Start of the bucket holding `time`: the UTC day, or the Monday of its ISO week. */
export function bucketStart(time: string, bucket: Bucket): string {
  const day = new Date(`${time.slice(0, 10)}T00:00:00Z`);
  if (bucket === 'week') day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** The labels of the last `count` buckets up to `now`, oldest first. */
export function bucketLabels(now: Date, bucket: Bucket): string[] {
  const { count, ms } = BUCKETS[bucket];
  const last = bucketStart(now.toISOString(), bucket);
  return Array.from({ length: count }, (_, i) => new Date(Date.parse(last) - (count - 1 - i) * ms).toISOString().slice(0, 10));
}

export function windowStart(now: Date, bucket: Bucket): Date {
  return new Date(bucketLabels(now, bucket)[0]);
}

/** Counts per bucket and per name; the names with the most counts first, the rest summed into 'other'. */
export function countSeries(events: { time: string; name: string }[], labels: string[], bucket: Bucket): Series[] {
  const index = new Map(labels.map((label, i) => [label, i]));
  const totals = new Map<string, number>();
  for (const event of events) if (index.has(bucketStart(event.time, bucket))) totals.set(event.name, (totals.get(event.name) ?? 0) + 1);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  const shown = new Set(ranked.slice(0, TOP_SERIES));
  const names = [...ranked.slice(0, TOP_SERIES), ...(ranked.length > TOP_SERIES ? ['other'] : [])];
  const values = new Map(names.map((name) => [name, labels.map(() => 0)]));
  for (const event of events) {
    const i = index.get(bucketStart(event.time, bucket));
    if (i === undefined) continue;
    values.get(shown.has(event.name) ? event.name : 'other')![i]++;
  }
  return names.map((name) => ({ name, values: values.get(name)! }));
}

export function articlesPerTopic(window: WindowRead, now: Date, bucket: Bucket): ChartData {
  const labels = bucketLabels(now, bucket);
  const events = window.records.map((record) => ({ time: sortTime(record), name: record.topics[0]?.label ?? 'no topic' }));
  return { labels, series: countSeries(events, labels, bucket), capped: window.capped };
}

export function failuresPerReason(letters: DeadLetter[], now: Date, bucket: Bucket): ChartData {
  const labels = bucketLabels(now, bucket);
  const events = letters.map((letter) => ({ time: letter.sentAt, name: letter.errorCode }));
  return { labels, series: countSeries(events, labels, bucket), capped: false };
}

export function countSince(window: WindowRead, since: Date): { count: number; capped: boolean } {
  const from = since.toISOString();
  const count = window.records.filter((record) => sortTime(record) >= from).length;
  return { count, capped: window.capped && count === window.records.length };
}

export interface ReasonCount {
  errorCode: string;
  reason: string;
  count: number;
  newest: string;
}

export function lettersByReason(letters: DeadLetter[]): ReasonCount[] {
  const groups = new Map<string, ReasonCount>();
  for (const letter of letters) {
    const group = groups.get(letter.errorCode) ?? { errorCode: letter.errorCode, reason: letter.reason, count: 0, newest: letter.sentAt };
    group.count++;
    if (letter.sentAt > group.newest) group.newest = letter.sentAt;
    groups.set(letter.errorCode, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.errorCode.localeCompare(b.errorCode));
}

export function chartCsv(chart: ChartData, csvLine: (values: (string | number)[]) => string): string {
  return csvLine(['bucket', ...chart.series.map((s) => s.name)]) + chart.labels.map((label, i) => csvLine([label, ...chart.series.map((s) => s.values[i])])).join('');
}
