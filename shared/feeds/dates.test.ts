import { describe, expect, it } from 'vitest';
import { parseFeedDate } from './dates.ts';

describe('parseFeedDate', () => {
  it.each([
    ['Tue, 24 Nov 2026 08:15:00 +0100', '2026-11-24T07:15:00.000Z'],
    ['Tue, 24 Nov 2026 08:15:00 GMT', '2026-11-24T08:15:00.000Z'],
    ['24 Nov 2026 08:15 EST', '2026-11-24T13:15:00.000Z'],
    ['Tue, 24 Nov 26 08:15:00 PDT', '2026-11-24T15:15:00.000Z'],
    ['Tue,24 Nov 2026 08:15:00 +0000 (UTC)', '2026-11-24T08:15:00.000Z'],
    ['Tues, 24 November 2026 8:15:00 CEST', '2026-11-24T06:15:00.000Z'],
    ['Tue, 24 Nov 2026 08:15:00', '2026-11-24T08:15:00.000Z'],
    ['Tue, 24 Nov 2026', '2026-11-24T00:00:00.000Z'],
    ['Tue, 24 Nov 2026 08:15:00 GMT+2', '2026-11-24T06:15:00.000Z'],
    ['Tue, 24 Nov 2026 08:15:00 +05:30', '2026-11-24T02:45:00.000Z'],
    ['November 24th, 2026 8:15 PM', '2026-11-24T20:15:00.000Z'],
    ['Nov 24, 2026 12:05 am', '2026-11-24T00:05:00.000Z'],
    ['2026-11-24T08:15:00Z', '2026-11-24T08:15:00.000Z'],
    ['2026-11-24T08:15:00.123456+01:00', '2026-11-24T07:15:00.123Z'],
    ['2026-11-24T08:15:00+0100', '2026-11-24T07:15:00.000Z'],
    ['2026-11-24T08:15+01', '2026-11-24T07:15:00.000Z'],
    ['2026-11-24 08:15:00', '2026-11-24T08:15:00.000Z'],
    ['2026-11-24', '2026-11-24T00:00:00.000Z'],
    ['2026/11/24 08:15', '2026-11-24T08:15:00.000Z'],
    ['mar., 24 nov. 2026 08:15:00 +0100', '2026-11-24T07:15:00.000Z'],
    ['Di, 24 Dez 2026 08:15:00 +0100', '2026-12-24T07:15:00.000Z'],
    ['24 de marzo de 2026 10:00', '2026-03-24T10:00:00.000Z'],
    ['Mar 5 2026', '2026-03-05T00:00:00.000Z'],
  ])('reads %s', (input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it.each([[''], ['   '], ['yesterday'], ['not a date at all'], ['31 Feb 2026'], ['2026-13-01'], ['Tue, 24 Nov 1492 08:15:00 GMT'], [null], [undefined]])(
    'gives null for %s',
    (input) => {
      expect(parseFeedDate(input)).toBeNull();
    },
  );

  it('does not depend on the host time zone', () => {
    const previous = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(parseFeedDate('Tue, 24 Nov 2026 08:15:00')).toBe('2026-11-24T08:15:00.000Z');
    } finally {
      process.env.TZ = previous;
    }
  });
});
