// Bad input, counted: fast-check properties over what the open web hands the pipeline (feeds, pages,
// URLs). For each public entry point: no throw escapes but its typed error, no call hangs, and memory
// stays bounded. The suite prints how many inputs each property tried (docs/reliability-properties.md).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { isIP } from 'node:net';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedParseError, canonicalizeUrl, parseFeed } from '../../shared/feeds/index.ts';
import { extractArticle } from '../../shared/extract/index.ts';
import { FetchError, blockedReason, safeFetch } from '../../shared/fetch/index.ts';
import type { Resolver } from '../../shared/fetch/index.ts';

const SEED = 20261208;
/** A call that takes longer than this is taken for a hang (a detector, not a speed target). */
const HANG_MS = 10_000;
/** Heap growth over a whole property that counts as unbounded. */
const HEAP_BOUND_MB = 256;

const sample = (file: string) => readFileSync(new URL(`../../samples/sites/${file}`, import.meta.url), 'utf8');
const FEEDS = [sample('daily-planet.localhost/feed.xml'), sample('northwind-wire.localhost/feeds/all.atom.xml'), sample('the-ledger.localhost/feed.json')];
const PAGES = [
  sample('daily-planet.localhost/world/2026/11/26/ceasefire-talks-resume-geneva.html'),
  sample('aggregator-wp.localhost/2026/11/27/putin-says-russia-china-ties-are-best-in-history-expects-xi-visit.html'),
];

interface Tally {
  inputs: number;
  typedErrors: number;
  maxMs: number;
  heapGrowthMb: number;
}
const tallies = new Map<string, Tally>();

/** Runs one property with the same seed every time, timing each call and watching the heap. */
async function check<T>(name: string, arbitrary: fc.Arbitrary<T>, numRuns: number, call: (input: T) => unknown | Promise<unknown>, isTyped: (error: unknown) => boolean) {
  const tally: Tally = { inputs: 0, typedErrors: 0, maxMs: 0, heapGrowthMb: 0 };
  tallies.set(name, tally);
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  await fc.assert(
    fc.asyncProperty(arbitrary, async (input) => {
      tally.inputs++;
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(() => call(input)),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`hung for ${HANG_MS} ms`)), HANG_MS))),
        ]);
      } catch (error) {
        if (!isTyped(error)) throw error;
        tally.typedErrors++;
      } finally {
        clearTimeout(timer);
      }
      tally.maxMs = Math.max(tally.maxMs, performance.now() - started);
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }),
    { numRuns, seed: SEED },
  );
  tally.heapGrowthMb = (heapPeak - heapBefore) / 2 ** 20;
  expect(tally.heapGrowthMb).toBeLessThan(HEAP_BOUND_MB);
}

afterAll(() => {
  const lines = [...tallies].map(
    ([name, t]) => `  ${name.padEnd(16)} ${String(t.inputs).padStart(6)} inputs, ${String(t.typedErrors).padStart(6)} typed errors, 0 escaped, slowest ${t.maxMs.toFixed(0)} ms, heap +${t.heapGrowthMb.toFixed(0)} MB`,
  );
  console.log(`bad-input properties (seed ${SEED}):\n${lines.join('\n')}`);
});

/** A real document damaged the ways transfers and sites damage them: cut short, bytes spliced in, tags dropped. */
function damaged(documents: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...documents), fc.nat(), fc.nat(), fc.string({ maxLength: 40 }), fc.constantFrom('cut', 'splice', 'strip', 'repeat'))
    .map(([doc, a, b, junk, how]) => {
      const [i, j] = [a % (doc.length + 1), b % (doc.length + 1)].sort((x, y) => x - y);
      if (how === 'cut') return doc.slice(0, j);
      if (how === 'splice') return doc.slice(0, i) + junk + doc.slice(j);
      if (how === 'strip') return doc.slice(0, i) + doc.slice(i, j).replace(/<[^>]*>/g, '') + doc.slice(j);
      return doc.slice(0, i) + doc.slice(i, j).repeat(3) + doc.slice(j);
    });
}

/** Markup assembled from the pieces parsers trip on. */
function tagSoup(pieces: string[]): fc.Arbitrary<string> {
  return fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 })), { maxLength: 80 }).map((parts) => parts.join(''));
}

