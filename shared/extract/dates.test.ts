import { describe, expect, it } from 'vitest';
import { normalizeDate } from './dates.ts';

describe('normalizeDate', () => {
  it('keeps the offset of ISO 8601 dates and fills in missing seconds', () => {
    expect(normalizeDate('2019-11-19T10:05+0530')).toBe('2019-11-19T10:05:00+05:30');
    expect(normalizeDate('2019-11-19T10:05:07.123-05:00')).toBe('2019-11-19T10:05:07-05:00');
    expect(normalizeDate('2019-11-19 10:05:07+00:00')).toBe('2019-11-19T10:05:07Z');
  });

  it('reads dates without a zone, or without a time, as UTC', () => {
    expect(normalizeDate('2019-11-19T10:05:07')).toBe('2019-11-19T10:05:07Z');
    expect(normalizeDate('2019-11-19')).toBe('2019-11-19T00:00:00Z');
  });

  it('converts other formats Date understands to UTC', () => {
    expect(normalizeDate('Tue, 19 Nov 2019 12:00:00 GMT')).toBe('2019-11-19T12:00:00Z');
    expect(normalizeDate('November 19, 2019 10:00 AM')).toBe('2019-11-19T10:00:00Z');
  });

  it('rejects what is not a plausible date', () => {
    for (const value of ['', '1', 'yesterday', '2019-13-45', '0000-01-01', 'x'.repeat(100), null, undefined]) {
      expect(normalizeDate(value)).toBeNull();
    }
  });
});
