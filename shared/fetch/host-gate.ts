import { setTimeout as sleep } from 'node:timers/promises';
import { FetchError } from './errors.ts';

export type ReleaseHost = () => Promise<void>;

export interface AcquireOptions {
  /** Epoch ms after which waiting is pointless (the caller's total timeout). */
  deadline: number;
  signal?: AbortSignal;
  /** Raises the gate's minimum delay for this host (robots.txt Crawl-delay). */
  minDelayMs?: number;
  /** The URL being fetched, for the error. */
  url: string;
}

/**
 * Per-host politeness shared by every fetcher that uses the same gate: at most `maxConcurrent`
 * requests in flight per host and at least `minDelayMs` between the starts of two requests.
 */
export interface HostGate {
  /** `host` is the URL's hostname (ports share it). Waits for a turn; throws FetchError RATE_LIMITED (retryable) when the turn would come too late. */
  acquire(host: string, options: AcquireOptions): Promise<ReleaseHost>;
  /** Keeps the host waiting until untilMs (epoch ms): a 429/503 Retry-After applies to every fetcher. */
  deferUntil(host: string, untilMs: number): Promise<void>;
}

export interface HostGateLimits {
  maxConcurrent: number;
  minDelayMs: number;
  /** Longest a caller waits for a turn before giving up with RATE_LIMITED. */
  maxWaitMs: number;
  /** First wait before looking again when a caller cannot tell when a slot frees up (doubles, up to 16x). */
  pollMs: number;
}

export const DEFAULT_HOST_GATE_LIMITS: HostGateLimits = { maxConcurrent: 2, minDelayMs: 1000, maxWaitMs: 10_000, pollMs: 50 };

export type TurnAttempt = { granted: true; release: ReleaseHost } | { granted: false; retryAt?: number };

/** The waiting loop both gates share: try, sleep until the next chance, give up at the deadline. */
export async function waitForTurn(tryTurn: () => Promise<TurnAttempt>, limits: HostGateLimits, options: AcquireOptions): Promise<ReleaseHost> {
  const giveUpAt = Math.min(options.deadline, Date.now() + limits.maxWaitMs);
  // Blind polls (no known free time) back off, so a crowd of waiters does not hammer a shared store.
  let poll = limits.pollMs;
  for (;;) {
    const attempt = await tryTurn();
    if (attempt.granted) return attempt.release;
    const now = Date.now();
    const nextTry = Math.max(attempt.retryAt ?? now + poll, now + 1);
    if (attempt.retryAt === undefined) poll = Math.min(poll * 2, limits.pollMs * 16);
    if (nextTry > giveUpAt) {
      throw new FetchError('RATE_LIMITED', options.url, `no turn for ${new URL(options.url).host} within the wait limit`, {
        retryAfterMs: Math.max(nextTry - now, limits.pollMs),
      });
    }
    await sleep(nextTry - now, undefined, { signal: options.signal });
  }
}

const MAX_IDLE_SCAN = 1000;

interface HostState {
  active: number;
  nextStartAt: number;
}

/** The gate for one process (tests, the local run, a single Lambda's own concurrency). */
export class MemoryHostGate implements HostGate {
  private readonly limits: HostGateLimits;
  private readonly hosts = new Map<string, HostState>();

  constructor(limits: Partial<HostGateLimits> = {}) {
    this.limits = { ...DEFAULT_HOST_GATE_LIMITS, ...limits };
  }

  acquire(host: string, options: AcquireOptions): Promise<ReleaseHost> {
    const delay = Math.max(this.limits.minDelayMs, options.minDelayMs ?? 0);
    return waitForTurn(
      async () => {
        const state = this.state(host);
        const now = Date.now();
        if (state.nextStartAt > now) return { granted: false, retryAt: state.nextStartAt };
        if (state.active >= this.limits.maxConcurrent) return { granted: false };
        state.active++;
        state.nextStartAt = now + delay;
        let released = false;
        return {
          granted: true,
          release: async () => {
            if (!released) state.active--;
            released = true;
          },
        };
      },
      this.limits,
      options,
    );
  }

  async deferUntil(host: string, untilMs: number): Promise<void> {
    const state = this.state(host);
    state.nextStartAt = Math.max(state.nextStartAt, untilMs);
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, nextStartAt: 0 };
      if (this.hosts.size >= MAX_IDLE_SCAN) this.forgetIdleHosts();
      this.hosts.set(host, state);
    }
    return state;
  }

  // A host with nothing in flight and no pending delay has no state worth keeping.
  private forgetIdleHosts(): void {
    const now = Date.now();
    for (const [host, state] of this.hosts) {
      if (state.active === 0 && state.nextStartAt <= now) this.hosts.delete(host);
    }
  }
}
