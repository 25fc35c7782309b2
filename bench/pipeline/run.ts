// npm run bench:pipeline -- [--articles N] [--hosts N] [--json]
//
// The load run of issue 18: the reliability harness (bench/reliability) with every fault off, so the
// figures are the pipeline's own: articles/s, enqueue -> record latency, handler wall vs active time (not
// waiting for a host turn), CPU per article by function, peak RSS of a worker, and the AWS operations the
// run really sent (counted below the SDK in each worker), priced per million articles with cost-model.ts.
// The harness's own SQS polling is shown apart and not priced: it short-polls, Lambda's poller long-polls.
// With --json the last line is one JSON object (articlesPerSecond, activeMsPerArticle, billedMsPerArticle,
// costPer1MArticlesUsd, ...).
import os from 'node:os';
import { DEFAULT_SUITE, runSuite } from '../reliability/suite.ts';
import { parseOptions } from '../reliability/options.ts';
import { problems } from '../reliability/figures.ts';
import { COUNTS_FORMAT, operationsPerArticle, costTable } from './cost-model.ts';
import type { FunctionCounts, PipelineCounts } from './cost-model.ts';

/** As infra/stack.ts gives them. */
const MEMORY_MB: Record<string, number> = { 'dispatch-feeds': 256, 'fetch-feed': 512, 'process-article': 1024 };

const options = parseOptions(process.argv.slice(2), { articles: 1000, hosts: 20 }, ['articles', 'hosts'], 'npm run bench:pipeline');
const result = await runSuite({
  ...DEFAULT_SUITE,
  articles: options.articles,
  hosts: options.hosts,
  feeds: options.hosts,
  seed: 1,
  faults: false,
  progress: (line) => process.stderr.write(`${line}\n`),
});
const stored = result.accounting.stored;
const per = (n: number) => (stored > 0 ? n / stored : 0);
const perRecord = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, per(v)]));
const functions: Record<string, FunctionCounts> = {};
for (const [name, s] of Object.entries(result.stats)) {
  functions[name] = {
    invocationsPerArticle: per(s.invocations),
    billedMsPerArticle: per(s.wallMs),
    activeMsPerArticle: per(s.wallMs - s.waitMs),
    cpuMsPerArticle: per(s.cpuMs),
    awsRoundTripsPerArticle: per(s.roundTrips),
    memoryMb: MEMORY_MB[name],
    peakRssMb: Math.round(s.peakRssMb),
    logBytesPerArticle: 0,
  };
}
const ops = result.operations;
const counts: PipelineCounts = {
  format: COUNTS_FORMAT,
  source: {
    command: `npm run bench:pipeline -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${result.loadAverage}`,
    data: `${options.articles} generated articles on ${options.hosts} loopback hosts`,
    measuredAt: new Date().toISOString(),
  },
  articles: stored,
  ...operationsPerArticle(ops, stored),
  functions,
};
const sum = (fn: (f: FunctionCounts) => number) => Object.values(functions).reduce((total, f) => total + fn(f), 0);
const table = costTable(counts, 1_000_000);
const summary = {
  articles: options.articles,
  stored,
  lost: result.accounting.lost,
  politenessViolations: problems(result).filter((line) => line.startsWith('politeness')).length,
  wallSeconds: result.wallSeconds,
  articlesPerSecond: result.articlesPerSecond,
  p50Ms: result.p50Ms,
  p99Ms: result.p99Ms,
  billedMsPerArticle: +sum((f) => f.billedMsPerArticle).toFixed(1),
  activeMsPerArticle: +sum((f) => f.activeMsPerArticle).toFixed(1),
  cpuMsPerArticle: Object.fromEntries(Object.entries(functions).map(([name, f]) => [name, +f.cpuMsPerArticle.toFixed(1)])),
  peakRssMb: Object.fromEntries(Object.entries(functions).map(([name, f]) => [name, f.peakRssMb])),
  awsRequestsPerArticle: {
    dynamodb: perRecord(ops.dynamo.requests),
    s3: { puts: per(ops.s3.puts), gets: per(ops.s3.gets) },
    sqs: perRecord(ops.sqs.requests),
    eventSource: perRecord(result.eventSourceOperations.sqs.requests),
  },
  writeUnitsPerArticle: +per(Object.values(ops.dynamo.writeUnits).reduce((a, b) => a + b, 0)).toFixed(1),
  costPer1MArticlesUsd: +table.ingestUsdPerMonth.toFixed(2),
  loadAverage: result.loadAverage,
};
const width = 24;
for (const [key, value] of Object.entries(summary)) console.log(`${key.padEnd(width)} ${typeof value === 'object' ? JSON.stringify(value) : value}`);
if (options.json) console.log(JSON.stringify(summary));
