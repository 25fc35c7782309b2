// The console in a real browser (Debian's chromium, driven by playwright-core; never a downloaded
// browser) over the data of a real local run: the sample sites through the whole pipeline, plus a
// hostile page ingested the same way. With SYNDIC_SCREENSHOTS=1 it writes the screenshots under
// docs/console/ (1280x800); without, it leaves the tree as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { startSampleServer } from '../../cli/local/sample-server.ts';
import type { SampleServer } from '../../cli/local/sample-server.ts';
import { registerFeeds, runFlow } from '../../cli/local/local-flow.ts';
import { consoleDeps, listen } from '../../cli/console/server.ts';
import type { RunningConsole } from '../../cli/console/server.ts';
import { stores } from '../../shared/pipeline/dependencies.ts';
import { canonicalizeUrl } from '../../shared/feeds/index.ts';
import { JobQueue } from '../../shared/store/job-queue.ts';
import { articleId } from '../../shared/store/records.ts';

const SCRIPT = `"'><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
const HOSTILE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Hostile headline ${SCRIPT.replaceAll('<', '&lt;')}</title>
<meta name="author" content="Mallory &quot; onmouseover=&quot;window.__pwned=3">
<meta property="article:published_time" content="2026-11-27T20:00:00Z">
</head><body><article><h1>Hostile headline ${SCRIPT.replaceAll('<', '&lt;')}</h1>
${Array.from({ length: 4 }, (_, i) => `<p>Paragraph ${i} of a page that tries to run code in the console: &lt;script&gt;window.__pwned=4&lt;/script&gt;, a
<a href="javascript:window.__pwned=5">javascript: link</a> and "quotes' that try to leave an attribute. The harbour
authority said on Friday that the ferry timetable would change next week.</p>`).join('\n')}
</article></body></html>`;
/** Pinned to the day after the sample articles, so the 24 h, 7 day and chart windows hold them. */
const NOW = new Date('2026-11-28T12:00:00.000Z');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = process.env.SYNDIC_SCREENSHOTS === '1' ? new URL('../../docs/console/', import.meta.url) : null;

let samples: SampleServer;
let hostileSite: ReturnType<typeof createServer>;
let env: LocalEnvironment;
let server: RunningConsole;
let browser: Browser;
let context: BrowserContext;
let hostileUrl: string;
let storyArticle: string;

beforeAll(async () => {
  samples = await startSampleServer();
  hostileSite = createServer((request, response) => {
    if (request.url?.startsWith('/news/')) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HOSTILE_PAGE);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => hostileSite.listen(0, '127.0.0.1', resolve));
  hostileUrl = `http://hostile.localhost:${(hostileSite.address() as AddressInfo).port}/news/%22'%3E%3Cscript%3Ewindow.__pwned=6%3C/script%3E.html`;
  env = await openLocalEnvironment({ settings: { SYNDIC_ALLOW_LOOPBACK: 'true' } });
  const { articles, state } = stores(env.config, env.aws);
  // One feed that fails, so the Feeds page and the badge have something to show.
  const missingFeed = samples.manifest.feeds[0].url.replace(/[^/]+$/, 'no-such-feed.xml');
  await registerFeeds(state, [...samples.manifest.feeds.map((feed) => feed.url), missingFeed], new Date());
  await new JobQueue(env.aws.sqs, env.config.articleQueueUrl).sendAll([
    {
      url: hostileUrl, canonicalUrl: canonicalizeUrl(hostileUrl), articleId: articleId(canonicalizeUrl(hostileUrl)), version: '-', feed: null,
      entry: { title: `Hostile headline ${SCRIPT}`, publishedAt: '2026-11-27T20:00:00Z', updatedAt: null, authors: [`Mallory ${SCRIPT}`] },
    },
  ]);
  await runFlow(env);
  const copy = samples.manifest.articles.find((article) => article.copyOf)!;
  storyArticle = articleId(canonicalizeUrl(copy.copyOf!));
  expect(await articles.get(articleId(canonicalizeUrl(hostileUrl)))).not.toBeNull();
  const deps = await consoleDeps({ aws: env.aws, names: env.config, articles, state, local: env, stack: null, settings: env.env, runtime: () => env.config, close: async () => {} });
  server = await listen({ ...deps, now: () => NOW }, 0);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
  await samples?.stop();
  await new Promise((resolve) => hostileSite?.close(resolve));
});

