// npm run bench:feeds — feed parser coverage, leniency and throughput beside three peer libraries,
// and the fetch-feed core path (safeFetch + parseFeed + canonicalizeUrl) for a 500-entry feed over
// a real socket on 127.0.0.1, beside rss-parser's own parseURL. Prints Markdown.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import RssParser from 'rss-parser';
import { MemoryHostGate, RobotsTxtChecker, safeFetch } from '../../shared/fetch/index.ts';
import { respond, TestServer } from '../../tests/support/test-server.ts';
import { canonicalizeUrl, parseFeed } from '../../shared/feeds/index.ts';
import { CASES } from './cases.ts';
import { atomFeed, jsonFeed, loadArticles, rssFeed } from './fixtures.ts';
import { timeIngestFeed } from './ingest.ts';
import { PARSERS, syndic, type FeedParser } from './peers.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const WARMUP = 3;
const ENTRIES = 500;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function coverage(): Promise<void> {
  console.log('## Format coverage and leniency\n');
  console.log(`Each case checks the entry count and the first entry's absolute URL, title and (where given) date. ✓ = all right.\n`);
  console.log(`| case | kind | ${PARSERS.map((p) => p.name).join(' | ')} |`);
  console.log(`|---|---|${PARSERS.map(() => '---').join('|')}|`);
  const passed = new Map(PARSERS.map((p) => [p.name, { format: 0, leniency: 0 }]));
  for (const c of CASES) {
    const cells: string[] = [];
    for (const parser of PARSERS) {
      const verdict = await check(parser, c);
      if (verdict === '✓') passed.get(parser.name)![c.kind]++;
      cells.push(verdict);
    }
    console.log(`| ${c.name} | ${c.kind} | ${cells.join(' | ')} |`);
  }
  const formats = CASES.filter((c) => c.kind === 'format').length;
  const leniency = CASES.length - formats;
  console.log(`| **total** | | ${PARSERS.map((p) => `${passed.get(p.name)!.format}/${formats} formats, ${passed.get(p.name)!.leniency}/${leniency} leniency`).join(' | ')} |\n`);
}

async function check(parser: FeedParser, c: (typeof CASES)[number]): Promise<string> {
  try {
    const feed = await parser.parse(c.body, c.url);
    const first = feed.entries[0];
    const wrong: string[] = [];
    if (feed.entries.length !== c.expect.count) wrong.push(`${feed.entries.length} entries`);
    if (first?.url !== c.expect.url) wrong.push('url');
    if ((first?.title ?? null) !== c.expect.title) wrong.push('title');
    if (c.expect.publishedAt && first?.publishedAt !== c.expect.publishedAt) wrong.push('date');
    return wrong.length === 0 ? '✓' : `✗ ${wrong.join(', ')}`;
  } catch {
    return '✗ throws';
  }
}

async function throughput(): Promise<void> {
  const articles = loadArticles(ENTRIES);
  const site = 'https://bench.example';
  const docs = [
    { format: 'RSS 2.0', text: rssFeed(articles, site) },
    { format: 'Atom 1.0', text: atomFeed(articles, site) },
    { format: 'JSON Feed 1.1', text: jsonFeed(articles, site) },
  ];
  console.log(`## Parse throughput, ${ENTRIES}-entry feeds (BBC News text, content included)\n`);
  console.log(`Median of ${ROUNDS} timed runs after ${WARMUP} warm-up runs, parsers interleaved. syndic is given bytes (charset detection included), peers a string.\n`);
  console.log('| feed | size | parser | median ms | min ms | entries/s (median) | vs syndic (median) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const doc of docs) {
    const bytes = Buffer.from(doc.text);
    const usable: FeedParser[] = [];
    for (const parser of PARSERS) {
      const feed = await parser.parse(parser.takesBytes ? bytes : doc.text, `${site}/feed`).catch(() => null);
      if (feed && feed.entries.length === ENTRIES) usable.push(parser);
    }
    const times = new Map<string, number[]>(usable.map((p) => [p.name, []]));
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      for (const parser of usable) {
        const input = parser.takesBytes ? bytes : doc.text;
        const started = performance.now();
        await parser.parse(input, `${site}/feed`);
        if (round >= WARMUP) times.get(parser.name)!.push(performance.now() - started);
      }
    }
    const ours = median(times.get(syndic.name)!);
    for (const parser of PARSERS) {
      const t = times.get(parser.name);
      if (!t) {
        console.log(`| ${doc.format} | ${fmt(bytes.length / 1024 / 1024, 2)} MB | ${parser.name} | — | — | not supported | |`);
        continue;
      }
      const m = median(t);
      console.log(`| ${doc.format} | ${fmt(bytes.length / 1024 / 1024, 2)} MB | ${parser.name} | ${fmt(m)} | ${fmt(Math.min(...t))} | ${fmt(ENTRIES / (m / 1000), 0)} | ${fmt(m / ours, 2)}× the time |`);
    }
  }
  console.log('');
}

