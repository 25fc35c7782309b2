// The numbers and series of the Overview page. Article counts come from the store's day counters
// through the query library (countByDay): a BatchGet of one small item per day, whatever the volume.
import type { DayCount } from '../../shared/store/article-counts.ts';
import { NO_TOPIC } from '../../shared/store/article-counts.ts';
import { summarizeByReason } from '../../shared/store/dead-letters.ts';
import type { DeadLetterEntry } from '../../shared/store/dead-letters.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
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

/** The UTC days from the first bucket of the chart, or from 7 days before `now`, whichever is earlier, to today. */
export function overviewDays(now: Date, bucket: Bucket): string[] {
  const first = Math.min(Date.parse(bucketLabels(now, bucket)[0]), Date.parse(bucketStart(new Date(now.getTime() - 7 * DAY_MS).toISOString(), 'day')));
  const days: string[] = [];
  for (let t = first; t <= now.getTime(); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Events counted `count` times each (once without one). */
export interface CountedEvent {
  time: string;
  name: string;
  count?: number;
}

/** Counts per bucket and per name; the names with the most counts first, the rest summed into 'other'. */
export function countSeries(events: CountedEvent[], labels: string[], bucket: Bucket): Series[] {
  const index = new Map(labels.map((label, i) => [label, i]));
  const totals = new Map<string, number>();
  for (const event of events) if (index.has(bucketStart(event.time, bucket))) totals.set(event.name, (totals.get(event.name) ?? 0) + (event.count ?? 1));
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  const shown = new Set(ranked.slice(0, TOP_SERIES));
  const names = [...ranked.slice(0, TOP_SERIES), ...(ranked.length > TOP_SERIES ? ['other'] : [])];
  const values = new Map(names.map((name) => [name, labels.map(() => 0)]));
  for (const event of events) {
    const i = index.get(bucketStart(event.time, bucket));
    if (i === undefined) continue;
    values.get(shown.has(event.name) ? event.name : 'other')![i] += event.count ?? 1;
  }
  return names.map((name) => ({ name, values: values.get(name)! }));
}

/** Originals per bucket by primary topic, named by `label` (an IPTC code in, its label out). */
export function articlesPerTopic(days: DayCount[], now: Date, bucket: Bucket, label: (code: string) => string): ChartData {
  const labels = bucketLabels(now, bucket);
  const events = days.flatMap((day) => Object.entries(day.topics).map(([code, count]) => ({ time: `${day.day}T00:00:00.000Z`, name: code === NO_TOPIC ? 'no topic' : label(code), count })));
  return { labels, series: countSeries(events, labels, bucket) };
}

/** When a letter failed for good, as best it is known (a letter SQS moved by itself knows only its first failure). */
const failedAt = (letter: DeadLetterEntry) => letter.lastFailureAt ?? letter.firstFailureAt;

export function failuresPerReason(letters: DeadLetterEntry[], now: Date, bucket: Bucket): ChartData {
  const labels = bucketLabels(now, bucket);
  const events = letters.flatMap((letter) => (failedAt(letter) ? [{ time: failedAt(letter)!, name: letter.errorCode }] : []));
  return { labels, series: countSeries(events, labels, bucket) };
}

/** Originals in the current UTC hour and the `hours` - 1 before it. */
export function countHours(days: DayCount[], now: Date, hours: number): number {
  const last = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const from = last - (hours - 1) * HOUR_MS;
  let sum = 0;
  for (const day of days) {
    day.hours.forEach((count, h) => {
      const at = Date.parse(`${day.day}T00:00:00.000Z`) + h * HOUR_MS;
      if (at >= from && at <= last) sum += count;
    });
  }
  return sum;
}

/** The dead-letter module's summary by error code, with the latest reason and failure of each code. */
export interface ReasonCount {
  errorCode: string;
  reason: string;
  count: number;
  newest: string | null;
}

export function lettersByReason(letters: DeadLetterEntry[]): ReasonCount[] {
  return summarizeByReason(letters).map(({ errorCode, count }) => {
    const latest = letters.filter((letter) => letter.errorCode === errorCode).reduce((a, b) => ((failedAt(b) ?? '') > (failedAt(a) ?? '') ? b : a));
    return { errorCode, count, reason: latest.reason, newest: failedAt(latest) };
  });
}

export function chartCsv(chart: ChartData, csvLine: (values: (string | number)[]) => string): string {
  return csvLine(['bucket', ...chart.series.map((s) => s.name)]) + chart.labels.map((label, i) => csvLine([label, ...chart.series.map((s) => s.values[i])])).join('');
}
