import { setTimeout as sleep } from 'node:timers/promises';
import { FetchError } from './errors.ts';

export type ReleaseHost = () => Promise<void>;

/**
 * A granted turn. The host's pace is held from the grant until `sent`: the minimum delay counts from
 * when the request really left (its response has begun), not from the grant, so a caller that stalls
 * between the two (a busy event loop, a descheduled process) cannot bring two starts closer than the delay.
 */
export interface HostTurn {
  /** The request is on the wire: the next start to this host may come one delay from now. */
  sent(): Promise<void>;
  /** Frees the slot (and ends the hold as `sent` does, if it never came). */
  release: ReleaseHost;
}

export interface AcquireOptions {
  /** Epoch ms after which waiting is pointless (the caller's total timeout). */
  deadline: number;
  signal?: AbortSignal;
  /** Raises the gate's minimum delay for this host (robots.txt Crawl-delay). */
  minDelayMs?: number;
  /** The URL being fetched, for the error. */
  url: string;
  /**
   * The caller hands its job back to a queue rather than wait longer than this: when the turn is
   * further off, the gate books the caller a later turn and throws HOST_BUSY with retryAfterMs set to
   * it, so a crowd of callers comes back spread out instead of all at once.
   */
  handBackAfterMs?: number;
}

/**
 * Per-host politeness shared by every fetcher that uses the same gate: at most `maxConcurrent`
 * requests in flight per host and at least `minDelayMs` between the starts of two requests.
 */
export interface HostGate {
  /** `host` is the URL's hostname (ports share it). Waits for a turn; throws FetchError HOST_BUSY (retryable) when the turn would come too late. */
  acquire(host: string, options: AcquireOptions): Promise<HostTurn>;
  /**
   * Books `count` future turns for jobs that will come back later (epoch ms, spaced by the host's
   * delay, after every turn already booked), none further than `horizonMs` from now. A booking only
   * says when to come back: the job still takes its turn through acquire, so politeness never rests on it.
   */
  book(host: string, count: number, options?: BookOptions): Promise<number[]>;
  /** Keeps the host waiting until untilMs (epoch ms): a 429/503 Retry-After applies to every fetcher. */
  deferUntil(host: string, untilMs: number): Promise<void>;
}

export interface BookOptions {
  /** Raises the spacing for this host (robots.txt Crawl-delay). */
  minDelayMs?: number;
  /** Default 900 s, the longest delay SQS gives a message. */
  horizonMs?: number;
}

export const MAX_BOOKING_HORIZON_MS = 900_000;

/** The turns a booking hands out: from the later of now and the line's end, one delay apart, within the horizon. */
export function bookedTimes(now: number, lineEnd: number, delayMs: number, count: number, horizonMs: number): number[] {
  const start = Math.max(now, lineEnd);
  const step = Math.max(delayMs, 1);
  const fits = Math.max(0, Math.min(count, Math.floor((now + horizonMs - start) / step) + 1));
  return Array.from({ length: fits }, (_, k) => start + k * step);
}

export interface HostGateLimits {
  maxConcurrent: number;
  minDelayMs: number;
  /** Longest a caller waits for a turn before giving up with HOST_BUSY. */
  maxWaitMs: number;
  /** First wait before looking again when a caller cannot tell when a slot frees up (doubles, up to 16x). */
  pollMs: number;
}

export const DEFAULT_HOST_GATE_LIMITS: HostGateLimits = { maxConcurrent: 2, minDelayMs: 1000, maxWaitMs: 10_000, pollMs: 50 };

export type TurnAttempt = { granted: true; turn: HostTurn } | { granted: false; retryAt?: number };

/** Time callers of this process spent asleep waiting for a host turn, for the benchmarks' billed-vs-active split. */
export const hostWaitTotals = { ms: 0 };

/**
 * The waiting loop both gates share: try, sleep until the next chance, give up at the deadline. A
 * caller that hands its job back gives up sooner, with a booked turn to come back at (`bookLater`).
 */
