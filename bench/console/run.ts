// npm run bench:console — server time of the console's pages over the 100,000-record store that
// bench:store builds (the same synthetic records, seed and time span), beside the named peer: the
// query-library call the page makes, without rendering. See docs/console.md.
//
//   npm run bench:console -- [--records 100000] [--runs 30] [--dir DIR]
//
// The store is written as the items ArticleStore.put writes (record item plus topic items), with
// BatchWriteItem, to build it faster. With --dir the dynalite data stays in DIR and a later run with the
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
import { SqsDeadLetters } from '../../cli/console/dead-letters.ts';
import { stores } from '../../shared/pipeline/dependencies.ts';
import { queryArticles } from '../../shared/store/article-query.ts';
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

  const cursors = new CursorCodec(await state.cursorKey());
  const app = consoleApp({
    articles,
    state,
    cursors,
    deadLetters: new SqsDeadLetters(env.aws.sqs, env.config.articleDlqUrl, env.config.articleQueueUrl),
    readRaw: async () => ({ body: new Uint8Array(), contentType: null, url: null, fetchedAt: null }),
    retryFeed: async () => {},
    now: () => NOW,
  });
  const first = (await queryArticles(articles, { since: new Date(NOW.getTime() - 30 * 86_400_000).toISOString(), until: NOW.toISOString(), limit: 50 }, cursors)).items;
  const sample = first[7];
  const source = sample.source.host;
  const since = new Date(NOW.getTime() - 30 * 86_400_000).toISOString();
  const window = { since, until: NOW.toISOString(), limit: 50 };
  const cases: { name: string; path: string; peer: (() => Promise<unknown>) | null }[] = [
    { name: 'Articles, newest 50 (last 30 days)', path: '/articles', peer: () => queryArticles(articles, window, cursors) },
    { name: 'Articles, topic politics, 50', path: '/articles?topic=politics', peer: () => queryArticles(articles, { ...window, topic: 'medtop:11000000' }, cursors) },
    { name: `Articles, source ${source}, 50`, path: `/articles?source=${source}`, peer: () => queryArticles(articles, { ...window, source }, cursors) },
    { name: 'Article page', path: `/articles/${sample.id}`, peer: async () => { await queryArticles(articles, { id: sample.id }, cursors); await queryArticles(articles, { story: sample.storyId }, cursors); } },
    { name: 'Stories, 50 with their copies', path: '/stories', peer: async () => { const page = await queryArticles(articles, window, cursors); await Promise.all(page.items.map((r) => queryArticles(articles, { story: r.storyId }, cursors))); } },
    { name: 'Overview (reads up to 2,000 records)', path: '/', peer: null },
  ];

  /** Page and peer alternate run by run, so a change in the machine's load falls on both alike. */
  const time = async (page: () => Promise<unknown>, peer: (() => Promise<unknown>) | null): Promise<[number[], number[]]> => {
    const times: [number[], number[]] = [[], []];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      for (const [n, work] of [page, peer].entries()) {
        if (!work) continue;
        const t0 = performance.now();
        await work();
        if (i >= WARMUP) times[n].push(performance.now() - t0);
      }
    }
    return times;
  };
  const rows: string[] = [];
  for (const c of cases) {
    const [page, peer] = await time(async () => {
      const response = await app.request(`http://127.0.0.1:4790${c.path}`, { headers: { host: '127.0.0.1:4790' } });
      if (response.status !== 200) throw new Error(`${c.path}: ${response.status}`);
      await response.text();
    }, c.peer);
    const p50 = percentile(page, 50);
    rows.push(`| ${c.name} | \`${c.path}\` | ${fmt(p50)} ms | ${fmt(percentile(page, 90))} ms | ${peer.length > 0 ? `${fmt(percentile(peer, 50))} ms | ${(p50 / percentile(peer, 50)).toFixed(2)}` : '– | –'} |`);
    console.error(rows.at(-1));
  }
  console.log(`Run ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, 1-min load average ${os.loadavg()[0].toFixed(1)}; ${RECORDS} records; ${RUNS} runs after ${WARMUP} warm-up.`);
  console.log('');
  console.log('| page | path | server time, median | p90 | peer: the query-library calls alone, median | page / peer |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
} finally {
  await env.close();
  if (!dirArg) rmSync(dir, { recursive: true, force: true });
}
