import type { IncomingMessage } from 'node:http';
import { decodeContentEncoding, readLimitedBody } from './body.ts';
import { acceptHeader, type AcceptKind } from './content-type.ts';
import { FetchError } from './errors.ts';
import { MemoryHostGate, type HostGate, type HostTurn, type ReleaseHost } from './host-gate.ts';
import { sendRequest } from './request.ts';
import { resolveAllowed, systemResolver, type Resolver } from './resolve.ts';
import { readResponse, type FetchResult } from './response.ts';
import { RobotsTxtChecker, type RobotsChecker, type RobotsFetcher } from './robots.ts';

export type { FetchResult };

export const DEFAULT_USER_AGENT = 'syndic-bot/0.1 (+https://github.com/syndic/syndic)';

export interface SafeFetchOptions {
  /** Allow 127.0.0.0/8, ::1 and *.localhost. Only local runs and tests set it. Default false. */
  allowLoopback?: boolean;
  /** Total wall time of the call, redirects, robots.txt and waiting for the host included. Default 30 s. */
  timeoutMs?: number;
  /** Per connection. Default 10 s. */
  connectTimeoutMs?: number;
  /** Bytes on the wire. Default 10 MiB. */
  maxBytes?: number;
  /** Bytes after Content-Encoding is undone. Default 50 MiB. */
  maxDecodedBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** 'html': HTML/XHTML only (articles); 'feed': XML, JSON, text and gzip (feeds, sitemaps); 'any' (default). */
  accept?: AcceptKind;
  /** Validators from the previous fetch, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
  userAgent?: string;
  signal?: AbortSignal;
  /** robots.txt checker; false skips the check. Default: one process-wide in-memory checker. */
  robots?: RobotsChecker | false;
  /** Per-host politeness; false skips it. Default: one process-wide in-memory gate. */
  hostGate?: HostGate | false;
  /** Give up on a host turn further off than this with HOST_BUSY and a booked time to retry (see AcquireOptions). */
  handBackAfterMs?: number;
  /** DNS, replaceable in tests. */
  resolver?: Resolver;
}

export const defaultRobotsChecker = new RobotsTxtChecker();
export const defaultHostGate = new MemoryHostGate();

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ROBOTS_MAX_BYTES = 512 * 1024;

interface Context {
  allowLoopback: boolean;
  connectTimeoutMs: number;
  maxRedirects: number;
  userAgent: string;
  robots: RobotsChecker | false;
  hostGate: HostGate | false;
  handBackAfterMs: number | undefined;
  resolver: Resolver;
  deadline: number;
  signal: AbortSignal;
}

interface Exchange {
  res: IncomingMessage;
  url: URL;
  release: ReleaseHost;
}

/**
 * The one way the product makes an outbound request: SSRF-guarded on every hop and on the address
 * actually connected to, robots.txt-obeying, paced per host, size- and time-limited.
 * Throws FetchError; `retryable` says whether trying again later can help.
 */
