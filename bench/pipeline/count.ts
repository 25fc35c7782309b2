// The counting run behind docs/costs.md and `syndic cost`: the 181-page, 20-host corpus (corpus-sites.ts)
// ingested once through the real handlers against the local servers, every AWS request counted below the
// SDK (operation-counter.ts), handler wall time and host-turn waiting timed, and the per-article figures
// written as PipelineCounts (cost-model.ts).
//
//   npx tsx bench/pipeline/count.ts [--port 0] [--hosts 20] [--corpus DIR] [--out bench/pipeline/counts.json]
//
// Only 127.0.0.1 is contacted: the corpus sites and the local AWS-compatible servers.
import os from 'node:os';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import { registerFeeds } from '../../cli/local/local-flow.ts';
import { drainQueue } from '../../cli/local/event-source.ts';
import { startSampleServer } from '../../cli/local/sample-server.ts';
import { clients } from '../../shared/aws/clients.ts';
import { hostWaitTotals } from '../../shared/fetch/index.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import { ARTICLE_QUEUE, FEED_QUEUE, TABLES } from '../../shared/store/definitions.ts';
import { itemSize, STORAGE_OVERHEAD_BYTES } from '../store/item-size.ts';
import { buildCorpusSites, findCorpus } from './corpus-sites.ts';
import { COUNTS_FORMAT, operationsPerArticle } from './cost-model.ts';
import type { FunctionCounts, PipelineCounts } from './cost-model.ts';
import { OperationCounter, invocation, projected } from './operation-counter.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** As infra/stack.ts gives them. */
const MEMORY_MB = { 'dispatch-feeds': 256, 'fetch-feed': 512, 'process-article': 1024 } as const;
type FunctionName = 'fetch-feed' | 'process-article';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};

interface Timing {
  invocations: number;
  records: number;
  wallMs: number;
  activeMs: number;
  waitMs: number;
  cpuMs: number;
  roundTrips: number;
  peakRss: number;
  logBytes: number;
}

const timings = new Map<FunctionName, Timing>();
let logBytes = 0;

/**
 * Invocations run side by side in this one process: the CPU time and log bytes between two starts or
 * ends are split evenly among the invocations in flight, so each is not charged for the others' work.
 * (The local servers' CPU while an invocation runs is still in it: an upper bound.)
 */
const running = new Set<{ cpuMs: number; logBytes: number }>();
let lastCpu = process.cpuUsage();
let lastLogBytes = 0;
function settleShares(): void {
  const now = process.cpuUsage();
  const cpuMs = (now.user - lastCpu.user + now.system - lastCpu.system) / 1000;
  const logs = logBytes - lastLogBytes;
  [lastCpu, lastLogBytes] = [now, logBytes];
  for (const share of running) {
    share.cpuMs += cpuMs / running.size;
    share.logBytes += logs / running.size;
  }
}

/** Times a handler as Lambda bills it (each invocation's wall), and how much of it was spent waiting for a host. */
function timed(name: FunctionName, handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const t = timings.get(name) ?? { invocations: 0, records: 0, wallMs: 0, activeMs: 0, waitMs: 0, cpuMs: 0, roundTrips: 0, peakRss: 0, logBytes: 0 };
    timings.set(name, t);
    const [started, waitedBefore] = [performance.now(), hostWaitTotals.ms];
    const share = { cpuMs: 0, logBytes: 0 };
    settleShares();
    running.add(share);
    const scope = { inFlight: 0, roundTrips: 0 };
    try {
      return await invocation.run(scope, () => handler(event, context));
    } finally {
      settleShares();
      running.delete(share);
      t.roundTrips += scope.roundTrips;
      const wall = performance.now() - started;
      const waited = hostWaitTotals.ms - waitedBefore;
      // Records of a batch run side by side: the share of record time spent asleep is the share of the invocation.
      const waitShare = Math.min(1, waited / (Math.max(1, event.Records.length) * Math.max(wall, 1)));
      t.invocations++;
      t.records += event.Records.length;
      t.wallMs += Math.ceil(wall);
      t.activeMs += wall * (1 - waitShare);
      t.waitMs += waited;
      t.cpuMs += share.cpuMs;
      t.peakRss = Math.max(t.peakRss, process.memoryUsage().rss);
      t.logBytes += share.logBytes;
    }
  };
}

const sites = buildCorpusSites(findCorpus(option('corpus', '') || undefined), path.join(os.tmpdir(), `syndic-count-${process.pid}`), Number(option('hosts', '20')));
const server = await startSampleServer({ dir: sites.dir, port: Number(option('port', '0')) });
const env = await openLocalEnvironment({ settings: { SYNDIC_ALLOW_LOOPBACK: 'true', POWERTOOLS_LOG_LEVEL: 'INFO' } });
// What the handlers log (Powertools writes JSON lines to stdout) is what CloudWatch Logs would ingest.
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
  void rest;
  return true;
}) as typeof process.stdout.write;

