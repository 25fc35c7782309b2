// npm run bench:store — the article store against a local DynamoDB-compatible server: write throughput
// through ArticleStore.put, DynamoDB bytes per item, and the latency of each query pattern for a 50-item
// page beside the naive peer (a Scan with a FilterExpression). See docs/benchmarks-store.md.
//
//   npm run bench:store -- [--records 100000] [--runs 200] [--scan-runs 11] [--concurrency 16]
//                          [--seed 1] [--memory] [--write-docs]
//
// By default dynalite runs in-process on 127.0.0.1 (LevelDB in a temporary folder, removed at the end).
// With AWS_ENDPOINT_URL_DYNAMODB set (loopback only, e.g. DynamoDB Local) that server is used instead;
// its articles table must be empty. Nothing is ever sent anywhere but 127.0.0.1 / localhost.
import os from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { startLocalAwsServers } from '../../cli/local/aws-servers.ts';
import type { LocalAwsServers } from '../../cli/local/aws-servers.ts';
import { ensureTables } from '../../cli/local/resources.ts';
import { createClients } from '../../shared/aws/clients.ts';
import { ArticleStore } from '../../shared/store/article-store.ts';
import { ARTICLES_TABLE } from '../../shared/store/definitions.ts';
import { DEDUPE_SK, bandPk, dedupePk, recordItem, topicItems } from '../../shared/store/article-keys.ts';
import { fingerprint } from '../../shared/dedupe/index.ts';
import { sortTime } from '../../shared/store/records.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';
import { STORAGE_OVERHEAD_BYTES, itemSize, writeUnits } from './item-size.ts';
import { IPTC_TOPICS, syntheticRecords } from './synthetic.ts';
import { seededRandom } from '../../shared/random.ts';
import { Reservoir, fmt, mean, percentile } from './stats.ts';
import { projected } from '../pipeline/operation-counter.ts';

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
function option(name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}
const RECORDS = Math.trunc(option('records', 100_000));
const RUNS = Math.trunc(option('runs', 200));
const SCAN_RUNS = Math.trunc(option('scan-runs', 11));
const CONCURRENCY = Math.trunc(option('concurrency', 16));
const SEED = Math.trunc(option('seed', 1));
const WARMUP = 10;
const PAGE = 50;
const IN_MEMORY = argv.includes('--memory');
const WRITE_DOCS = argv.includes('--write-docs');
// Six months of publication times, ending the day before the benchmark date.
const SPAN = { start: '2026-05-27T00:00:00.000Z', end: '2026-11-26T23:59:59.999Z' };
const DAY = 86_400_000;

// ---------------------------------------------------------------- server

function loopbackOnly(endpoint: string): string {
  const url = new URL(endpoint);
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`refusing ${endpoint}: the benchmark only talks to a server on this machine (127.0.0.1)`);
  }
  return endpoint;
}

