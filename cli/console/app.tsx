// The console's routes: server-rendered pages over the query library and the state store, the exports,
// the feed and dead-letter actions, and its own static assets. Reading works without JavaScript; the
// scripts only draw charts from the tables and add keyboard shortcuts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { stream } from 'hono/streaming';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { UsageError } from '../args.ts';
import { topicModel } from '../../shared/classify/topics.ts';
import customTopicsFile from '../../config/topics.json' with { type: 'json' };
import { QueryError, countByDay, countCopies, queryArticles } from '../../shared/store/article-query.ts';
import type { ArticleStore } from '../../shared/store/article-store.ts';
import { InvalidCursorError } from '../../shared/store/cursor.ts';
import type { CursorCodec } from '../../shared/store/cursor.ts';
import type { StoredRaw } from '../../shared/store/raw-archive.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';
import type { FeedState, StateStore } from '../../shared/store/state-store.ts';
import { PAGE_SIZE, filtersFrom, pageSize, queryString, resolveFilters } from './article-filters.ts';
import type { DeadLetters } from '../../shared/store/dead-letters.ts';
import { csvLine, exportHeader, exportLine, exportPages } from './export.ts';
import type { ExportFormat } from './export.ts';
import { FEED_ACTIONS, UnknownFeedError, applyFeedAction } from './feed-actions.ts';
import type { FeedAction } from './feed-actions.ts';
import { articlesPerTopic, chartCsv, countHours, failuresPerReason, lettersByReason, overviewDays } from './overview.ts';
import type { Bucket } from './overview.ts';
import { CsrfToken, localHostOnly, sameOriginPosts, strictHeaders } from './security.ts';
import { ArticlePage } from './views/article-page.tsx';
import { ArticlesPage } from './views/articles-page.tsx';
import type { TopicChoice } from './views/articles-page.tsx';
import { DeadLettersPage } from './views/dead-letters-page.tsx';
import { FeedsPage, feedStatus } from './views/feeds-page.tsx';
import { Layout } from './views/layout.tsx';
import type { FeedBadge, Section } from './views/layout.tsx';
import { OverviewPage } from './views/overview-page.tsx';
import type { StoryCopies } from './views/overview-page.tsx';
import { StoriesPage } from './views/stories-page.tsx';

export interface ConsoleDeps {
  articles: ArticleStore;
  state: StateStore;
  cursors: CursorCodec;
  /** Both dead-letter queues (the `syndic dlq` module). */
  deadLetters: DeadLetters;
  readRaw(key: string): Promise<StoredRaw>;
  /** With --aws: a presigned S3 URL of the raw copy, which the raw link redirects to. Null: the console serves it. */
  rawLink?: ((key: string) => Promise<string>) | null;
  /** Fetch a feed again now: the target decides how (a queued job, or an in-process run). */
  retryFeed(feed: FeedState): Promise<void>;
  now?: () => Date;
}

const DAY_MS = 86_400_000;
/** Stories whose copies are counted for "most copies": the newest this many of the last 7 days. */
const STORIES_COUNTED = 50;

function loadAssets(): Record<string, { type: string; body: string }> {
  const own = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
  // The chart library, from the installed package itself: no CDN, nothing fetched from elsewhere.
  const chartJs = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
  return {
    'console.css': { type: 'text/css; charset=utf-8', body: own('console.css') },
    'console.js': { type: 'text/javascript; charset=utf-8', body: own('console.js') },
    'favicon.svg': { type: 'image/svg+xml', body: own('favicon.svg') },
    'chart.umd.min.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(chartJs, 'utf8') },
  };
}

const TOPIC_LABELS = new Map(topicModel().classes.map((topic) => [topic.code, topic.label]));
const topicLabel = (code: string) => TOPIC_LABELS.get(code) ?? code;

const TOPICS: TopicChoice[] = [
  ...topicModel().classes.map((topic) => ({ value: topic.label, label: topic.label })),
  ...customTopicsFile.topics.map((topic) => ({ value: topic.id, label: `${topic.label} (custom)` })),
];

const DONE: Record<string, string> = {
  pause: 'Feed paused: the dispatcher skips it until it is resumed.',
  resume: 'Feed resumed: it is due now.',
  retry: 'Feed fetched again.',
};