const counter = new OperationCounter();
try {
  const feeds = sites.feedPaths.map((feed) => feed.replace('{{port}}', String(server.port)));
  await registerFeeds(new StateStore(env.aws.dynamo, env.config.stateTable), feeds, new Date());
  const aws = clients(); // the clients the handlers use
  counter.attachDynamo(aws.dynamo);
  counter.attachS3(aws.s3);
  counter.attachSqs(aws.sqs);
  counter.attachSqs(env.aws.sqs, 'event source: ');

  const runtime = await import('../../functions/runtime.ts');
  const dispatch = await import('../../functions/dispatch-feeds/handler.ts');
  const fetchFeed = await import('../../functions/fetch-feed/handler.ts');
  const processArticle = await import('../../functions/process-article/handler.ts');
  let stored = 0;
  let handedBack = 0;
  const stop = runtime.onOutcome((event) => {
    if (event.kind === 'article' && event.outcome.status === 'stored') stored++;
    if (event.kind === 'article' && event.outcome.status === 'handed-back') handedBack++;
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const tickStarted = performance.now();
  const tick = { inFlight: 0, roundTrips: 0 };
  await invocation.run(tick, () => dispatch.handler({ version: '0', id: 'count', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '0', time: new Date().toISOString(), region: 'us-east-1', resources: [], detail: {} }));
  const tickMs = performance.now() - tickStarted;
  // Both queues read at once, each with its event source mapping's batch size and concurrency.
  const feedRun = drainQueue(env.aws.sqs, env.config.feedQueueUrl, timed('fetch-feed', fetchFeed.handler), FEED_QUEUE);
  const articleRun = await drainQueue(env.aws.sqs, env.config.articleQueueUrl, timed('process-article', processArticle.handler), ARTICLE_QUEUE, { upstream: feedRun });
  await feedRun;
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  stop();
  const ops = counter.reset();

  const storedBytes: Record<string, number> = {};
  for (const table of TABLES) {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await env.aws.dynamo.send(new ScanCommand({ TableName: table.localName, ExclusiveStartKey: start }));
      for (const item of out.Items ?? []) {
        if (String(item.pk).startsWith('FEED') || String(item.pk).startsWith('HOST#') || String(item.pk).startsWith('ROBOTS#')) continue; // not per article
        let bytes = itemSize(item) + STORAGE_OVERHEAD_BYTES;
        for (const index of table.indexes) {
          if (item[index.partitionKey] !== undefined && item[index.sortKey] !== undefined) bytes += itemSize(projected(table, index, item)) + STORAGE_OVERHEAD_BYTES;
        }
        storedBytes[table.localName] = (storedBytes[table.localName] ?? 0) + bytes;
      }
      start = out.LastEvaluatedKey;
    } while (start);
  }

  const per = (n: number) => n / stored;
  const functions: Record<string, FunctionCounts> = {};
  // One schedule tick dispatched this run's feeds.
  const tickBilled = per(Math.ceil(tickMs));
  functions['dispatch-feeds'] = {
    invocationsPerArticle: per(1), billedMsPerArticle: tickBilled, activeMsPerArticle: tickBilled, cpuMsPerArticle: tickBilled,
    awsRoundTripsPerArticle: per(tick.roundTrips), memoryMb: MEMORY_MB['dispatch-feeds'], peakRssMb: 0, logBytesPerArticle: 0,
  };
  for (const [name, t] of timings) {
    functions[name] = {
      invocationsPerArticle: per(t.invocations),
      billedMsPerArticle: per(t.wallMs),
      activeMsPerArticle: per(t.activeMs),
      cpuMsPerArticle: per(t.cpuMs),
      awsRoundTripsPerArticle: per(t.roundTrips),
      memoryMb: MEMORY_MB[name],
      peakRssMb: Math.round(t.peakRss / 2 ** 20),
      logBytesPerArticle: per(t.logBytes),
    };
  }
  const counts: PipelineCounts = {
    format: COUNTS_FORMAT,
    source: {
      command: `npx tsx bench/pipeline/count.ts ${argv.join(' ')}`.trim(),
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}`,
      data: `${stored} pages of the article-extraction-benchmark corpus on ${sites.feedPaths.length} local hosts, one feed each`,
      measuredAt: new Date().toISOString(),
    },
    articles: stored,
    ...operationsPerArticle(ops, stored, storedBytes),
    functions,
  };
  const out = path.resolve(REPO, option('out', 'bench/pipeline/counts.json'));
  writeFileSync(out, `${JSON.stringify(counts, null, 2)}\n`);
  const article = timings.get('process-article');
  const summary = {
    stored,
    handedBack,
    wallSeconds: +(wallMs / 1000).toFixed(1),
    cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1),
    articlesPerSecond: +(stored / (wallMs / 1000)).toFixed(2),
    articleHandlerWaitShare: article ? +(1 - article.activeMs / article.wallMs).toFixed(3) : null,
    billedMsPerArticle: article ? Math.round(per(article.wallMs)) : null,
    activeMsPerArticle: article ? Math.round(per(article.activeMs)) : null,
    cpuMsPerArticle: article ? Math.round(per(article.cpuMs)) : null,
    roundTripsPerArticle: article ? +per(article.roundTrips).toFixed(1) : null,
    loadAverage: +os.loadavg()[0].toFixed(1),
    peakBatchesInFlight: articleRun.peakConcurrency,
    articleReceives: articleRun.received,
    articleBatchesTimedOut: articleRun.timedOut,
    // As the origin measured it: the gate allows 2 requests at once per host, 1 s apart.
    originMaxInFlightPerHost: Math.max(...[...server.politeness().values()].map((h) => h.maxInFlight)),
    originMinGapMs: Math.round(Math.min(...[...server.politeness().values()].map((h) => h.minGapMs))),
    writeUnitsPerArticle: +per(Object.values(ops.dynamo.writeUnits).reduce((a, b) => a + b, 0)).toFixed(1),
    out: path.relative(REPO, out),
  };
  process.stdout.write = write;
  console.log(JSON.stringify(summary));
} finally {
  await env.close();
  await server.stop();
}