const FEED_PIECES = [
  '<?xml version="1.0"?>', '<?xml version="1.0" encoding="windows-1252"?>', '<rss version="2.0">', '<channel>', '</channel>', '<item>', '</item>',
  '<title>', '</title>', '<link>', '</link>', 'https://example.com/a', '<feed xmlns="http://www.w3.org/2005/Atom">', '<entry>', '</entry>',
  '<link href="/rel"/>', '<urlset>', '<url><loc>', '</loc></url>', '<sitemapindex>', '<![CDATA[', ']]>', '&amp;', '&#x0;', '&#xD800;', '&bogus;',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', '&a;', '{"version":"https://jsonfeed.org/version/1.1","items":[', '{"url":', '"id":1}', ']}', '\u0000', '\uFFFE',
];
const HTML_PIECES = [
  '<html>', '<head>', '<meta charset="shift_jis">', '<meta http-equiv="content-type" content="text/html; charset=koi8-r">', '<title>', '</title>',
  '<body>', '<article>', '</article>', '<p>', '</p>', '<div class="share">', '</div>', '<script>', '</script>', '<style>', '<!--', '-->',
  '<script type="application/ld+json">{"@type":"NewsArticle","headline":', '"x"}', '<link rel="canonical" href="', '">', '<table>', '<td>',
  '&nbsp;', '&#99999999;', '<br>', '<img src="javascript:alert(1)">', 'The minister said on Tuesday that the talks would resume. ',
];

const urlLike = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string({ maxLength: 60 }),
  fc.string({ maxLength: 60 }).map((s) => `http://${s}`),
  fc.string({ maxLength: 60 }).map((s) => `https://example.com/${s}`),
  fc.tuple(fc.constantFrom('http', 'https', 'ftp', 'file', 'javascript', 'data', 'HTTP', 'hTTps'), fc.string({ maxLength: 30 })).map(([scheme, rest]) => `${scheme}:${rest}`),
  fc.webUrl().map((u) => `https://t.co/redirect?url=${encodeURIComponent(u)}`),
  fc.webUrl().map((u) => `https://news.google.com/rss/articles/x?url=${u}&utm_source=feed`),
  fc.constantFrom('http://user:pw@example.com/', 'http://[::1]/', 'http://0x7f.1/', 'http://example.com:99999/', 'http://exa mple.com/', 'http://%zz/', ' http://example.com/ '),
);

describe('bad input never escapes as anything but a typed error', () => {
  it('parseFeed: broken feeds, tag soup and random bytes throw FeedParseError or parse', async () => {
    const inputs = fc.oneof(
      damaged(FEEDS),
      tagSoup(FEED_PIECES),
      fc.uint8Array({ maxLength: 2000 }),
      damaged(FEEDS).map((doc) => gzipSync(doc)),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Uint8Array.from([0x1f, 0x8b, ...bytes])),
    );
    await check('parseFeed', inputs, 1500, (body) => {
      const feed = parseFeed(body, 'https://example.com/feed.xml');
      expect(feed.items.length).toBeLessThanOrEqual(typeof body === 'string' ? body.length : 50 * body.length + 100);
    }, (error) => error instanceof FeedParseError);
  }, 300_000);

  it('extractArticle: damaged pages and tag soup never throw, and the text comes from the page', async () => {
    const inputs = fc.oneof(damaged(PAGES), tagSoup(HTML_PIECES), fc.uint8Array({ maxLength: 2000 }));
    await check('extractArticle', inputs, 400, (page) => {
      const article = extractArticle(page, 'https://example.com/news/story.html');
      const size = typeof page === 'string' ? page.length : page.length;
      expect(article.text.length).toBeLessThanOrEqual(2 * size + 100);
    }, () => false);
  }, 300_000);

  it('canonicalizeUrl: any string gives a URL that canonicalizes to itself, or a TypeError', async () => {
    await check('canonicalizeUrl', urlLike, 5000, (input) => {
      const canonical = canonicalizeUrl(input);
      expect(canonicalizeUrl(canonical)).toBe(canonical);
    }, (error) => error instanceof TypeError);
  }, 300_000);

  it("safeFetch's URL handling: any string ends in a FetchError before any connection is made", async () => {
    // Names never resolve here, and a public IP literal is never handed over: nothing leaves this process.
    const noDns: Resolver = async (hostname) => {
      throw Object.assign(new Error(`no DNS in this test (${hostname})`), { code: 'ENOTFOUND' });
    };
    const neverPublic = (input: string) => {
      try {
        const host = new URL(input.trim()).hostname.replace(/^\[|\]$/g, '');
        return !(isIP(host) && blockedReason(host) === null);
      } catch {
        return true;
      }
    };
    await check('safeFetch URL', urlLike.filter(neverPublic), 1500, async (input) => {
      await safeFetch(input, { resolver: noDns, robots: false, hostGate: false, timeoutMs: 5000 });
      throw new Error(`fetched ${input}`);
    }, (error) => error instanceof FetchError && ['INVALID_URL', 'NETWORK', 'BLOCKED_ADDRESS'].includes(error.code));
  }, 300_000);
});