async function fetchPath(): Promise<void> {
  const articles = loadArticles(ENTRIES);
  const server = await TestServer.start();
  const site = `http://127.0.0.1:${server.port}`;
  const body = gzipSync(Buffer.from(rssFeed(articles, site)));
  const etag = '"bench-500"';
  server.route('/feed.xml', (req, res) => {
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    const gzip = /gzip/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
    res.end(gzip ? body : rssFeed(articles, site));
  });
  server.route('/robots.txt', respond(200, 'User-agent: *\nAllow: /\n', { 'content-type': 'text/plain' }));
  const url = `${site}/feed.xml`;
  const options = { allowLoopback: true, accept: 'feed' as const, robots: new RobotsTxtChecker(), hostGate: new MemoryHostGate({ minDelayMs: 0 }) };
  const rssParser = new RssParser();

  const runs: Record<string, () => Promise<number>> = {
    'syndic: safeFetch + parseFeed + canonicalizeUrl (200, gzip)': async () => {
      const result = await safeFetch(url, options);
      const feed = parseFeed(result.body, result.url, { contentType: result.contentType });
      return new Set(feed.items.map((i) => canonicalizeUrl(i.url))).size;
    },
    'syndic: conditional GET answered 304': async () => {
      const result = await safeFetch(url, { ...options, etag });
      return result.notModified ? ENTRIES : 0;
    },
    'rss-parser 3.13.0: parseURL (own http.get, no guard, no robots)': async () => (await rssParser.parseURL(url)).items.length,
  };
  const times = new Map<string, number[]>(Object.keys(runs).map((k) => [k, []]));
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (const [name, run] of Object.entries(runs)) {
      const started = performance.now();
      const count = await run();
      if (count !== ENTRIES) throw new Error(`${name} returned ${count} entries`);
      if (round >= WARMUP) times.get(name)!.push(performance.now() - started);
    }
  }
  await server.close();
  console.log(`## Fetch-feed core path, ${ENTRIES}-entry RSS feed over a real socket on 127.0.0.1\n`);
  console.log(`Median of ${ROUNDS} runs after ${WARMUP} warm-up runs. Excludes the claim writes and SQS sends of the fetch-feed function.\n`);
  console.log('| path | median ms | max ms | vs syndic 200 |');
  console.log('|---|---|---|---|');
  const ours = median(times.get(Object.keys(runs)[0])!);
  for (const [name, t] of times) console.log(`| ${name} | ${fmt(median(t))} | ${fmt(Math.max(...t))} | ${fmt(median(t) / ours, 2)}× |`);
  console.log('');
}

async function ingest(): Promise<void> {
  const rounds = Math.max(5, Math.round(ROUNDS / 3));
  const t = await timeIngestFeed(ENTRIES, rounds, 1);
  console.log(`## fetch-feed handler (ingestFeed), ${ENTRIES}-entry RSS feed, dynalite + fauxqs in-process\n`);
  console.log(`Median of ${rounds} runs after 1 warm-up run. The whole function body: DynamoDB host gate and robots cache, conditional GET, parse, one conditional claim write per entry, SQS batch sends of 10, feed state write. Local servers in the same process, not AWS.\n`);
  console.log('| read | median ms | max ms | per entry ms |');
  console.log('|---|---|---|---|');
  for (const [name, times] of [
    ['first read: 500 new entries claimed and enqueued', t.fresh],
    ['re-read under a new ETag: 500 claims refused, nothing enqueued', t.unchanged],
    ['conditional GET answered 304', t.notModified],
  ] as const) {
    console.log(`| ${name} | ${fmt(median(times))} | ${fmt(Math.max(...times))} | ${fmt(median(times) / ENTRIES, 2)} |`);
  }
  console.log('');
}

console.log(`# bench:feeds — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}\n`);
await coverage();
await throughput();
await fetchPath();
await ingest();
