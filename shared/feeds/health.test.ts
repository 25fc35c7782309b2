import { describe, expect, it } from 'vitest';
import { nextFeedHealth, type FeedHealth } from './health.ts';

const HOUR = 60 * 60_000;
const now = new Date('2026-11-27T06:00:00.000Z');
const dueIn = (h: FeedHealth) => Date.parse(h.nextDueAt) - now.getTime();
const middle = { random: () => 0.5 };

describe('nextFeedHealth', () => {
  it('schedules the next fetch one interval ahead after a success, within the jitter', () => {
    const h = nextFeedHealth(undefined, { ok: true }, now, HOUR, middle);
    expect(h).toMatchObject({ consecutiveFailures: 0, lastError: null, lastSuccessAt: now.toISOString(), paused: false });
    expect(dueIn(h)).toBe(HOUR);
    expect(dueIn(nextFeedHealth(undefined, { ok: true }, now, HOUR, { random: () => 0 }))).toBe(0.9 * HOUR);
  });

  it('backs off exponentially on consecutive failures, with jitter, up to the cap', () => {
    let h: FeedHealth | undefined;
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      h = nextFeedHealth(h, { ok: false, error: 'HTTP 500' }, now, 15 * 60_000, { random: () => 1 - Number.EPSILON, maxBackoffMs: 4 * HOUR });
      delays.push(Math.round(dueIn(h) / 60_000));
    }
    expect(delays).toEqual([15, 30, 60, 120, 240, 240]);
    expect(h).toMatchObject({ consecutiveFailures: 6, lastError: 'HTTP 500', paused: false });
    const low = nextFeedHealth(undefined, { ok: false, error: 'x' }, now, HOUR, { random: () => 0 });
    expect(dueIn(low)).toBe(HOUR / 2);
  });

  it('never retries sooner than the server asked with Retry-After', () => {
    const h = nextFeedHealth(undefined, { ok: false, error: 'HTTP 429', retryAfterMs: 3 * HOUR }, now, HOUR, middle);
    expect(dueIn(h)).toBe(3 * HOUR);
  });

  it('pauses after repeated failures, probes the paused feed daily, and unpauses on success', () => {
    let h: FeedHealth | undefined;
    for (let i = 0; i < 10; i++) h = nextFeedHealth(h, { ok: false, error: 'ENOTFOUND' }, now, HOUR, { ...middle, pauseAfter: 10 });
    expect(h?.paused).toBe(true);
    expect(dueIn(h!)).toBe(24 * HOUR);
    const recovered = nextFeedHealth(h, { ok: true }, now, HOUR, middle);
    expect(recovered).toMatchObject({ paused: false, consecutiveFailures: 0, lastError: null });
  });

  it('keeps the time of the last success through failures', () => {
    const ok = nextFeedHealth(undefined, { ok: true }, new Date('2026-11-26T00:00:00Z'), HOUR, middle);
    const failed = nextFeedHealth(ok, { ok: false, error: 'TIMEOUT' }, now, HOUR, middle);
    expect(failed.lastSuccessAt).toBe('2026-11-26T00:00:00.000Z');
    expect(failed.lastAttemptAt).toBe(now.toISOString());
  });
});
