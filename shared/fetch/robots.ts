import robotsParser from 'robots-parser';
import { FetchError } from './errors.ts';

/** A robots.txt as fetched: HTTP status (0 when unreachable) and body. */
export interface RobotsRecord {
  status: number;
  body: string;
  /** Epoch ms after which the record must be fetched again. */
  expiresAt: number;
}

/** Where fetched robots.txt files are kept between checks (memory, or DynamoDB across Lambdas). */
export interface RobotsCache {
  get(key: RobotsKey): Promise<RobotsRecord | null>;
  put(key: RobotsKey, record: RobotsRecord): Promise<void>;
}

export interface RobotsKey {
  /** 'http:' or 'https:'. */
  protocol: string;
  /** Host with port when not the default. */
  host: string;
}

export interface RobotsVerdict {
  allowed: boolean;
  /** True when disallowed only because robots.txt could not be read (5xx, network): try later. */
  retryable: boolean;
  /** Crawl-delay for our user agent, in ms, when the file sets one. */
  crawlDelayMs?: number;
}

/** Fetches robots.txt for the checker (through the same guarded fetch, without a robots check). */
export type RobotsFetcher = (robotsUrl: string) => Promise<{ status: number; body: string }>;

export interface RobotsChecker {
  check(url: URL, userAgent: string, fetchRobots: RobotsFetcher): Promise<RobotsVerdict>;
}

// A warm Lambda or a long local run meets many hosts: keep the most recent ones only.
const MAX_HOSTS_IN_MEMORY = 2000;

/** Map.set that drops the oldest entry once the map is full (insertion order). */
function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max = MAX_HOSTS_IN_MEMORY): void {
  map.delete(key);
  if (map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

export class MemoryRobotsCache implements RobotsCache {
  private readonly records = new Map<string, RobotsRecord>();

  async get(key: RobotsKey): Promise<RobotsRecord | null> {
    const record = this.records.get(`${key.protocol}//${key.host}`);
    return record && record.expiresAt > Date.now() ? record : null;
  }

  async put(key: RobotsKey, record: RobotsRecord): Promise<void> {
    setBounded(this.records, `${key.protocol}//${key.host}`, record);
  }
}

interface ParsedRobots {
  expiresAt: number;
  status: number;
  robot: ReturnType<typeof robotsParser> | null;
}

export interface RobotsTxtCheckerOptions {
  cache?: RobotsCache;
  /** How long a successfully read robots.txt (or a 4xx meaning "none") is trusted. RFC 9309: up to 24 h. */
  ttlMs?: number;
  /** How long an unreachable robots.txt (5xx, network) blocks the host before it is tried again. */
  errorTtlMs?: number;
  /** Crawl-delay values above this are capped (some sites ask for hours). */
  maxCrawlDelayMs?: number;
}

/** The product token robots.txt groups are matched against: 'syndic-bot' for 'syndic-bot/1.0 (+url)'. */
export function robotsToken(userAgent: string): string {
  return userAgent.trim().split(/[/\s]/)[0] || '*';
}

/**
 * robots.txt as RFC 9309 says: 2xx is obeyed, 4xx means no restrictions, 5xx or unreachable
 * means everything is disallowed for now (retryable).
 */
export class RobotsTxtChecker implements RobotsChecker {
  private readonly cache: RobotsCache;
  private readonly ttlMs: number;
  private readonly errorTtlMs: number;
  private readonly maxCrawlDelayMs: number;
  // Parsed files, so a hot host is not re-parsed (or re-read from the shared cache) per request.
  private readonly parsed = new Map<string, ParsedRobots>();
  // Reads in progress, so a burst of requests to a cold host fetches its robots.txt once.
  private readonly pending = new Map<string, Promise<ParsedRobots>>();

  constructor(options: RobotsTxtCheckerOptions = {}) {
    this.cache = options.cache ?? new MemoryRobotsCache();
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60_000;
    this.errorTtlMs = options.errorTtlMs ?? 10 * 60_000;
    this.maxCrawlDelayMs = options.maxCrawlDelayMs ?? 30_000;
  }

  async check(url: URL, userAgent: string, fetchRobots: RobotsFetcher): Promise<RobotsVerdict> {
    const robotsUrl = `${url.protocol}//${url.host}/robots.txt`;
    let entry = this.parsed.get(robotsUrl);
    if (!entry || entry.expiresAt <= Date.now()) {
      let reading = this.pending.get(robotsUrl);
      if (!reading) {
        reading = this.read({ protocol: url.protocol, host: url.host }, robotsUrl, fetchRobots).finally(() => this.pending.delete(robotsUrl));
        this.pending.set(robotsUrl, reading);
      }
      entry = await reading;
    }
    if (entry.status >= 400 && entry.status < 500) return { allowed: true, retryable: false };
    if (!entry.robot) return { allowed: false, retryable: true };
    const token = robotsToken(userAgent);
    const allowed = entry.robot.isAllowed(url.href, token) ?? true;
    const delay = entry.robot.getCrawlDelay(token);
    return {
      allowed,
      retryable: false,
      ...(delay !== undefined && delay > 0 ? { crawlDelayMs: Math.min(delay * 1000, this.maxCrawlDelayMs) } : {}),
    };
  }

  private async read(key: RobotsKey, robotsUrl: string, fetchRobots: RobotsFetcher): Promise<ParsedRobots> {
    const record = (await this.cache.get(key)) ?? (await this.fetchAndStore(key, robotsUrl, fetchRobots));
    const ok = record.status >= 200 && record.status < 300;
    const entry = { expiresAt: record.expiresAt, status: record.status, robot: ok ? robotsParser(robotsUrl, record.body) : null };
    setBounded(this.parsed, robotsUrl, entry);
    return entry;
  }

  private async fetchAndStore(key: RobotsKey, robotsUrl: string, fetchRobots: RobotsFetcher): Promise<RobotsRecord> {
    let status = 0;
    let body = '';
    try {
      ({ status, body } = await fetchRobots(robotsUrl));
    } catch (error) {
      // Our own time or turn ran out: that says nothing about the site, so nothing is recorded.
      if (error instanceof FetchError && (error.code === 'TIMEOUT' || error.code === 'RATE_LIMITED' || error.code === 'HOST_BUSY')) throw error;
      status = 0; // unreachable: treated like a 5xx
    }
    const failed = status === 0 || status >= 500;
    const record = { status, body, expiresAt: Date.now() + (failed ? this.errorTtlMs : this.ttlMs) };
    await this.cache.put(key, record);
    return record;
  }
}