export function consoleApp(deps: ConsoleDeps): Hono {
  const now = deps.now ?? (() => new Date());
  const token = new CsrfToken();
  const assets = loadAssets();
  const app = new Hono();

  // Registered first so that it runs last: the raw copy gets a sandbox in place of the pages' policy.
  app.use('/articles/:id/raw', async (c, next) => {
    await next();
    if (c.res.ok) c.res.headers.set('content-security-policy', "sandbox; default-src 'none'");
  });
  app.use('*', localHostOnly, strictHeaders, sameOriginPosts);

  async function badge(feeds?: FeedState[]): Promise<FeedBadge> {
    const all = feeds ?? (await deps.state.listFeeds());
    return { failing: all.filter((feed) => feedStatus(feed) === 'failing').length, paused: all.filter((feed) => feedStatus(feed) === 'paused').length };
  }

  async function page(c: Context, title: string, section: Section, body: JSX.Element, options: { status?: number; charts?: boolean; feeds?: FeedState[] } = {}) {
    const frame = (
      <Layout title={title} section={section} badge={await badge(options.feeds)} charts={options.charts}>
        {body}
      </Layout>
    );
    return c.html(`<!DOCTYPE html>${await frame.toString()}`, (options.status ?? 200) as 200);
  }

  /** Originals with their story's counters: one BatchGet for the page, not a Query per story. */
  async function withCopies(records: ArticleRecord[]): Promise<StoryCopies[]> {
    const counts = await countCopies(deps.articles, records.map((record) => record.storyId));
    return records.map((original, i) => ({ original, copies: counts[i].copies, sites: new Set([original.source.host, ...counts[i].sites]).size }));
  }

  // One read of the dead letters at a time: a read hides the letters while it walks the queue, so a
  // second read running beside it would find them gone.
  let reading: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = reading.then(work, work);
    reading = run.catch(() => undefined);
    return run;
  }
  const listLetters = () => oneAtATime(() => deps.deadLetters.list());

  function bucketOf(c: Context): Bucket {
    return c.req.query('bucket') === 'week' ? 'week' : 'day';
  }

  async function overviewData(bucket: Bucket, at: Date) {
    const [days, letters] = await Promise.all([countByDay(deps.articles, overviewDays(at, bucket)), listLetters()]);
    return { days, letters };
  }

  async function topStories(at: Date): Promise<StoryCopies[]> {
    const window = { since: new Date(at.getTime() - 7 * DAY_MS).toISOString(), until: at.toISOString(), limit: STORIES_COUNTED };
    const recent = (await queryArticles(deps.articles, window, deps.cursors)).items;
    return (await withCopies(recent)).filter((story) => story.copies > 0).sort((a, b) => b.copies - a.copies).slice(0, 5);
  }

  app.get('/', async (c) => {
    const bucket = bucketOf(c);
    const at = now();
    const [feeds, { days, letters }, top] = await Promise.all([deps.state.listFeeds(), overviewData(bucket, at), topStories(at)]);
    const view = {
      last24h: countHours(days, at, 24),
      last7d: countHours(days, at, 7 * 24),
      topStories: top,
      reasons: lettersByReason(letters),
      ...(await badge(feeds)),
      bucket,
      perTopic: articlesPerTopic(days, at, bucket, topicLabel),
      perReason: failuresPerReason(letters, at, bucket),
    };
    return page(c, 'Overview', 'overview', <OverviewPage view={view} />, { charts: true, feeds });
  });

  app.get('/charts/:name{[a-z-]+\\.csv}', async (c) => {
    const bucket = bucketOf(c);
    const name = c.req.param('name');
    if (name !== 'articles-per-topic.csv' && name !== 'failures-per-reason.csv') return c.notFound();
    const at = now();
    const { days, letters } = await overviewData(bucket, at);
    const chart = name === 'articles-per-topic.csv' ? articlesPerTopic(days, at, bucket, topicLabel) : failuresPerReason(letters, at, bucket);
    return c.body(chartCsv(chart, csvLine), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
  });

  app.get('/articles', async (c) => {
    const filters = filtersFrom(c.req.query());
    const cursor = c.req.query('cursor') || undefined;
    const limit = c.req.query('limit') || undefined;
    const view = { filters, limit, pinned: null as typeof filters | null, items: [] as ArticleRecord[], next: null as string | null, paged: cursor !== undefined, error: null as string | null, topics: TOPICS };
    try {
      const { query, pinned } = resolveFilters(filters, now());
      const result = await queryArticles(deps.articles, { ...query, limit: pageSize(limit), ...(cursor ? { cursor } : {}) }, deps.cursors);
      Object.assign(view, { pinned, items: result.items, next: result.cursor });
    } catch (error) {
      if (!isBadQuery(error)) throw error;
      view.error = (error as Error).message;
    }
    return page(c, 'Articles', 'articles', <ArticlesPage view={view} />, { status: view.error ? 400 : 200 });
  });

  const exportRoute = (format: ExportFormat) => async (c: Context) => {
    const { query } = resolveFilters(filtersFrom(c.req.query()), now());
    const pages = exportPages(deps.articles, query, deps.cursors);
    const first = await pages.next(); // bad input fails here, as a 400, before the 200 is sent
    c.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    c.header('content-disposition', `attachment; filename="articles.${format}"`);
    return stream(c, async (out) => {
      await out.write(exportHeader(format));
      for (let result = first; !result.done; result = await pages.next()) {
        await out.write(result.value.map((record) => exportLine(record, format)).join(''));
      }
    });
  };
  app.get('/articles.csv', exportRoute('csv'));
  app.get('/articles.ndjson', exportRoute('ndjson'));

  app.get('/articles/:id', async (c) => {
    const { items } = await queryArticles(deps.articles, { id: c.req.param('id') }, deps.cursors);
    const record = items[0];
    if (!record) return page(c, 'No such article', 'articles', <p>No article has this id.</p>, { status: 404 });
    const copies = (await queryArticles(deps.articles, { story: record.storyId }, deps.cursors)).items;
    return page(c, record.title ?? '(untitled)', 'articles', <ArticlePage record={record} copies={copies} />);
  });

  app.get('/articles/:id/raw', async (c) => {
    const { items } = await queryArticles(deps.articles, { id: c.req.param('id') }, deps.cursors);
    if (!items[0]) return c.text('no such article\n', 404);
    if (deps.rawLink) {
      c.header('cache-control', 'no-store');
      return c.redirect(await deps.rawLink(items[0].rawKey), 302);
    }
    const raw = await deps.readRaw(items[0].rawKey);
    // Shown as text, never rendered: the page came from the open web.
    return c.body(raw.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'text/plain',
      'content-disposition': 'inline',
    });
  });

  app.get('/stories', async (c) => {
    const { query, pinned } = resolveFilters(filtersFrom({ since: c.req.query('since'), until: c.req.query('until') }), now());
    const cursor = c.req.query('cursor') || undefined;
    const result = await queryArticles(deps.articles, { ...query, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }, deps.cursors);
    return page(c, 'Stories', 'stories', <StoriesPage stories={await withCopies(result.items)} pinned={pinned} next={result.cursor} />);
  });

  app.get('/feeds', async (c) => {
    const feeds = await deps.state.listFeeds();
    const done = DONE[c.req.query('done') ?? ''] ?? null;
    return page(c, 'Feeds', 'feeds', <FeedsPage feeds={feeds} csrf={token.value} done={done} />, { feeds });
  });

  app.post('/feeds/:id/:action', async (c) => {
    await requireToken(c, token);
    const action = c.req.param('action') as FeedAction;
    if (!FEED_ACTIONS.includes(action)) return c.notFound();
    await applyFeedAction(deps.state, c.req.param('id'), action, deps.retryFeed, now());
    return c.redirect(`/feeds?done=${action}`, 303);
  });

  app.get('/dead-letters', async (c) => {
    const letters = await listLetters();
    const moved = c.req.query('redriven');
    const done = moved && /^\d+$/.test(moved) ? `${moved} letter(s) sent back to their queue.` : null;
    return page(c, 'Dead letters', 'dead-letters', <DeadLettersPage letters={letters} reasons={lettersByReason(letters)} csrf={token.value} done={done} />);
  });

  app.post('/dead-letters/redrive', async (c) => {
    const form = await requireToken(c, token);
    const reason = typeof form.errorCode === 'string' && form.errorCode ? form.errorCode : undefined;
    const { moved } = await oneAtATime(() => deps.deadLetters.redrive({ reason }));
    return c.redirect(`/dead-letters${queryString({ redriven: String(moved) })}`, 303);
  });

  app.get('/assets/:name', (c) => {
    const found = assets[c.req.param('name')];
    if (!found) return c.notFound();
    return c.body(found.body, 200, { 'content-type': found.type, 'cache-control': 'no-cache' });
  });

  app.notFound(async (c) => page(c, 'Not found', 'overview', <p>There is no page here. <a href="/">Overview</a></p>, { status: 404 }));

  app.onError(async (error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (isBadQuery(error) || error instanceof UnknownFeedError) {
      return page(c, 'Cannot do that', 'overview', <p class="notice error" role="alert">{error.message}</p>, { status: 400 });
    }
    console.error(`syndic serve: ${c.req.method} ${c.req.path}: ${error.name}: ${error.message}`);
    return c.text('internal error; the console printed the cause\n', 500);
  });

  return app;
}

function isBadQuery(error: unknown): boolean {
  return error instanceof UsageError || error instanceof QueryError || error instanceof InvalidCursorError;
}

async function requireToken(c: Context, token: CsrfToken): Promise<Record<string, string | File>> {
  const form = await c.req.parseBody();
  if (!token.matches(form.csrf)) throw new HTTPException(403, { res: new Response('the form is stale or forged: reload the page\n', { status: 403 }) });
  return form;
}
