// npm run bench:console — server time of the console's pages over the 100,000-record store that
// bench:store builds (the same synthetic records, seed and time span), beside the named peer: the
// query-library call the page makes, without rendering. See docs/console.md.
//
//   npm run bench:console -- [--records 100000] [--runs 30] [--dir DIR]
//
// The store is written as the items ArticleStore.put writes (record item plus topic items), with
// BatchWriteItem, to build it faster; then each record is counted through the store's own counters
// (ArticleCounts.count, the UpdateItem put makes), and the day totals are checked against the records.
// The Stories and Overview pages are also timed against the way they read before the counters (a Query
// per story; up to 2,000 records of the window), in the same run. With --dir the dynalite data stays in DIR and a later run with the
// same --dir reuses it. Requests go through Hono's own request path in-process (no socket): what is
// timed is routing, middleware, queries and rendering. Nothing leaves 127.0.0.1.
import os from 'node:os';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import { consoleApp } from '../../cli/console/app.tsx';
import { overviewDays } from '../../cli/console/overview.ts';
import { deadLetters, stores } from '../../shared/pipeline/dependencies.ts';
import { countByDay, countCopies, queryArticles } from '../../shared/store/article-query.ts';
import { sortTime } from '../../shared/store/records.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';
import { recordItem, topicItems } from '../../shared/store/article-keys.ts';
import { CursorCodec } from '../../shared/store/cursor.ts';
import { syntheticRecords } from '../store/synthetic.ts';
import { fmt, percentile } from '../store/stats.ts';

