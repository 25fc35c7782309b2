import { describe, expect, it } from 'vitest';
import { UsageError, parseSince } from './args.ts';

describe('time arguments', () => {
  const now = new Date('2026-11-27T12:00:00.000Z');

  it('read durations back from now', () => {
    expect(parseSince('7d', now)).toBe('2026-11-20T12:00:00.000Z');
    expect(parseSince('12h', now)).toBe('2026-11-27T00:00:00.000Z');
    expect(parseSince('30m', now)).toBe('2026-11-27T11:30:00.000Z');
    expect(parseSince('2w', now)).toBe('2026-11-13T12:00:00.000Z');
  });

  it('read dates as they are', () => {
    expect(parseSince('2026-11-01', now)).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince(undefined, now)).toBeUndefined();
  });

  it('refuse anything else with a usage error', () => {
    expect(() => parseSince('last week', now)).toThrow(UsageError);
  });
});
