import { describe, expect, it } from 'vitest';
import { bucketLabels, bucketStart, countSeries } from './overview.ts';
import { csvField } from './export.ts';
import { safeHref } from './views/parts.tsx';

describe('chart buckets', () => {
  it('starts a week on its Monday and a day at midnight UTC', () => {
    expect(bucketStart('2026-11-28T23:59:00.000Z', 'day')).toBe('2026-11-28');
    expect(bucketStart('2026-11-28T12:00:00.000Z', 'week')).toBe('2026-11-23');
    expect(bucketStart('2026-11-23T00:00:00.000Z', 'week')).toBe('2026-11-23');
    expect(bucketStart('2026-11-22T23:00:00.000Z', 'week')).toBe('2026-11-16');
  });

  it('labels the last 14 days or 12 weeks, oldest first', () => {
    const now = new Date('2026-11-28T12:00:00.000Z');
    expect(bucketLabels(now, 'day')).toHaveLength(14);
    expect(bucketLabels(now, 'day').at(-1)).toBe('2026-11-28');
    expect(bucketLabels(now, 'week').slice(-2)).toEqual(['2026-11-16', '2026-11-23']);
  });

  it('keeps the six biggest series and sums the rest as other, ignoring events outside the window', () => {
    const labels = ['2026-11-27', '2026-11-28'];
    const events = [
      ...['a', 'a', 'a', 'b', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((name) => ({ time: '2026-11-28T01:00:00Z', name })),
      { time: '2026-11-27T05:00:00Z', name: 'a' },
      { time: '2026-11-01T05:00:00Z', name: 'a' },
    ];
    const series = countSeries(events, labels, 'day');
    expect(series.map((s) => s.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'other']);
    expect(series[0].values).toEqual([1, 3]);
    expect(series.at(-1)!.values).toEqual([0, 2]);
  });
});

describe('what reaches a page or a spreadsheet', () => {
  it('links only http(s) URLs', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative', 'not a url', null]) expect(safeHref(url), String(url)).toBeNull();
  });

  it('quotes CSV fields and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });
});