export async function waitForTurn(
  tryTurn: () => Promise<TurnAttempt>,
  limits: HostGateLimits,
  options: AcquireOptions,
  bookLater: () => Promise<number>,
): Promise<HostTurn> {
  const handBack = options.handBackAfterMs !== undefined;
  const giveUpAt = Math.min(options.deadline, Date.now() + Math.min(limits.maxWaitMs, options.handBackAfterMs ?? Infinity));
  // Blind polls (no known free time) back off, so a crowd of waiters does not hammer a shared store.
  let poll = limits.pollMs;
  for (;;) {
    const attempt = await tryTurn();
    if (attempt.granted) return attempt.turn;
    const now = Date.now();
    const nextTry = Math.max(attempt.retryAt ?? now + poll, now + 1);
    if (attempt.retryAt === undefined) poll = Math.min(poll * 2, limits.pollMs * 16);
    if (nextTry > giveUpAt) throw hostBusy(options.url, handBack ? await bookLater() : nextTry, limits.pollMs);
    try {
      await sleep(nextTry - now, undefined, { signal: options.signal });
    } finally {
      hostWaitTotals.ms += Date.now() - now;
    }
  }
}

export function hostBusy(url: string, comeBackAt: number, minRetryMs: number): FetchError {
  return new FetchError('HOST_BUSY', url, `no turn for ${new URL(url).host} within the wait limit`, {
    retryAfterMs: Math.max(comeBackAt - Date.now(), minRetryMs),
  });
}

const MAX_IDLE_SCAN = 1000;

interface HostState {
  active: number;
  nextStartAt: number;
  /** A granted request not yet sent holds the host until it is (or until this time, its deadline). */
  heldUntil: number;
  /** End of the line of booked turns. */
  bookedUntil: number;
}

/** The gate for one process (tests, the local run, a single Lambda's own concurrency). */
export class MemoryHostGate implements HostGate {
  private readonly limits: HostGateLimits;
  private readonly hosts = new Map<string, HostState>();

  constructor(limits: Partial<HostGateLimits> = {}) {
    this.limits = { ...DEFAULT_HOST_GATE_LIMITS, ...limits };
  }

  acquire(host: string, options: AcquireOptions): Promise<HostTurn> {
    const delay = Math.max(this.limits.minDelayMs, options.minDelayMs ?? 0);
    const bookLater = async () => (await this.book(host, 1, { minDelayMs: delay }))[0] ?? Date.now() + MAX_BOOKING_HORIZON_MS;
    return waitForTurn(
      async () => {
        const state = this.state(host);
        const now = Date.now();
        if (state.nextStartAt > now) return { granted: false, retryAt: state.nextStartAt };
        if (state.heldUntil > now || state.active >= this.limits.maxConcurrent) return { granted: false };
        state.active++;
        state.nextStartAt = now + delay;
        state.heldUntil = options.deadline;
        let isSent = false;
        let released = false;
        const sent = async () => {
          if (isSent) return;
          isSent = true;
          state.heldUntil = 0;
          state.nextStartAt = Math.max(state.nextStartAt, Date.now() + delay);
        };
        return {
          granted: true,
          turn: {
            sent,
            release: async () => {
              await sent();
              if (!released) state.active--;
              released = true;
            },
          },
        };
      },
      this.limits,
      options,
      bookLater,
    );
  }

  async book(host: string, count: number, options: BookOptions = {}): Promise<number[]> {
    const state = this.state(host);
    const delay = Math.max(this.limits.minDelayMs, options.minDelayMs ?? 0);
    const now = Date.now();
    const times = bookedTimes(now, Math.max(state.nextStartAt, state.bookedUntil), delay, count, options.horizonMs ?? MAX_BOOKING_HORIZON_MS);
    if (times.length > 0) state.bookedUntil = times[times.length - 1] + delay;
    return times;
  }

  async deferUntil(host: string, untilMs: number): Promise<void> {
    const state = this.state(host);
    state.nextStartAt = Math.max(state.nextStartAt, untilMs);
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, nextStartAt: 0, heldUntil: 0, bookedUntil: 0 };
      if (this.hosts.size >= MAX_IDLE_SCAN) this.forgetIdleHosts();
      this.hosts.set(host, state);
    }
    return state;
  }

  // A host with nothing in flight and no pending delay has no state worth keeping.
  private forgetIdleHosts(): void {
    const now = Date.now();
    for (const [host, state] of this.hosts) {
      if (state.active === 0 && Math.max(state.nextStartAt, state.bookedUntil, state.heldUntil) <= now) this.hosts.delete(host);
    }
  }
}