async function startServer(): Promise<{ endpoint: string; name: string; stop: () => Promise<void> }> {
  const external = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (external) {
    return { endpoint: loopbackOnly(external), name: process.env.BENCH_SERVER_NAME ?? `server at ${external}`, stop: async () => {} };
  }
  const dir = IN_MEMORY ? undefined : mkdtempSync(join(os.tmpdir(), 'syndic-bench-store-'));
  const servers: LocalAwsServers = await startLocalAwsServers({ dynamoDir: dir });
  const version = JSON.parse(readFileSync(new URL('../../node_modules/dynalite/package.json', import.meta.url), 'utf8')).version;
  return {
    endpoint: loopbackOnly(servers.env.AWS_ENDPOINT_URL_DYNAMODB),
    name: `dynalite ${version} in-process (${dir ? 'LevelDB on disk' : 'in memory'})`,
    stop: async () => {
      await servers.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- measuring read units

/** Read capacity units the server reports for the calls made while `counting` is on. */
const capacity = { counting: false, units: 0 };

function countCapacity(aws: ReturnType<typeof createClients>): void {
  aws.dynamo.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (capacity.counting) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      if (capacity.counting) {
        const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
        for (const c of [consumed].flat() as ({ CapacityUnits?: number } | undefined)[]) capacity.units += c?.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'benchStoreConsumedCapacity' },
  );
}

// ---------------------------------------------------------------- write phase

interface WriteStats {
  seconds: number;
  records: number;
  copies: number;
  outcomes: Record<string, number>;
  recordBytes: number[];
  topicItemBytes: number[];
  topicItemsPerRecord: number[];
  storageBytes: number[];
  writeUnits: number[];
  putLatencyMs: number[];
  ids: Reservoir<string>;
  stories: Reservoir<string>;
  sources: Map<string, number>;
  maxRssMb: number;
}

async function writeRecords(store: ArticleStore): Promise<WriteStats> {
  const random = seededRandom(SEED + 1000);
  const stats: WriteStats = {
    seconds: 0, records: 0, copies: 0, outcomes: {}, recordBytes: [], topicItemBytes: [], topicItemsPerRecord: [],
    storageBytes: [], writeUnits: [], putLatencyMs: [], ids: new Reservoir(2000, random), stories: new Reservoir(2000, random),
    sources: new Map(), maxRssMb: 0,
  };
  const records = syntheticRecords({ records: RECORDS, seed: SEED, start: SPAN.start, end: SPAN.end });
  const started = performance.now();
  let lastReport = started;

  const account = (record: ArticleRecord) => {
    const items = [recordItem(record), ...topicItems(record)];
    // Each item is stored once in the table and once, as its index's projection copies it, in every index
    // whose keys it carries (a record in timeline (originals only), bySource and byStory; a topic item in
    // timeline). Storage adds 100 bytes per item and per index copy; writes are 1 KB units of each copy.
    const copies = items.map((item) => [
      itemSize(item),
      ...ARTICLES_TABLE.indexes.filter((index) => item[index.partitionKey] !== undefined).map((index) => itemSize(projected(ARTICLES_TABLE, index, item))),
    ]);
    stats.recordBytes.push(copies[0][0]);
    stats.topicItemsPerRecord.push(items.length - 1);
    stats.topicItemBytes.push(...copies.slice(1).map(([size]) => size));
    stats.storageBytes.push(copies.flat().reduce((sum, size) => sum + size + STORAGE_OVERHEAD_BYTES, 0));
    stats.writeUnits.push(copies.flat().reduce((sum, size) => sum + writeUnits(size), 0));
    stats.ids.add(record.id);
    if (record.duplicateOf) {
      stats.copies++;
      stats.stories.add(record.storyId);
    }
    stats.sources.set(record.source.host, (stats.sources.get(record.source.host) ?? 0) + 1);
  };

  const worker = async () => {
    for (;;) {
      const next = records.next();
      if (next.done) return;
      const record = next.value;
      const t0 = performance.now();
      const outcome = await store.put(record);
      stats.putLatencyMs.push(performance.now() - t0);
      stats.outcomes[outcome] = (stats.outcomes[outcome] ?? 0) + 1;
      stats.records++;
      account(record);
      if (stats.records % 10_000 === 0) {
        const now = performance.now();
        stats.maxRssMb = Math.max(stats.maxRssMb, process.memoryUsage().rss / 2 ** 20);
        process.stderr.write(
          `  ${stats.records.toLocaleString('en-US')} records, ${fmt(10_000 / ((now - lastReport) / 1000), 0)} records/s lately, rss ${fmt(process.memoryUsage().rss / 2 ** 20, 0)} MB\n`,
        );
        lastReport = now;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  stats.seconds = (performance.now() - started) / 1000;
  stats.maxRssMb = Math.max(stats.maxRssMb, process.memoryUsage().rss / 2 ** 20);
  return stats;
}

// ---------------------------------------------------------------- query patterns

interface Params {
  since?: string;
  until?: string;
  topic?: string;
  host?: string;
  id?: string;
  story?: string;
}

interface Filter {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

interface Pattern {
  name: string;
  draw: (random: () => number) => Params;
  /** The page through ArticleStore (the indexes): ids in the order returned. */
  indexed: (store: ArticleStore, p: Params) => Promise<string[]>;
  /** The naive peer's filter over record attributes only (no index keys). */
  filter: (p: Params) => Filter;
  /** How many items the page holds: PAGE, 1 (by id) or every match (by story). */
  want: number;
  /** Order of the page: newest first for listings, oldest first for a story. */
  order: 'desc' | 'asc';
}

const RECORD_ONLY = { names: { '#sk': 'sk' }, values: { ':record': 'RECORD' } };

function window(random: () => number, days: number): { since: string; until: string } {
  const start = Date.parse(SPAN.start) + days * DAY;
  const until = start + random() * (Date.parse(SPAN.end) - start);
  return { since: new Date(until - days * DAY).toISOString(), until: new Date(until).toISOString() };
}

function inRange(p: Params, extra: string, names: Record<string, string>, values: Record<string, unknown>): Filter {
  return {
    expression: `#sk = :record AND #pub BETWEEN :since AND :until${extra}`,
    names: { ...RECORD_ONLY.names, '#pub': 'publishedAt', ...names },
    values: { ...RECORD_ONLY.values, ':since': p.since, ':until': p.until, ...values },
  };
}

function patterns(stats: WriteStats): Pattern[] {
  const hosts = [...stats.sources.keys()];
  const ids = stats.ids.items;
  const stories = stats.stories.items;
  const pick = <T>(random: () => number, xs: T[]) => xs[Math.floor(random() * xs.length)];
  const page = (p: Params) => ({ since: p.since, until: p.until, limit: PAGE });
  const original = { '#dup': 'duplicateOf' };
  return [
    {
      name: 'recent, 7-day range',
      draw: (random) => window(random, 7),
      indexed: async (store, p) => (await store.listRecent(page(p))).items.map((r) => r.id),
      filter: (p) => inRange(p, ' AND attribute_type(#dup, :null)', original, { ':null': 'NULL' }),
      want: PAGE,
      order: 'desc',
    },
    {
      name: 'by topic, 30-day range',
      draw: (random) => ({ ...window(random, 30), topic: pick(random, IPTC_TOPICS).code }),
      indexed: async (store, p) => (await store.listByTopic(p.topic!, page(p))).items.map((r) => r.id),
      filter: (p) =>
        inRange(
          p,
          ' AND attribute_type(#dup, :null) AND (#topics[0].#code = :topic OR #topics[1].#code = :topic OR #topics[2].#code = :topic)',
          { ...original, '#topics': 'topics', '#code': 'code' },
          { ':null': 'NULL', ':topic': p.topic },
        ),
      want: PAGE,
      order: 'desc',
    },
    {
      name: 'by source, 30-day range',
      draw: (random) => ({ ...window(random, 30), host: pick(random, hosts) }),
      indexed: async (store, p) => (await store.listBySource(p.host!, page(p))).items.map((r) => r.id),
      filter: (p) => inRange(p, ' AND #source.#host = :host', { '#source': 'source', '#host': 'host' }, { ':host': p.host }),
      want: PAGE,
      order: 'desc',
    },
    {
      name: 'by id',
      draw: (random) => ({ id: pick(random, ids) }),
      indexed: async (store, p) => [(await store.get(p.id!))?.id ?? 'missing'],
      filter: (p) => ({ expression: '#sk = :record AND #id = :id', names: { ...RECORD_ONLY.names, '#id': 'id' }, values: { ...RECORD_ONLY.values, ':id': p.id } }),
      want: 1,
      order: 'desc',
    },
    {
      name: 'by story (stories with copies)',
      draw: (random) => ({ story: pick(random, stories) }),
      indexed: async (store, p) => (await store.listStory(p.story!)).map((r) => r.id),
      filter: (p) => ({
        expression: '#sk = :record AND #story = :story',
        names: { ...RECORD_ONLY.names, '#story': 'storyId' },
        values: { ...RECORD_ONLY.values, ':story': p.story },
      }),
      want: Number.POSITIVE_INFINITY,
      order: 'asc',
    },
  ];
}

interface Timing {
  ms: number[];
  units: number[];
  items: number[];
}
const timing = (): Timing => ({ ms: [], units: [], items: [] });

async function timed<T>(t: Timing, call: () => Promise<T>, count: (value: T) => number): Promise<T> {
  capacity.units = 0;
  capacity.counting = true;
  const t0 = performance.now();
  const value = await call();
  t.ms.push(performance.now() - t0);
  capacity.counting = false;
  t.units.push(capacity.units);
  t.items.push(count(value));
  return value;
}

/**
 * The naive peer: Scan the table with the filter. With `untilFound` it stops as soon as it holds `want`
 * matches (the cheapest Scan can do, but any matches, not the page the index returns, since a Scan has no
 * order); otherwise it reads the whole table, keeping only the best `want` matches (bounded memory), which
 * is what returning the same page takes.
 */
async function naiveScan(aws: ReturnType<typeof createClients>, pattern: Pattern, p: Params, untilFound: boolean) {
  const f = pattern.filter(p);
  const kept: { key: string; id: string }[] = [];
  let start: Record<string, unknown> | undefined;
  let scanned = 0;
  let pages = 0;
  do {
    const out: ScanCommandOutput = await aws.dynamo.send(
      new ScanCommand({
        TableName: ARTICLES_TABLE.localName,
        FilterExpression: f.expression,
        ExpressionAttributeNames: f.names,
        ExpressionAttributeValues: f.values,
        ExclusiveStartKey: start,
      }),
    );
    pages++;
    scanned += out.ScannedCount ?? 0;
    for (const item of out.Items ?? []) {
      const key = `${sortTime(item as ArticleRecord)}#${String(item.id)}`;
      kept.push({ key, id: String(item.id) });
      if (!untilFound) {
        kept.sort((a, b) => (pattern.order === 'desc' ? b.key.localeCompare(a.key) : a.key.localeCompare(b.key)));
        if (kept.length > pattern.want) kept.length = pattern.want;
      }
    }
    start = out.LastEvaluatedKey;
  } while (start && !(untilFound && kept.length >= pattern.want));
  return { ids: kept.slice(0, Number.isFinite(pattern.want) ? pattern.want : undefined).map((k) => k.id), scanned, pages };
}

interface PatternResult {
  pattern: Pattern;
  index: Timing;
  firstMatches: Timing | null;
  samePage: Timing;
  scanned: number[];
  pages: number[];
  agree: number;
  compared: number;
}

async function measureQueries(aws: ReturnType<typeof createClients>, store: ArticleStore, stats: WriteStats): Promise<PatternResult[]> {
  const list = patterns(stats);
  const random = seededRandom(SEED + 2000);
  const params = list.map((pattern) => Array.from({ length: WARMUP + RUNS }, () => pattern.draw(random)));
  const results: PatternResult[] = list.map((pattern) => ({
    pattern, index: timing(), firstMatches: null, samePage: timing(), scanned: [], pages: [], agree: 0, compared: 0,
  }));
  const indexIds: string[][][] = list.map(() => []);

  // Indexed reads: patterns interleaved in a shuffled order each round, so drift hits them all alike.
  process.stderr.write(`  indexed reads: ${WARMUP} warm-up + ${RUNS} runs per pattern\n`);
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const order = list.map((_, i) => i).sort(() => random() - 0.5);
    for (const i of order) {
      const p = params[i][run];
      if (run < WARMUP) {
        await list[i].indexed(store, p);
        continue;
      }
      const ids = await timed(results[i].index, () => list[i].indexed(store, p), (x) => x.length);
      indexIds[i].push(ids);
    }
  }

  // The naive peer on the first SCAN_RUNS parameter sets of the timed runs (one untimed warm-up scan).
  process.stderr.write(`  naive scans: ${SCAN_RUNS} runs per pattern and variant\n`);
  await naiveScan(aws, list[0], params[0][WARMUP], false);
  for (let run = 0; run < SCAN_RUNS; run++) {
    for (let i = 0; i < list.length; i++) {
      const pattern = list[i];
      const p = params[i][WARMUP + run];
      const result = results[i];
      const exact = await timed(result.samePage, () => naiveScan(aws, pattern, p, pattern.want === 1), (x) => x.ids.length);
      result.scanned.push(exact.scanned);
      result.pages.push(exact.pages);
      result.compared++;
      if (exact.ids.join() === indexIds[i][run].join()) result.agree++;
      // By id the first match is the page; a story needs every copy, so "first matches" means nothing there.
      if (Number.isFinite(pattern.want) && pattern.want > 1) {
        result.firstMatches ??= timing();
        await timed(result.firstMatches, () => naiveScan(aws, pattern, p, true), (x) => x.ids.length);
      }
    }
    process.stderr.write(`    round ${run + 1}/${SCAN_RUNS} done\n`);
  }
  return results;
}

// ---------------------------------------------------------------- report

function report(server: string, stats: WriteStats, results: PatternResult[], loadAtStart: number[]): string {
  const lines: string[] = [];
  const out = (s = '') => lines.push(s);
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const command = `npm run bench:store${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  out(`Run ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}), ${fmt(os.totalmem() / 2 ** 30, 0)} GB RAM, ` +
    `Node ${process.version}, 1-min load average ${fmt(loadAtStart[0], 1)} at start. Server: ${server}${process.env.AWS_ENDPOINT_URL_DYNAMODB ? ', reached over loopback' : ', client and server in one process'}. ` +
    `Command: \`${command}\`.`);
  out();
  out(`### Writes: ${stats.records.toLocaleString('en-US')} records through \`ArticleStore.put\`, ${CONCURRENCY} in flight`);
  out();
  const originals = stats.records - stats.copies;
  out('| figure | value |');
  out('| --- | --- |');
  out(`| records written (originals / syndicated copies) | ${stats.records.toLocaleString('en-US')} (${originals.toLocaleString('en-US')} / ${stats.copies.toLocaleString('en-US')}) |`);
  out(`| put outcomes | ${Object.entries(stats.outcomes).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')} |`);
  out(`| wall time | ${fmt(stats.seconds, 1)} s |`);
  out(`| **write throughput** | **${fmt(stats.records / stats.seconds, 0)} records/s** |`);
  out(`| put latency p50 / p99 (${CONCURRENCY} concurrent) | ${fmt(percentile(stats.putLatencyMs, 50), 1)} / ${fmt(percentile(stats.putLatencyMs, 99), 1)} ms |`);
  out(`| process peak RSS (client + server) | ${fmt(stats.maxRssMb, 0)} MB |`);
  out();
  out('### Bytes per item (DynamoDB size rules, computed from the items `put` writes)');
  out();
  out('| item | mean | p50 | p99 | max |');
  out('| --- | --- | --- | --- | --- |');
  const row = (name: string, xs: number[], unit = 'B') =>
    out(`| ${name} | ${fmt(mean(xs), 0)} ${unit} | ${fmt(percentile(xs, 50), 0)} ${unit} | ${fmt(percentile(xs, 99), 0)} ${unit} | ${fmt(xs.reduce((a, b) => Math.max(a, b), 0), 0)} ${unit} |`);
  row('record item (`ART#<id>` / `RECORD`, with index keys)', stats.recordBytes);
  row('topic membership item (`ART#<id>` / `TOPIC#<code>`)', stats.topicItemBytes);
  row('stored per record: record + topic items + their index copies, +100 B each', stats.storageBytes);
  row('write units per record (1 KB each, base table + index copies)', stats.writeUnits, 'WRU');
  out();
  const sample = fingerprint(Array.from({ length: 60 }, (_, i) => `word${i}`).join(' '));
  const { bandKeys, ...comparable } = sample;
  const bandItem = itemSize({ pk: bandPk(bandKeys[0]), sk: 'MyYZn8KQns2qmzgV-GbSVO' });
  const dedupeItem = itemSize({ pk: dedupePk('MyYZn8KQns2qmzgV-GbSVO'), sk: DEDUPE_SK, fingerprint: comparable, storyId: 'MyYZn8KQns2qmzgV-GbSVO' });
  out(`Topic items per original: ${fmt(mean(stats.topicItemsPerRecord.filter((n) => n > 0)), 2)}. ` +
    `Not written by \`put\` and so not in these figures: per article, ${sample.bandKeys.length} LSH band items (\`BAND#<key>\` / \`<id>\`, ` +
    `${bandItem} B each, ${bandItem + STORAGE_OVERHEAD_BYTES} B stored) and one \`DEDUPE#<id>\` item with its fingerprint and story ` +
    `(${dedupeItem} B), written by the pipeline before it.`);
  out();
  out(`### Reads: a ${PAGE}-item page, index Query vs. naive Scan + FilterExpression`);
  out();
  out(`Indexed: ${RUNS} timed runs per pattern (after ${WARMUP} warm-up), random parameters, patterns interleaved. ` +
    `Scan: the first ${SCAN_RUNS} of those parameter sets per pattern (p99 of ${SCAN_RUNS} runs is their maximum). ` +
    `Read units are what the server reports (eventually consistent, 4 KB units).`);
  out();
  out('| pattern | path | items (mean) | p50 ms | p99 ms | read units (p50) | items scanned (p50) | Scan / index, p50 | Scan / index, p99 |');
  out('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const i50 = percentile(r.index.ms, 50);
    const i99 = percentile(r.index.ms, 99);
    out(`| ${r.pattern.name} | index Query (\`ArticleStore\`) | ${fmt(mean(r.index.items), 1)} | ${fmt(i50, 2)} | ${fmt(i99, 2)} | ${fmt(percentile(r.index.units, 50), 1)} | | | |`);
    if (r.firstMatches) {
      const t = r.firstMatches;
      out(`| | Scan until ${PAGE} matches (other items) | ${fmt(mean(t.items), 1)} | ${fmt(percentile(t.ms, 50), 1)} | ${fmt(percentile(t.ms, 99), 1)} | ${fmt(percentile(t.units, 50), 1)} | | ${fmt(percentile(t.ms, 50) / i50, 0)}x | ${fmt(percentile(t.ms, 99) / i99, 0)}x |`);
    }
    const s = r.samePage;
    const label = r.pattern.want === 1 ? 'Scan until found (same item)' : 'Scan, whole table (same page)';
    out(`| | ${label} | ${fmt(mean(s.items), 1)} | ${fmt(percentile(s.ms, 50), 1)} | ${fmt(percentile(s.ms, 99), 1)} | ${fmt(percentile(s.units, 50), 0)} | ${fmt(percentile(r.scanned, 50), 0)} | **${fmt(percentile(s.ms, 50) / i50, 0)}x** | ${fmt(percentile(s.ms, 99) / i99, 0)}x |`);
  }
  out();
  const agreement = results.map((r) => `${r.pattern.name}: ${r.agree}/${r.compared}`).join('; ');
  out(`Same items, same order (index page vs. whole-table Scan): ${agreement}.`);
  return lines.join('\n');
}

const DOC = new URL('../../docs/benchmarks-store.md', import.meta.url);
const START_MARK = '<!-- bench:store:start -->';
const END_MARK = '<!-- bench:store:end -->';

function writeDocs(results: string): void {
  const doc = readFileSync(DOC, 'utf8');
  const a = doc.indexOf(START_MARK);
  const b = doc.indexOf(END_MARK);
  if (a < 0 || b < a) throw new Error(`docs/benchmarks-store.md has no ${START_MARK} ... ${END_MARK} section`);
  writeFileSync(DOC, `${doc.slice(0, a + START_MARK.length)}\n${results}\n${doc.slice(b)}`);
  process.stderr.write('  wrote docs/benchmarks-store.md\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const loadAtStart = os.loadavg();
  // Dummy credentials: the benchmark never talks to AWS, and must not pick up real ones.
  Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  const server = await startServer();
  try {
    const aws = createClients({ ...process.env, AWS_ENDPOINT_URL: server.endpoint, AWS_ENDPOINT_URL_DYNAMODB: server.endpoint });
    countCapacity(aws);
    await ensureTables(aws);
    const existing = await aws.dynamo.send(new ScanCommand({ TableName: ARTICLES_TABLE.localName, Limit: 1 }));
    if ((existing.Count ?? 0) > 0) throw new Error(`${ARTICLES_TABLE.localName} on ${server.endpoint} is not empty; use a fresh server`);
    const store = new ArticleStore(aws.dynamo, ARTICLES_TABLE.localName);

    process.stderr.write(`store bench: ${RECORDS.toLocaleString('en-US')} records on ${server.name}\n`);
    const stats = await writeRecords(store);
    process.stderr.write(`  wrote ${stats.records} records in ${fmt(stats.seconds, 1)} s\n`);
    const results = await measureQueries(aws, store, stats);
    let text: string;
    try {
      text = report(server.name, stats, results, loadAtStart);
    } catch (error) {
      // Keep what took long to measure: the raw timings, to report by hand.
      const dump = join(os.tmpdir(), `syndic-bench-store-${Date.now()}.json`);
      writeFileSync(dump, JSON.stringify({ seconds: stats.seconds, records: stats.records, results: results.map((r) => ({ ...r, pattern: r.pattern.name })) }));
      process.stderr.write(`  report failed; raw timings in ${dump}\n`);
      throw error;
    }
    console.log(text);
    if (WRITE_DOCS) writeDocs(text);
  } finally {
    await server.stop();
  }
}

await main();
