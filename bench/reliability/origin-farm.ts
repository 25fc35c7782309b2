// The news sites a reliability or load run reads: many hosts (s01.localhost, s02.localhost, ...) served by
// one HTTP server on 127.0.0.1, each with robots.txt, RSS feeds whose article URLs are known in advance
// (the expected set) and generated article pages. Some pages and feeds misbehave on purpose (the origin
// faults of the plan), and the server measures what a news site would see of the crawler: requests in
// flight per host, the gap between request starts, and whether robots.txt was honoured.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { seededRandom } from '../../shared/random.ts';

/** What an article's page does. "first-" faults hit the first request only, then the page is served. */
export type OriginFault =
  | 'origin-reset'
  | 'origin-hang'
  | 'origin-trickle'
  | 'origin-429-retry-after'
  | 'origin-503-retry-after'
  | 'origin-endless-body'
  | 'origin-gzip-bomb'
  | 'origin-redirect-loop'
  | 'origin-oversize'
  | 'reject-robots'
  | 'reject-not-html'
  | 'reject-blocked-address'
  | 'feed-changes-between-reads';

/** Faults that go away after the first request: the article must end stored. */
export const TRANSIENT_ORIGIN_FAULTS: ReadonlySet<OriginFault> = new Set([
  'origin-reset', 'origin-hang', 'origin-trickle', 'origin-429-retry-after', 'origin-503-retry-after',
]);
/** Faults a page keeps: the article must end dead-lettered (or rejected), never stored. */
export const PERSISTENT_ORIGIN_FAULTS: ReadonlySet<OriginFault> = new Set([
  'origin-endless-body', 'origin-gzip-bomb', 'origin-redirect-loop', 'origin-oversize',
]);
/** Deliberate refusals by the pipeline (robots.txt, not HTML, blocked address): counted as rejections. */
export const REJECTION_FAULTS: ReadonlySet<OriginFault> = new Set(['reject-robots', 'reject-not-html', 'reject-blocked-address']);
export const ARTICLE_FAULTS = [...TRANSIENT_ORIGIN_FAULTS, ...PERSISTENT_ORIGIN_FAULTS, ...REJECTION_FAULTS] as OriginFault[];

export interface FarmPlan {
  hosts: number;
  feeds: number;
  articles: number;
  seed: number;
  /** Share of articles given one of ARTICLE_FAULTS (0 turns origin faults off). */
  faultRate: number;
  /** Largest body the crawler accepts: the oversize page is larger. */
  maxBytes: number;
}

export interface ExpectedArticle {
  url: string;
  feed: number;
  fault: OriginFault | null;
}

interface RequestSpan {
  path: string;
  start: number;
  end: number;
}

export interface PolitenessReport {
  hosts: number;
  /** Most requests in flight at once at any one host (robots.txt included). */
  maxConcurrent: number;
  /** Smallest gap between two request starts at one host, ms (robots.txt excluded: the gate does not pace it). */
  minGapMs: number;
  /** Gaps shorter than the configured minimum (less a tolerance for timer and event-loop jitter). */
  gapViolations: number;
  concurrencyViolations: number;
  robotsViolations: number;
  /** Hang and trickle connections held longer than the fetch timeout allows. */
  deadlineOverruns: number;
  requests: number;
  /** The first few gaps too short: host, the two paths and the gap. */
  gapExamples: string[];
}

const WORDS = (
  'the council said on monday that its plan for the river crossing would cost more than expected after engineers found ' +
  'older foundations under the east bank while residents asked for a public meeting before work starts next spring ' +
  'officials added that traffic would move to a temporary bridge and that buses keep their routes the report also ' +
  'notes that local shops expect fewer visitors during the works and the mayor promised support for owners who lose ' +
  'trade schools near the site will change their hours and a new cycle lane opens when the work ends ' +
  'scientists market growth league final season election minister hospital weather storm festival museum court trial'
).split(' ');

function sentence(random: () => number, n: number): string {
  const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]);
  const text = words.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