const argv = process.argv.slice(2);
function option(name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(argv[i + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive whole number`);
  return value;
}
const RECORDS = option('records', 100_000);
const RUNS = option('runs', 30);
const WARMUP = 3;
const dirArg = argv.indexOf('--dir') >= 0 ? argv[argv.indexOf('--dir') + 1] : undefined;
// bench:store's span (six months ending 2026-11-26) and seed; the console's clock is the day after.
const SPAN = { start: '2026-05-27T00:00:00.000Z', end: '2026-11-26T23:59:59.999Z' };
const NOW = new Date('2026-11-27T00:00:00.000Z');

const dir = dirArg ?? mkdtempSync(join(os.tmpdir(), 'syndic-bench-console-'));
const built = join(dir, `built-${RECORDS}`);
const counted = join(dir, `counted-${RECORDS}`);
const env = await openLocalEnvironment({ dataDir: dir });
try {
  const { articles, state } = stores(env.config, env.aws);
  if (!existsSync(built)) {
    const t0 = performance.now();
    let batch: Record<string, unknown>[] = [];
    const pending: Promise<unknown>[] = [];
    const flush = async (items: Record<string, unknown>[]) => {
      let requests: unknown[] | undefined = items.map((Item) => ({ PutRequest: { Item } }));
      while (requests && requests.length > 0) {
        const out: BatchWriteCommandOutput = await env.aws.dynamo.send(new BatchWriteCommand({ RequestItems: { [env.config.articlesTable]: requests as never } }));
        requests = out.UnprocessedItems?.[env.config.articlesTable];
      }
    };
    let written = 0;
    for (const record of syntheticRecords({ records: RECORDS, seed: 1, start: SPAN.start, end: SPAN.end })) {
      batch.push(recordItem(record), ...topicItems(record));
      if (batch.length >= 25) {
        pending.push(flush(batch.splice(0, 25)));
        if (pending.length >= 8) await Promise.all(pending.splice(0));
      }
      if (++written % 10_000 === 0) console.error(`written ${written} records (${Math.round(performance.now() - t0)} ms)`);
    }
    pending.push(flush(batch));
    await Promise.all(pending);
    writeFileSync(built, `${RECORDS}\n`);
    console.error(`store built: ${RECORDS} records in ${Math.round((performance.now() - t0) / 1000)} s`);
  }

  if (!existsSync(counted)) {
    const t0 = performance.now();
    const perDay = new Map<string, number>();
    let pending: Promise<unknown>[] = [];
    for (const record of syntheticRecords({ records: RECORDS, seed: 1, start: SPAN.start, end: SPAN.end })) {
      if (!record.duplicateOf) perDay.set(sortTime(record).slice(0, 10), (perDay.get(sortTime(record).slice(0, 10)) ?? 0) + 1);
      pending.push(articles.counts.count(record));
      if (pending.length >= 16) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    const days = [...perDay.keys()];
    const stored = await countByDay(articles, days);
    const wrong = stored.filter((day, i) => day.total !== perDay.get(days[i]));
    if (wrong.length > 0) throw new Error(`day counters disagree with the records on ${wrong.length} days, e.g. ${wrong[0].day}`);
    writeFileSync(counted, `${RECORDS}\n`);
    console.error(`counters built and checked: ${RECORDS} records in ${Math.round((performance.now() - t0) / 1000)} s`);
  }

  const cursors = new CursorCodec(await state.cursorKey());
  const letters = deadLetters(env.config, env.aws, { moveTask: false, waitSeconds: 0 });
  const app = consoleApp({
    articles,
    state,
    cursors,
    deadLetters: letters,
    readRaw: async () => ({ body: new Uint8Array(), contentType: null, url: null, fetchedAt: null }),
    retryFeed: async () => {},
    now: () => NOW,
  });
  const first = (await queryArticles(articles, { since: new Date(NOW.getTime() - 30 * 86_400_000).toISOString(), until: NOW.toISOString(), limit: 50 }, cursors)).items;
  const sample = first[7];
  const source = sample.source.host;
  const since = new Date(NOW.getTime() - 30 * 86_400_000).toISOString();
  const window = { since, until: NOW.toISOString(), limit: 50 };
  const weekAgo = new Date(NOW.getTime() - 7 * 86_400_000).toISOString();
  const days = overviewDays(NOW, 'day');
  /** What Stories and Overview did before the counters: a byStory Query per story, and reading the window's records. */
  const storyQueries = (records: ArticleRecord[]) => Promise.all(records.map((r) => queryArticles(articles, { story: r.storyId }, cursors)));
  const readWindow = async (since: string) => {
    const records: ArticleRecord[] = [];
    let cursor: string | null = null;
    do {
      const page = await queryArticles(articles, { since, until: NOW.toISOString(), limit: 100, ...(cursor ? { cursor } : {}) }, cursors);
      records.push(...page.items);
      cursor = page.cursor;
    } while (cursor && records.length < 2000);
    return records;
  };
  const cases: { name: string; path: string; peer: (() => Promise<unknown>) | null; before?: () => Promise<unknown> }[] = [
    { name: 'Articles, newest 50 (last 30 days)', path: '/articles', peer: () => queryArticles(articles, window, cursors) },
    { name: 'Articles, topic politics, 50', path: '/articles?topic=politics', peer: () => queryArticles(articles, { ...window, topic: 'medtop:11000000' }, cursors) },
    { name: `Articles, source ${source}, 50`, path: `/articles?source=${source}`, peer: () => queryArticles(articles, { ...window, source }, cursors) },
    { name: 'Article page', path: `/articles/${sample.id}`, peer: async () => { await queryArticles(articles, { id: sample.id }, cursors); await queryArticles(articles, { story: sample.storyId }, cursors); } },
    {
      name: 'Stories, 50 with their copies',
      path: '/stories',
      peer: async () => { const page = await queryArticles(articles, window, cursors); await countCopies(articles, page.items.map((r) => r.storyId)); },
      before: async () => { const page = await queryArticles(articles, window, cursors); await storyQueries(page.items); },
    },
    {
      name: 'Overview (counts of 14 days, newest 50 stories of 7 days)',
      path: '/',
      peer: () =>
        Promise.all([
          queryArticles(articles, { since: weekAgo, until: NOW.toISOString(), limit: 50 }, cursors).then((recent) => countCopies(articles, recent.items.map((r) => r.storyId))),
          countByDay(articles, days),
          state.listFeeds(),
          letters.list(),
        ]),
      before: async () => {
        const records = await readWindow(new Date(NOW.getTime() - 14 * 86_400_000).toISOString());
        await Promise.all([storyQueries(records.filter((r) => sortTime(r) >= weekAgo).slice(0, 50)), state.listFeeds(), letters.list()]);
      },
    },
  ];

  /**
   * Page, peer and the earlier way alternate run by run, so a change in the machine's load falls on all
   * alike. A run that fails (on this loaded machine the local servers have reset a connection now and
   * then) is left out of the figures and reported beside them.
   */
  const failures: string[] = [];
  const time = async (name: string, works: ((() => Promise<unknown>) | null | undefined)[]): Promise<number[][]> => {
    const times: number[][] = works.map(() => []);
    for (let i = 0; i < WARMUP + RUNS; i++) {
      for (const [n, work] of works.entries()) {
        if (!work) continue;
        const t0 = performance.now();
        try {
          await work();
        } catch (error) {
          failures.push(`${name}, ${['page', 'peer', 'before'][n]}, run ${i + 1}: ${(error as Error).message}`);
          continue;
        }
        if (i >= WARMUP) times[n].push(performance.now() - t0);
      }
    }
    return times;
  };
  const median = (times: number[]) => (times.length > 0 ? `${fmt(percentile(times, 50))} ms` : '–');
  const ratio = (a: number[], b: number[]) => (a.length > 0 && b.length > 0 ? (percentile(a, 50) / percentile(b, 50)).toFixed(2) : '–');
  const rows: string[] = [];
  for (const c of cases) {
    const [page, peer, before] = await time(c.name, [
      async () => {
        const response = await app.request(`http://127.0.0.1:4790${c.path}`, { headers: { host: '127.0.0.1:4790' } });
        if (response.status !== 200) throw new Error(`${c.path}: ${response.status}`);
        await response.text();
      },
      c.peer,
      c.before,
    ]);
    rows.push(`| ${c.name} | \`${c.path}\` | ${median(page)} | ${fmt(percentile(page, 90))} ms | ${median(peer)} | ${ratio(page, peer)} | ${median(before)} | ${ratio(page, before)} |`);
    console.error(rows.at(-1));
  }
  console.log(`Run ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, 1-min load average ${os.loadavg()[0].toFixed(1)}; ${RECORDS} records; ${RUNS} runs after ${WARMUP} warm-up.`);
  console.log('');
  console.log('| page | path | server time, median | p90 | peer: the query-library calls alone, median | page / peer | the reads before the counters, median | page / before |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  if (failures.length > 0) console.log(`\nRuns that failed and are left out (${failures.length}):\n${failures.map((f) => `- ${f}`).join('\n')}`);
} finally {
  await env.close();
  if (!dirArg) rmSync(dir, { recursive: true, force: true });
}
