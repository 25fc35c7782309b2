/** What the pipeline records per feed after each fetch; `syndic feeds list` shows it. */
export interface FeedHealth {
  consecutiveFailures: number;
  lastError: string | null;
  /** ISO 8601. */
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** ISO 8601: the dispatcher fetches the feed again at or after this time. */
  nextDueAt: string;
  /** Set after repeated failures; a paused feed is only probed once per pausedProbeMs until it succeeds. */
  paused: boolean;
}

export type FetchOutcome = { ok: true } | { ok: false; error: string; retryAfterMs?: number };

export interface FeedHealthPolicy {
  /** Failures in a row after which the feed is paused. */
  pauseAfter: number;
  /** Ceiling of the exponential backoff. */
  maxBackoffMs: number;
  /** How often a paused feed is still tried, so that one that comes back unpauses itself. */
  pausedProbeMs: number;
  /** Spread of the next due time on success, as a fraction of the interval, so feeds do not align. */
  successJitter: number;
  /** Uniform in [0, 1); injectable for tests. */
  random: () => number;
}

export const DEFAULT_FEED_HEALTH_POLICY: FeedHealthPolicy = {
  pauseAfter: 10,
  maxBackoffMs: 24 * 60 * 60_000,
  pausedProbeMs: 24 * 60 * 60_000,
  successJitter: 0.1,
  random: Math.random,
};

/**
 * Health after one fetch. Success resets the failure count and schedules the next regular fetch.
 * Failure n waits interval * 2^(n-1), capped, with "equal jitter" (half fixed, half random) so that
 * feeds failing together do not retry together, and never less than the server's Retry-After.
 */
export function nextFeedHealth(
  prev: FeedHealth | undefined,
  outcome: FetchOutcome,
  now: Date,
  intervalMs: number,
  policy: Partial<FeedHealthPolicy> = {},
): FeedHealth {
  const p = { ...DEFAULT_FEED_HEALTH_POLICY, ...policy };
  const at = (ms: number) => new Date(now.getTime() + Math.round(ms)).toISOString();
  if (outcome.ok) {
    const jitter = (p.random() * 2 - 1) * p.successJitter * intervalMs;
    return {
      consecutiveFailures: 0,
      lastError: null,
      lastSuccessAt: now.toISOString(),
      lastAttemptAt: now.toISOString(),
      nextDueAt: at(intervalMs + jitter),
      paused: false,
    };
  }
  const failures = (prev?.consecutiveFailures ?? 0) + 1;
  const paused = failures >= p.pauseAfter;
  const backoff = Math.min(p.maxBackoffMs, intervalMs * 2 ** Math.min(failures - 1, 30));
  const jittered = backoff / 2 + (p.random() * backoff) / 2;
  const delay = Math.max(paused ? p.pausedProbeMs : jittered, outcome.retryAfterMs ?? 0);
  return {
    consecutiveFailures: failures,
    lastError: outcome.error,
    lastSuccessAt: prev?.lastSuccessAt ?? null,
    lastAttemptAt: now.toISOString(),
    nextDueAt: at(delay),
    paused,
  };
}