interface Visit {
  page: Page;
  errors: string[];
  dialogs: string[];
}

async function open(path: string, ctx: BrowserContext = context): Promise<Visit> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const response = await page.goto(new URL(path, server.url).href);
  expect(response?.status(), path).toBe(200);
  return { page, errors, dialogs };
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not as a page script: the console's CSP would refuse an inline one.
  await page.evaluate(AXE);
  const result = (await page.evaluate('axe.run()')) as { violations: { id: string; impact: string; nodes: unknown[] }[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
}

const PAGES: [string, () => string][] = [
  ['overview', () => '/'],
  ['articles', () => '/articles'],
  ['article', () => `/articles/${storyArticle}`],
  ['stories', () => '/stories'],
  ['feeds', () => '/feeds'],
  ['dead-letters', () => '/dead-letters'],
];

describe('the console in chromium', () => {
  it('loads every page with no console error and no serious accessibility violation (and screenshots it when asked)', { timeout: 180_000 }, async () => {
    for (const [name, path] of PAGES) {
      const { page, errors } = await open(path());
      if (name === 'overview') await page.waitForSelector('figure[data-chart] canvas');
      expect(await seriousViolations(page), name).toEqual([]);
      if (SHOTS) await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname });
      expect(errors, name).toEqual([]);
      await page.close();
    }
  });

  it('runs nothing from the hostile page on any page that shows it', { timeout: 120_000 }, async () => {
    const hostileId = articleId(canonicalizeUrl(hostileUrl));
    for (const path of ['/', '/articles', `/articles/${hostileId}`, '/stories', '/articles?topic=politics']) {
      const { page, errors, dialogs } = await open(path);
      await page.mouse.move(300, 300);
      expect(await page.evaluate('typeof window.__pwned'), path).toBe('undefined');
      expect(await page.locator('a[href^="javascript:"], [onerror], [onmouseover], img').count(), path).toBe(0);
      expect(dialogs, path).toEqual([]);
      expect(errors, path).toEqual([]);
      await page.close();
    }
    const { page } = await open(`/articles/${hostileId}`);
    expect(await page.locator('h1').textContent()).toContain('<script>window.__pwned=1</script>');
    expect(await page.locator('.text').textContent()).toContain('<script>window.__pwned=4</script>');
    await page.close();
  });

  it('filters with the form into a URL, and pages through the result', { timeout: 120_000 }, async () => {
    const { page } = await open('/articles');
    await page.selectOption('select[name=topic]', 'politics');
    await page.fill('input[name=since]', '2026-11-01');
    await Promise.all([page.waitForURL(/topic=politics/), page.click('form.filters button[type=submit]')]);
    expect(new URL(page.url()).searchParams.get('since')).toBe('2026-11-01');
    const politics = await page.locator('#results tbody tr').count();
    expect(politics).toBeGreaterThan(0);
    expect(new Set(await page.locator('#results tbody tr td:nth-child(4)').allTextContents()).size).toBeGreaterThan(0);

    const all = await open('/articles?since=2026-11-01&limit=100');
    const expected = await all.page.locator('#results tbody tr td:nth-child(2) a').allTextContents();
    await page.goto(new URL('/articles?since=2026-11-01&limit=5', server.url).href);
    const seen: string[] = [];
    for (;;) {
      seen.push(...(await page.locator('#results tbody tr td:nth-child(2) a').allTextContents()));
      const next = page.locator('a[rel=next]');
      if ((await next.count()) === 0) break;
      await Promise.all([page.waitForURL(/cursor=/), next.click()]);
    }
    expect(seen).toEqual(expected);
    expect(seen.length).toBeGreaterThan(5);
  });

  it('draws each chart from the same numbers as its table', async () => {
    const { page } = await open('/');
    await page.waitForSelector('#articles-per-topic canvas');
    // Run in the page (the test's own code, through the DevTools protocol): the chart's data as Chart.js holds it, and the table's cells.
    const [chart, table] = (await page.evaluate(`(() => {
      const figure = document.querySelector('#articles-per-topic');
      const data = Chart.getChart(figure.querySelector('canvas')).data;
      const rows = [...figure.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent));
      const names = [...figure.querySelectorAll('thead th')].slice(1).map((cell) => cell.textContent);
      return [
        { labels: data.labels, series: data.datasets.map((set) => [set.label, ...set.data.map(String)]) },
        { labels: rows.map((row) => row[0]), series: names.map((name, i) => [name, ...rows.map((row) => row[i + 1])]) },
      ];
    })()`)) as { labels: string[]; series: string[][] }[];
    expect(chart).toEqual(table);
    expect(table.series.length).toBeGreaterThan(1);
  });

  it('pauses and resumes a feed, and the badge follows', async () => {
    const { page } = await open('/feeds');
    const row = page.locator('tbody tr.ok').first();
    const feed = await row.getAttribute('data-feed');
    const badge = await page.locator('#feed-badge').textContent();
    await Promise.all([page.waitForURL(/done=pause/), row.getByRole('button', { name: /^Pause/ }).click()]);
    const paused = page.locator(`tr[data-feed="${feed}"]`);
    expect(await paused.locator('.status').textContent()).toBe('paused');
    expect(await page.locator('#feed-badge').textContent()).not.toBe(badge);
    await Promise.all([page.waitForURL(/done=resume/), paused.getByRole('button', { name: /^Resume/ }).click()]);
    expect(await page.locator(`tr[data-feed="${feed}"] .status`).textContent()).toBe('ok');
    expect(await page.locator('#feed-badge').textContent()).toBe(badge);
  });

  it('retries a failing feed now: locally one pass of the flow runs in-process', { timeout: 120_000 }, async () => {
    const { page } = await open('/feeds');
    const failing = page.locator('tbody tr.failing').first();
    const feed = await failing.getAttribute('data-feed');
    const before = Number(await failing.locator('td:nth-child(5)').textContent());
    await Promise.all([page.waitForURL(/done=retry/), failing.getByRole('button', { name: /^Retry now/ }).click()]);
    const row = page.locator(`tr[data-feed="${feed}"]`);
    expect(Number(await row.locator('td:nth-child(5)').textContent())).toBe(before + 1);
    expect(await row.locator('td.error').textContent()).toMatch(/404/);
  });

  it('moves through a list with j/k, opens with Enter, and focuses the filter with /', async () => {
    const { page } = await open('/articles?since=2026-11-01');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    const current = page.locator('#results tbody tr.current');
    expect(await current.count()).toBe(1);
    expect(await page.evaluate(`[...document.querySelectorAll('#results tbody tr')].findIndex((row) => row.classList.contains('current'))`)).toBe(1);
    const title = await current.locator('a').textContent();
    await Promise.all([page.waitForURL(/\/articles\/[^/?]+$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe(title);
    await page.goto(new URL('/articles', server.url).href);
    await page.keyboard.press('/');
    expect(await page.evaluate(`document.activeElement.getAttribute('name')`)).toBe('topic');
  });

  it('reads without JavaScript', { timeout: 60_000 }, async () => {
    const noScript = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    try {
      const { page } = await open('/articles?since=2026-11-01&limit=5', noScript);
      expect(await page.locator('#results tbody tr').count()).toBe(5);
      await Promise.all([page.waitForURL(/cursor=/), page.locator('a[rel=next]').click()]);
      expect(await page.locator('#results tbody tr').count()).toBeGreaterThan(0);
      const overview = await open('/', noScript);
      expect(await overview.page.locator('#articles-per-topic table tbody tr').count()).toBe(14);
    } finally {
      await noScript.close();
    }
  });
});