export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new FetchError('TIMEOUT', url, `no complete response within ${timeoutMs} ms`)), timeoutMs);
  const onCallerAbort = () => controller.abort(new FetchError('NETWORK', url, 'aborted by the caller'));
  if (options.signal?.aborted) onCallerAbort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const ctx: Context = {
    allowLoopback: options.allowLoopback ?? false,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    maxRedirects: options.maxRedirects ?? 5,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    robots: options.robots ?? defaultRobotsChecker,
    hostGate: options.hostGate ?? defaultHostGate,
    handBackAfterMs: options.handBackAfterMs,
    resolver: options.resolver ?? systemResolver,
    deadline: Date.now() + timeoutMs,
    signal: controller.signal,
  };
  const accept = options.accept ?? 'any';
  const headers: Record<string, string> = { accept: acceptHeader(accept) };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  try {
    const { res, url: finalUrl, release } = await exchange(url, headers, ctx, true);
    try {
      return await readResponse(res, finalUrl.href, {
        accept,
        maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
        maxDecodedBytes: options.maxDecodedBytes ?? 50 * 1024 * 1024,
        hostGate: ctx.hostGate,
        signal: ctx.signal,
      });
    } finally {
      res.destroy();
      await release();
    }
  } catch (error) {
    if (controller.signal.reason instanceof FetchError) throw controller.signal.reason;
    if (error instanceof FetchError) throw error;
    // A failing port (the shared gate's or robots cache's store): transient as far as this URL goes.
    throw new FetchError('NETWORK', url, `fetch failed: ${(error as Error).message}`, { cause: error });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

const UNGATED: HostTurn = { sent: async () => {}, release: async () => {} };

/** Follows redirects, checking every hop; resolves with the first non-redirect response, host turn held. */
async function exchange(startUrl: string, extraHeaders: Record<string, string>, ctx: Context, checkRobots: boolean): Promise<Exchange> {
  const visited = new Set<string>();
  let url = httpUrl(startUrl, startUrl);
  for (let hop = 0; ; hop++) {
    visited.add(url.href);
    const addresses = await resolveAllowed(url.hostname, url.href, { allowLoopback: ctx.allowLoopback }, ctx.resolver);
    let crawlDelayMs: number | undefined;
    if (checkRobots && ctx.robots) {
      const verdict = await ctx.robots.check(url, ctx.userAgent, robotsFetcher(ctx));
      if (!verdict.allowed) {
        const why = verdict.retryable ? 'robots.txt could not be read' : 'robots.txt disallows it';
        throw new FetchError('ROBOTS_DISALLOWED', url.href, why, { retryable: verdict.retryable });
      }
      crawlDelayMs = verdict.crawlDelayMs;
    }
    const turn: HostTurn = ctx.hostGate
      ? await ctx.hostGate.acquire(url.hostname, { deadline: ctx.deadline, signal: ctx.signal, minDelayMs: crawlDelayMs, url: url.href, handBackAfterMs: ctx.handBackAfterMs })
      : UNGATED;
    const release = turn.release;
    let res: IncomingMessage;
    try {
      res = await sendRequest({
        url,
        headers: { 'user-agent': ctx.userAgent, 'accept-encoding': 'gzip, deflate, br', ...extraHeaders },
        addresses,
        policy: { allowLoopback: ctx.allowLoopback },
        connectTimeoutMs: ctx.connectTimeoutMs,
        signal: ctx.signal,
      });
    } catch (error) {
      await release();
      throw error;
    }
    // The response has begun, so the request reached the host: the host's minimum delay counts from here.
    await turn.sent();
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0) || !location) return { res, url, release };
    res.destroy();
    await release();
    if (hop >= ctx.maxRedirects) throw new FetchError('TOO_MANY_REDIRECTS', url.href, `more than ${ctx.maxRedirects} redirects`);
    const next = httpUrl(location, url.href);
    if (visited.has(next.href)) throw new FetchError('TOO_MANY_REDIRECTS', url.href, `redirect loop back to ${next.href}`);
    url = next;
  }
}

function httpUrl(input: string, base: string): URL {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    throw new FetchError('INVALID_URL', input, `not a URL: ${input}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('INVALID_URL', url.href, `scheme ${url.protocol} is not allowed`);
  if (url.username || url.password) throw new FetchError('INVALID_URL', url.href, 'URLs with credentials are not fetched');
  url.hash = '';
  return url;
}

function robotsFetcher(ctx: Context): RobotsFetcher {
  return async (robotsUrl) => {
    const { res, release } = await exchange(robotsUrl, { accept: 'text/plain,*/*;q=0.1' }, ctx, false);
    try {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) return { status, body: '' };
      const raw = await readLimitedBody(res, ROBOTS_MAX_BYTES, robotsUrl, ctx.signal, true);
      const body = await decodeContentEncoding(raw, res.headers['content-encoding'], ROBOTS_MAX_BYTES * 4, robotsUrl);
      return { status, body: body.subarray(0, ROBOTS_MAX_BYTES).toString('utf8') };
    } finally {
      res.destroy();
      await release();
    }
  };
}
