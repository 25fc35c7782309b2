// The console's HTTP layer over real stores and queues (local servers), requests sent through Hono's
// own request path: host check, headers, CSRF, escaping of hostile records, filters, paging, exports,
// feed actions and dead letters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { consoleApp } from '../../cli/console/app.tsx';
import { deadLetters } from '../../shared/pipeline/dependencies.ts';
import { ArticleStore } from '../../shared/store/article-store.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import type { FeedState } from '../../shared/store/state-store.ts';
import { CursorCodec } from '../../shared/store/cursor.ts';
import { JobQueue } from '../../shared/store/job-queue.ts';
import { makeRecord } from '../support/records.ts';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const HOSTILE = `"'><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
const hostile = makeRecord({
  url: 'javascript:alert(document.domain)//',
  title: `Hostile ${HOSTILE}`,
  authors: [`</td><script>window.__pwned=3</script>`, `x" onmouseover="window.__pwned=4`],
  text: `Text with ${HOSTILE}\n\n<a href="javascript:alert(1)">click</a>`,
  source: { host: 'evil.example', name: `Evil ${HOSTILE}` },
  publishedAt: '2026-11-28T01:00:00.000Z',
  topics: [{ code: 'medtop:11000000', label: `politics ${HOSTILE}`, score: 0.9 }],
  feed: { id: 'feed-x', url: 'javascript:alert(2)' },
});
const sport = Array.from({ length: 7 }, (_, i) =>
  makeRecord({ publishedAt: `2026-11-${String(10 + i).padStart(2, '0')}T08:00:00.000Z`, source: { host: 'sport.example', name: null }, topics: [{ code: 'medtop:15000000', label: 'sport', score: 0.8 }], language: 'de' }),
);
const bulk = Array.from({ length: 56 }, (_, i) =>
  makeRecord({ publishedAt: new Date(Date.parse('2026-11-20T00:00:00Z') + i * 3_600_000).toISOString(), source: { host: 'bulk.example', name: null }, title: i === 0 ? '=HYPERLINK("http://x")' : `Bulk ${i}` }),
);
const copy = makeRecord({ publishedAt: '2026-11-20T05:00:00.000Z', duplicateOf: bulk[0].id, storyId: bulk[0].id, source: { host: 'copy.example', name: null } });
const feed = (id: string, url: string, failures: number, overrides: Partial<FeedState['health']> = {}): FeedState => ({
  id, url, title: null, origin: 'cli', addedAt: '2026-11-01T00:00:00.000Z', etag: null, lastModified: null, lastFetchedAt: null,
  health: { consecutiveFailures: failures, lastError: failures ? `HTTP_STATUS: 500 ${HOSTILE}` : null, lastSuccessAt: null, lastAttemptAt: '2026-11-28T10:00:00.000Z', nextDueAt: '2026-11-28T13:00:00.000Z', paused: false, ...overrides },
});

let env: LocalEnvironment;
let state: StateStore;
let app: ReturnType<typeof consoleApp>;
const retried: string[] = [];

beforeAll(async () => {
  env = await openLocalEnvironment();
  const articles = new ArticleStore(env.aws.dynamo, env.config.articlesTable);
  state = new StateStore(env.aws.dynamo, env.config.stateTable);
  for (const record of [hostile, ...sport, ...bulk, copy]) await articles.put(record);
  await state.putFeed(feed('good', 'https://good.example/feed.xml', 0));
  await state.putFeed(feed('bad', `javascript:alert(3)`, 4));
  await state.putFeed(feed('stopped', 'https://stopped.example/feed.xml', 10, { paused: true }));
  const dlq = new JobQueue(env.aws.sqs, env.config.articleDlqUrl);
  await dlq.deadLetter({ body: JSON.stringify({ url: 'https://a.example/x' }), reason: 'HTTP_STATUS: 500 after 3 attempts', errorCode: 'HTTP_STATUS', attempts: 3 });
  await dlq.deadLetter({ body: JSON.stringify({ url: 'javascript:alert(4)' }), reason: `UNSUPPORTED_CONTENT_TYPE: ${HOSTILE}`, errorCode: 'UNSUPPORTED_CONTENT_TYPE', attempts: 1 });
  app = consoleApp({
    articles,
    state,
    cursors: new CursorCodec(await state.cursorKey()),
    deadLetters: deadLetters(env.config, env.aws, { moveTask: false, waitSeconds: 0 }),
    readRaw: async () => ({ body: new TextEncoder().encode(`<script>window.__pwned=5</script>`), contentType: 'text/html', url: null, fetchedAt: null }),
    retryFeed: async (f) => void retried.push(f.id),
    now: () => NOW,
  });
}, 90_000);

afterAll(async () => {
  await env?.close();
});

const ORIGIN = 'http://127.0.0.1:4790';
const get = (path: string, headers: Record<string, string> = {}) => app.request(`${ORIGIN}${path}`, { headers: { host: '127.0.0.1:4790', ...headers } });
const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  app.request(`${ORIGIN}${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: { host: '127.0.0.1:4790', origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
const html = async (path: string) => {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return cheerio.load(await response.text());
};
const titles = ($: cheerio.CheerioAPI) => $('#results tbody tr td:nth-child(2) a').map((_, a) => $(a).text()).get();
const csrfToken = async () => (await html('/feeds'))('input[name=csrf]').first().val() as string;

/** No script but the console's own files, no event-handler attribute, no javascript: link, no hostile text as markup. */
function expectInert($: cheerio.CheerioAPI, page: string): void {
  $('script').each((_, el) => expect($(el).attr('src'), page).toMatch(/^\/assets\/[a-z.]+\.js$/));
  $('*').each((_, el) => {
    for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) expect(name, page).not.toMatch(/^on/i);
  });
  $('[href], [src], [action]').each((_, el) => {
    for (const name of ['href', 'src', 'action']) expect($(el).attr(name) ?? '', page).not.toMatch(/^\s*javascript:/i);
  });
  expect($('img').length, page).toBe(0);
}

describe('who the console answers', () => {
  it('refuses a Host that is not this machine, as a DNS-rebinding page would send', async () => {
    for (const host of ['evil.example', 'evil.example:4790', '127.0.0.1.evil.example', 'localhost.evil.example:4790', '0.0.0.0:4790']) {
      expect((await get('/', { host })).status, host).toBe(421);
    }
    expect((await get('/feeds', { host: 'localhost:4790' })).status).toBe(200);
  });

  it('sends a strict Content-Security-Policy and the other secure headers on every page', async () => {
    for (const path of ['/', '/articles', '/feeds', '/dead-letters', '/stories', `/articles/${hostile.id}`]) {
      const response = await get(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toMatch(/https?:/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });
});

describe('escaping what came from the open web', () => {
  it('shows hostile titles, authors, texts, topics, sources and URLs as text on every page', async () => {
    for (const path of ['/', '/articles', `/articles/${hostile.id}`, '/feeds', '/dead-letters', '/stories']) {
      const $ = await html(path);
      expectInert($, path);
    }
    const $ = await html(`/articles/${hostile.id}`);
    expect($('h1').text()).toBe(hostile.title);
    expect($('dl.fields').text()).toContain(hostile.authors[1]);
    expect($('.text').text()).toContain('<a href="javascript:alert(1)">click</a>');
    expect($('dd.url').text()).toBe(hostile.url);
    expect($('dd.url a').length).toBe(0);
  });

  it('serves the raw copy as sandboxed plain text', async () => {
    const response = await get(`/articles/${hostile.id}/raw`);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(await response.text()).toBe('<script>window.__pwned=5</script>');
  });

  it('defuses spreadsheet formulas in the CSV export', async () => {
    const csv = await (await get('/articles.csv?source=bulk.example&since=2026-11-01')).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe('articles', () => {
  it('filters by topic (label or code), source, language and time, as the URL says', async () => {
    expect(titles(await html('/articles?topic=sport&since=2026-11-01'))).toHaveLength(7);
    expect(titles(await html('/articles?topic=medtop:15000000&since=2026-11-01&until=2026-11-12T00:00:00Z'))).toHaveLength(2);
    expect(titles(await html('/articles?source=sport.example&language=de&since=2026-11-01'))).toHaveLength(7);
    expect(titles(await html('/articles?source=sport.example&language=en&since=2026-11-01'))).toHaveLength(0);
    const $ = await html('/articles?topic=sport&since=2026-11-01');
    expect($('select[name=topic] option[selected]').attr('value')).toBe('sport');
  });

  it('answers a topic or time the CLI would refuse with the reason and a 400', async () => {
    const response = await get('/articles?topic=no-such-topic-at-all');
    expect(response.status).toBe(400);
    expect(cheerio.load(await response.text())('[role=alert]').text()).toMatch(/unknown topic 'no-such-topic-at-all'/);
    expect((await get('/articles?since=yesterday-ish')).status).toBe(400);
  });

  it('pages with signed cursors through the whole result, each article once', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/articles?source=bulk.example&since=2026-11-01';
    let pages = 0;
    while (path) {
      const $ = await html(path);
      seen.push(...titles($));
      path = $('a[rel=next]').attr('href');
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen).toHaveLength(bulk.length);
    expect(new Set(seen).size).toBe(bulk.length);
    expect((await get('/articles?source=bulk.example&since=2026-11-01&cursor=forged.cursor')).status).toBe(400);
  });

  it('exports the whole query, every page, as CSV and NDJSON', async () => {
    const ndjson = (await (await get('/articles.ndjson?since=2026-11-01')).text()).trim().split('\n').map((line) => JSON.parse(line));
    expect(ndjson.map((record) => record.id).sort()).toEqual([hostile, ...sport, ...bulk].map((record) => record.id).sort());
    const response = await get('/articles.csv?since=2026-11-01');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,publishedAt,fetchedAt,source,title,url/);
    expect(lines.length).toBe(1 + ndjson.length);
  });

  it('shows an article with its story copies', async () => {
    const $ = await html(`/articles/${bulk[0].id}`);
    expect($('#copies').text()).toBe('Copies of this story (2)');
    expect((await get('/articles/nope')).status).toBe(404);
  });
});

describe('overview and charts', () => {
  it('counts the last 7 days and agrees with its chart CSV', async () => {
    const $ = await html('/');
    expect($('.card').first().text()).toContain('1 articles in the last 24 h');
    const table = $('#articles-per-topic table tbody tr').map((_, tr) => [$(tr).find('th, td').map((__, cell) => $(cell).text()).get().join(',')]).get();
    const csv = (await (await get('/charts/articles-per-topic.csv')).text()).trim().split('\r\n');
    expect(csv.slice(1)).toEqual(table);
    // The 14 days up to NOW: the hostile record, the 56 bulk ones and the two sport ones of 15 and 16 November (copies are not counted twice).
    expect(csv.slice(1).reduce((sum, line) => sum + line.split(',').slice(1).reduce((a, b) => a + Number(b), 0), 0)).toBe(1 + 56 + 2);
  });

  it('counts from the counters the store keeps: originals by hour, a record stored again not twice', async () => {
    // From 13:00 on 21 November: bulk records 37 to 55 and the hostile one; copies are not counted.
    const cards = () => html('/').then(($) => $('.card').map((_, card) => $(card).text()).get());
    expect((await cards()).slice(0, 2)).toEqual(['1 articles in the last 24 h', '20 articles in the last 7 days']);
    await new ArticleStore(env.aws.dynamo, env.config.articlesTable).put(hostile);
    expect((await cards()).slice(0, 2)).toEqual(['1 articles in the last 24 h', '20 articles in the last 7 days']);
  });

  it('shows each story with its copies and sites, from the story counters', async () => {
    const $ = await html('/stories?since=2026-11-19&until=2026-11-20T12:00:00Z');
    const rows = $('tbody tr').map((_, tr) => [$(tr).find('td').map((__, td) => $(td).text()).get().slice(1)]).get() as unknown as string[][];
    expect(rows).toHaveLength(13);
    expect(rows.find((row) => row[0] === bulk[0].title)).toEqual([bulk[0].title, '1', '2']);
    expect(rows.filter((row) => row[1] !== '0')).toHaveLength(1);
  });

  it('shows the failing and paused feeds count on every page', async () => {
    for (const path of ['/', '/articles', '/stories', '/dead-letters']) expect((await html(path))('#feed-badge').text(), path).toBe('1 failing · 1 paused');
  });
});

describe('actions', () => {
  it('lists failing feeds first, then paused ones', async () => {
    const $ = await html('/feeds');
    expect($('tbody tr').map((_, tr) => $(tr).attr('data-feed')).get()).toEqual(['bad', 'stopped', 'good']);
  });

  it('refuses a POST without the token, with a wrong one, or from another origin', async () => {
    const token = await csrfToken();
    expect((await post('/feeds/good/pause', {})).status).toBe(403);
    expect((await post('/feeds/good/pause', { csrf: `${token.slice(1)}x` })).status).toBe(403);
    expect((await post('/feeds/good/pause', { csrf: token }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await state.getFeed('good'))!.health.paused).toBe(false);
  });

  it('pauses, resumes and retries a feed', async () => {
    const token = await csrfToken();
    const paused = await post('/feeds/good/pause', { csrf: token });
    expect(paused.status).toBe(303);
    expect(paused.headers.get('location')).toBe('/feeds?done=pause');
    expect((await state.getFeed('good'))!.health.paused).toBe(true);
    expect(await state.dueFeeds(new Date('2030-01-01'))).not.toContainEqual(expect.objectContaining({ id: 'good' }));
    expect((await post('/feeds/good/resume', { csrf: token })).status).toBe(303);
    const resumed = (await state.getFeed('good'))!.health;
    expect([resumed.paused, resumed.nextDueAt]).toEqual([false, NOW.toISOString()]);
    expect((await post('/feeds/bad/retry', { csrf: token })).status).toBe(303);
    expect(retried).toEqual(['bad']);
    expect((await post('/feeds/nope/pause', { csrf: token })).status).toBe(400);
  });

  it('lists dead letters by reason without consuming them, and redrives one reason to the article queue', async () => {
    const first = await html('/dead-letters');
    expect(first('table').first().find('tbody tr')).toHaveLength(2);
    const again = await html('/dead-letters');
    expect(again('table').last().find('tbody tr')).toHaveLength(2);
    const token = again('input[name=csrf]').first().val() as string;
    const response = await post('/dead-letters/redrive', { csrf: token, errorCode: 'HTTP_STATUS' });
    expect(response.headers.get('location')).toBe('/dead-letters?redriven=1');
    const { Messages = [] } = await env.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: env.config.articleQueueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages.map((m) => JSON.parse(m.Body!).url)).toEqual(['https://a.example/x']);
    const after = await html('/dead-letters');
    expect(after('table').first().find('tbody tr code').text()).toBe('UNSUPPORTED_CONTENT_TYPE');
  });
});