export function articlePage(url: string, index: number, seed: number): string {
  const random = seededRandom(seed * 1_000_003 + index);
  const title = sentence(random, 8).slice(0, -1);
  const paragraphs = Array.from({ length: 6 }, () => `<p>${Array.from({ length: 4 }, () => sentence(random, 12 + Math.floor(random() * 8))).join(' ')}</p>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="canonical" href="${url}"><meta property="article:published_time" content="2026-11-20T08:00:00Z"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article><h1>${title}</h1><p class="byline">By Staff Reporter ${index}</p>${paragraphs.join('\n')}</article>
<footer>Copyright The Example Times</footer></body></html>`;
}

export class OriginFarm {
  readonly expected: ExpectedArticle[] = [];
  private server!: http.Server;
  port = 0;
  private readonly spans = new Map<string, RequestSpan[]>();
  private readonly inFlight = new Map<string, number>();
  private readonly peak = new Map<string, number>();
  private readonly served = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private readonly feedReads = new Map<number, number>();
  private readonly changingFeeds = new Set<number>();
  /** Origin faults that happened, by type (a first-request fault counts when that request was served). */
  readonly fired: Record<string, number> = {};
  private readonly gzipBomb: Buffer;

  constructor(private readonly plan: FarmPlan) {
    const random = seededRandom(plan.seed);
    // Some feeds list only half of their entries on the first read.
    for (let f = 0; f < plan.feeds; f++) if (plan.faultRate > 0 && random() < 0.1) this.changingFeeds.add(f);
    for (let i = 0; i < plan.articles; i++) {
      const feed = i % plan.feeds;
      let fault: OriginFault | null = null;
      if (plan.faultRate > 0 && random() < plan.faultRate) fault = ARTICLE_FAULTS[Math.floor(random() * ARTICLE_FAULTS.length)];
      // The first articles cycle twice through every fault type, on different feeds, so each fires even in a small run.
      if (plan.faultRate > 0 && i < 2 * ARTICLE_FAULTS.length) fault = ARTICLE_FAULTS[i % ARTICLE_FAULTS.length];
      this.expected.push({ url: '', feed, fault });
    }
    // 64 MB of zeros in 64 KB on the wire (64 gzip members of 1 MB each, cheap to build): past the
    // fetcher's decoded-size limit (50 MB).
    const member = gzipSync(Buffer.alloc(1024 * 1024));
    this.gzipBomb = plan.faultRate > 0 ? Buffer.concat(Array.from({ length: 64 }, () => member)) : Buffer.alloc(0);
  }

  hostOf(feed: number): string {
    return `s${String((feed % this.plan.hosts) + 1).padStart(3, '0')}.localhost`;
  }

  feedUrls(): string[] {
    return Array.from({ length: this.plan.feeds }, (_, f) => `http://${this.hostOf(f)}:${this.port}/feeds/${f}.xml`);
  }

  /** Feeds that have been read in full at least once (the changing ones list everything from their second read). */
  allFeedsReadInFull(): boolean {
    for (let f = 0; f < this.plan.feeds; f++) {
      const reads = this.feedReads.get(f) ?? 0;
      if (reads < (this.changingFeeds.has(f) ? 2 : 1)) return false;
    }
    return true;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.expected.forEach((article, i) => {
      const host = this.hostOf(article.feed);
      article.url =
        article.fault === 'reject-blocked-address' ? `http://10.255.0.${(i % 250) + 1}/a/${i}.html`
        : article.fault === 'reject-robots' ? `http://${host}:${this.port}/private/${i}.html`
        : `http://${host}:${this.port}/a/${i}.html`;
    });
    if (this.changingFeeds.size > 0) this.fired['feed-changes-between-reads'] = this.changingFeeds.size;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Origin faults stop: every page serves normally from now on (for the redrive of retryable failures). */
  private healed = false;
  heal(): void {
    this.healed = true;
  }

  politeness(config: { minDelayMs: number; maxConcurrent: number; fetchTimeoutMs: number }): PolitenessReport {
    // Seen at the origin, a request arrives some time after the gate granted its turn (the crawler's own
    // scheduling: up to ~100 ms on a loaded 2-core machine), so a gap can look shorter than it was. A leak
    // (two workers starting together) shows as gaps near 0, far below this tolerance.
    const tolerance = Math.max(25, config.minDelayMs * 0.4);
    const report: PolitenessReport = {
      hosts: this.spans.size, maxConcurrent: 0, minGapMs: Infinity, gapViolations: 0, concurrencyViolations: 0,
      robotsViolations: 0, deadlineOverruns: 0, requests: 0, gapExamples: [],
    };
    for (const [host, spans] of this.spans) {
      report.requests += spans.length;
      const peak = this.peak.get(host) ?? 0;
      report.maxConcurrent = Math.max(report.maxConcurrent, peak);
      if (peak > config.maxConcurrent) report.concurrencyViolations += peak - config.maxConcurrent;
      const paced = spans.filter((s) => s.path !== '/robots.txt').sort((a, b) => a.start - b.start);
      for (let i = 1; i < paced.length; i++) {
        const gap = paced[i].start - paced[i - 1].start;
        report.minGapMs = Math.min(report.minGapMs, gap);
        if (gap >= config.minDelayMs - tolerance) continue;
        report.gapViolations++;
        if (report.gapExamples.length < 5) report.gapExamples.push(`${host} ${paced[i - 1].path} -> ${paced[i].path} ${Math.round(gap)} ms`);
      }
      for (const span of spans) {
        if (span.path.startsWith('/private/')) report.robotsViolations++;
      }
    }
    report.deadlineOverruns = this.overruns.filter((ms) => ms > config.fetchTimeoutMs + 1500).length;
    if (report.minGapMs === Infinity) report.minGapMs = 0;
    report.minGapMs = Math.round(report.minGapMs);
    return report;
  }

  private readonly overruns: number[] = [];

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = (req.url ?? '/').split('?')[0];
    const span: RequestSpan = { path, start: performance.now(), end: 0 };
    const spans = this.spans.get(host) ?? [];
    this.spans.set(host, spans);
    spans.push(span);
    const now = (this.inFlight.get(host) ?? 0) + 1;
    this.inFlight.set(host, now);
    this.peak.set(host, Math.max(this.peak.get(host) ?? 0, now));
    let closed = false;
    const done = () => {
      if (closed) return;
      closed = true;
      span.end = performance.now();
      this.inFlight.set(host, (this.inFlight.get(host) ?? 1) - 1);
    };
    res.on('close', done);

    if (path === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
    const feed = path.match(/^\/feeds\/(\d+)\.xml$/);
    if (feed) return this.serveFeed(Number(feed[1]), host, req, res);
    const page = path.match(/^\/(?:a|private)\/(\d+)\.html$/);
    const article = page ? this.expected[Number(page[1])] : undefined;
    if (!article || this.hostOf(article.feed) !== host) return void res.writeHead(404).end('not found');
    this.serveArticle(Number(page![1]), article, req, res);
  }

  private serveFeed(f: number, host: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    if (f >= this.plan.feeds || this.hostOf(f) !== host) return void res.writeHead(404).end('not found');
    const reads = (this.feedReads.get(f) ?? 0) + 1;
    this.feedReads.set(f, reads);
    let items = this.expected.map((article, i) => ({ article, i })).filter(({ article }) => article.feed === f);
    if (this.changingFeeds.has(f) && reads === 1) items = items.slice(0, Math.ceil(items.length / 2));
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Feed ${f}</title><link>http://${host}:${this.port}/</link>
${items.map(({ article, i }) => `<item><title>Story ${i}</title><link>${article.url}</link><guid isPermaLink="false">story-${i}</guid><pubDate>${new Date(Date.UTC(2026, 10, 20, 8, 0, i % 3600)).toUTCString()}</pubDate></item>`).join('\n')}
</channel></rss>`;
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(xml);
  }

  private serveArticle(i: number, article: ExpectedArticle, req: http.IncomingMessage, res: http.ServerResponse): void {
    const key = article.url;
    const count = (this.served.get(key) ?? 0) + 1;
    this.served.set(key, count);
    const fault = this.healed ? null : article.fault;
    const fire = (type: string) => (this.fired[type] = (this.fired[type] ?? 0) + 1);
    const html = () => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(article.url, i, this.plan.seed));
    if (fault && TRANSIENT_ORIGIN_FAULTS.has(fault) && count > 1) return html();
    const started = performance.now();
    switch (fault) {
      case 'origin-reset':
        fire(fault);
        return void req.socket.destroy();
      case 'origin-hang':
        fire(fault);
        res.on('close', () => this.overruns.push(performance.now() - started));
        return; // accepted, never answered: the crawler's deadline must end it
      case 'origin-trickle': {
        fire(fault);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const timer = setInterval(() => res.write('<p>.'), 100);
        res.on('close', () => {
          clearInterval(timer);
          this.overruns.push(performance.now() - started);
        });
        return;
      }
      case 'origin-429-retry-after':
      case 'origin-503-retry-after':
        fire(fault);
        return void res.writeHead(fault === 'origin-429-retry-after' ? 429 : 503, { 'retry-after': '1' }).end('busy');
      case 'origin-endless-body': {
        fire(fault);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          // Endless as far as the crawler can tell; stopped at 256 MB so a broken cap cannot fill the disk.
          while (!res.destroyed && sent < 256 * 2 ** 20) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        return pump();
      }
      case 'origin-gzip-bomb':
        fire(fault);
        return void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(this.gzipBomb);
      case 'origin-redirect-loop':
        fire(fault);
        return void res.writeHead(302, { location: new URL(article.url).pathname }).end();
      case 'origin-oversize':
        fire(fault);
        return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>${'<p>too long</p>'.repeat(Math.ceil((this.plan.maxBytes * 2) / 14))}</body></html>`);
      case 'reject-not-html':
        fire(fault);
        return void res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4\n');
      default:
        return html();
    }
  }
}
