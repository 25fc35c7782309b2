// What one article costs on AWS: the per-article operation counts of a measured run (PipelineCounts,
// kept in bench/pipeline/counts.json) priced with public on-demand prices for one region (PRICES).
// `syndic cost` prints the table; the counting run (bench/pipeline/count.ts) and the load harness's
// bench:pipeline both write PipelineCounts, so either can feed it.

/** Format version of PipelineCounts; a reader refuses any other. */
import type { OperationCounts } from './operation-counter.ts';

export const COUNTS_FORMAT = 2;

/** One Lambda function's share of the run. */
export interface FunctionCounts {
  /** Invocations (SQS batches or schedule ticks) per stored article. */
  invocationsPerArticle: number;
  /** Handler wall time per stored article, ms: what Lambda bills (1 ms granularity, per invocation). */
  billedMsPerArticle: number;
  /** Handler wall time not spent asleep waiting for a host turn, per stored article, ms. */
  activeMsPerArticle: number;
  /**
   * CPU time of the process while the handler ran, per stored article, ms. The local run hosts the
   * AWS-compatible servers in the same process, so this includes their share: an upper bound.
   */
  cpuMsPerArticle: number;
  /** Memory the stack gives the function, MB. */
  memoryMb: number;
  /**
   * Round trips to AWS per stored article: requests its invocations sent, those sent side by side counted
   * once (operation-counter.ts).
   */
  awsRoundTripsPerArticle: number;
  /** Peak resident set size seen while it ran, MB (the whole local process: an upper bound). */
  peakRssMb: number;
  /** Log bytes it wrote (Lambda's START/END/REPORT lines not included), per stored article. */
  logBytesPerArticle: number;
}

/** Every figure is per stored article, counted from the requests the run really sent. */
export interface PipelineCounts {
  format: typeof COUNTS_FORMAT;
  /** How the counts were made: command line, machine, data, date (ISO). */
  source: { command: string; machine: string; data: string; measuredAt: string };
  articles: number;
  dynamodb: {
    /** Write request units by table, index copies included. */
    writeUnits: Record<string, number>;
    /** Read request units by table. */
    readUnits: Record<string, number>;
    /** Write units by the kind of item written (record, index copies, bands, topics, claims, gate...). */
    writeUnitsByItem: Record<string, number>;
    /** Requests by operation name. */
    requests: Record<string, number>;
    /** Bytes stored per article, by table, indexes and the 100-byte item overhead included. */
    storedBytes: Record<string, number>;
  };
  s3: { puts: number; putBytes: number; gets: number; lists: number };
  /** SQS requests by operation, the event source's receives and deletes included; messages sent. */
  sqs: { requests: Record<string, number>; messagesSent: number };
  functions: Record<string, FunctionCounts>;
}

/** The AWS operations a run counted (operation-counter.ts), divided by the articles it stored. */
export function operationsPerArticle(
  ops: OperationCounts,
  articles: number,
  storedBytes: Record<string, number> = {},
): Pick<PipelineCounts, 'dynamodb' | 's3' | 'sqs'> {
  const per = (n: number) => (articles > 0 ? n / articles : 0);
  const perKey = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, per(v)]));
  return {
    dynamodb: {
      writeUnits: perKey(ops.dynamo.writeUnits),
      readUnits: perKey(ops.dynamo.readUnits),
      writeUnitsByItem: perKey(ops.dynamo.writeUnitsByItem),
      requests: perKey(ops.dynamo.requests),
      storedBytes: perKey(storedBytes),
    },
    s3: { puts: per(ops.s3.puts), putBytes: per(ops.s3.putBytes), gets: per(ops.s3.gets), lists: per(ops.s3.lists) },
    sqs: { requests: perKey(ops.sqs.requests), messagesSent: per(ops.sqs.messagesSent) },
  };
}

export interface Prices {
  region: string;
  /** When the prices were read from the pages listed in `sources`. */
  readOn: string;
  sources: string[];
  lambda: { perRequest: number; perGbSecondArm: number };
  sqs: { perRequest: number };
  dynamodb: { perWriteUnit: number; perReadUnit: number; perGbMonth: number };
  s3: { perPut: number; perGet: number; perGbMonthStandard: number; perGbMonthInfrequent: number; perGbMonthGlacierInstant: number };
  scheduler: { perInvocation: number };
  /** The Reprocess Distributed Map runs one Express child execution per raw copy. */
  stepFunctions: { perStateTransition: number; perExpressRequest: number; perExpressGbSecond: number };
  logs: { perGbIngested: number; perGbMonthStored: number };
}

/**
 * Public on-demand prices, US East (N. Virginia), read on 2026-12-08 from the AWS pricing pages below
 * (free tiers left out: a deployment's bill is not assumed to have them to spare).
 */
export const PRICES: Prices = {
  region: 'us-east-1',
  readOn: '2026-12-08',
  sources: [
    'https://aws.amazon.com/lambda/pricing/',
    'https://aws.amazon.com/sqs/pricing/',
    'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    'https://aws.amazon.com/s3/pricing/',
    'https://aws.amazon.com/eventbridge/pricing/',
    'https://aws.amazon.com/step-functions/pricing/',
    'https://aws.amazon.com/cloudwatch/pricing/',
  ],
  lambda: { perRequest: 0.2 / 1e6, perGbSecondArm: 0.0000133334 },
  sqs: { perRequest: 0.4 / 1e6 },
  dynamodb: { perWriteUnit: 0.625 / 1e6, perReadUnit: 0.125 / 1e6, perGbMonth: 0.25 },
  s3: { perPut: 0.005 / 1000, perGet: 0.0004 / 1000, perGbMonthStandard: 0.023, perGbMonthInfrequent: 0.0125, perGbMonthGlacierInstant: 0.004 },
  scheduler: { perInvocation: 1 / 1e6 },
  stepFunctions: { perStateTransition: 0.025 / 1000, perExpressRequest: 1 / 1e6, perExpressGbSecond: 0.06 / 3600 },
  logs: { perGbIngested: 0.5, perGbMonthStored: 0.03 },
};

/** Lambda's own START, END and REPORT lines per invocation, bytes (as CloudWatch Logs ingests them). */
export const LAMBDA_PLATFORM_LOG_BYTES = 330;
/**
 * An Express child execution per article in a reprocess, billed at 64 MB for as long as it runs; assumed
 * 1 s (its one Task, the reprocess-item Lambda, was not part of the counting run).
 */
export const REPROCESS_CHILD_GB_SECONDS = (64 / 1024) * 1;
export const SCHEDULE_TICKS_PER_MONTH = (30 * 24 * 60) / 15;
/** Lambda gives a function one full vCPU at 1,769 MB and a proportional share below that. */
export const FULL_VCPU_MB = 1769;
/**
 * A round trip to DynamoDB, S3 or SQS from Lambda in the same region, ms: what a billed handler spends
 * on each request besides CPU. An assumption, stated where it is used (the local servers answer faster).
 */
export const AWS_ROUND_TRIP_MS = 8;

/**
 * Billed Lambda time per article, modelled from what was counted: the measured CPU stretched by the
 * function's CPU share, plus its counted round trips to AWS (requests sent side by side wait once). The
 * local run's own wall clock is not used: on a shared machine it mostly measures other processes.
 */
export function modelledBilledMs(fn: FunctionCounts): number {
  return fn.cpuMsPerArticle * Math.max(1, FULL_VCPU_MB / fn.memoryMb) + fn.awsRoundTripsPerArticle * AWS_ROUND_TRIP_MS;
}

export interface CostLine {
  line: string;
  /** Ingesting is the monthly run cost; storage grows with what is kept; a reprocess is run on demand. */
  kind: 'ingest' | 'storage' | 'reprocess';
  /** What is counted, in words. */
  basis: string;
  usdPerMonth: number;
}

export interface CostTable {
  articlesPerMonth: number;
  region: string;
  pricesReadOn: string;
  lines: CostLine[];
  /** Every line of ingesting, storage growth and reprocessing apart. */
  ingestUsdPerMonth: number;
  /** Rebuilding one month's articles from the raw archive (Step Functions only). */
  reprocessUsd: number;
  /** Keeping one month's articles a year (DynamoDB and S3 storage, summed over twelve months). */
  keepOneYearUsd: number;
  dominant: string;
}

const GB = 1024 ** 3;
const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

export function parseCounts(json: unknown): PipelineCounts {
  const counts = json as PipelineCounts;
  if (!counts || typeof counts !== 'object' || counts.format !== COUNTS_FORMAT) {
    throw new Error(`not a pipeline counts file of format ${COUNTS_FORMAT}`);
  }
  if (!(counts.articles > 0)) throw new Error('the counts file records no stored article');
  return counts;
}

/** The monthly bill for ingesting `articlesPerMonth` articles, line by line. */
export function costTable(counts: PipelineCounts, articlesPerMonth: number, prices: Prices = PRICES): CostTable {
  const n = articlesPerMonth;
  const fns = Object.entries(counts.functions);
  const lambdaRequests = fns.reduce((s, [, f]) => s + f.invocationsPerArticle, 0) * n;
  const gbSeconds = fns.reduce((s, [, f]) => s + (modelledBilledMs(f) / 1000) * (f.memoryMb / 1024), 0) * n;
  const logBytes = fns.reduce((s, [, f]) => s + f.logBytesPerArticle + f.invocationsPerArticle * LAMBDA_PLATFORM_LOG_BYTES, 0) * n;
  const writeUnits = sum(counts.dynamodb.writeUnits) * n;
  const readUnits = sum(counts.dynamodb.readUnits) * n;
  const sqsRequests = sum(counts.sqs.requests) * n;
  const dynamoGb = (sum(counts.dynamodb.storedBytes) * n) / GB;
  const s3Gb = (counts.s3.putBytes * n) / GB;

  const lines: CostLine[] = [
    { kind: 'ingest', line: 'Lambda requests', basis: `${fmt(lambdaRequests)} invocations`, usdPerMonth: lambdaRequests * prices.lambda.perRequest },
    { kind: 'ingest', line: 'Lambda duration (arm64)', basis: `${fmt(gbSeconds)} GB-s`, usdPerMonth: gbSeconds * prices.lambda.perGbSecondArm },
    { kind: 'ingest', line: 'SQS requests', basis: `${fmt(sqsRequests)} requests`, usdPerMonth: sqsRequests * prices.sqs.perRequest },
    { kind: 'ingest', line: 'DynamoDB writes (on-demand, indexes included)', basis: `${fmt(writeUnits)} write units`, usdPerMonth: writeUnits * prices.dynamodb.perWriteUnit },
    { kind: 'ingest', line: 'DynamoDB reads (on-demand)', basis: `${fmt(readUnits)} read units`, usdPerMonth: readUnits * prices.dynamodb.perReadUnit },
    { kind: 'ingest', line: 'S3 requests', basis: `${fmt(counts.s3.puts * n)} PUTs, ${fmt(counts.s3.gets * n)} GETs`, usdPerMonth: counts.s3.puts * n * prices.s3.perPut + counts.s3.gets * n * prices.s3.perGet },
    { kind: 'ingest', line: 'EventBridge Scheduler', basis: `${fmt(SCHEDULE_TICKS_PER_MONTH)} ticks (every 15 min)`, usdPerMonth: SCHEDULE_TICKS_PER_MONTH * prices.scheduler.perInvocation },
    {
      kind: 'reprocess',
      line: 'Step Functions (a reprocess of the month)',
      basis: `${fmt(n)} Express child executions`,
      usdPerMonth: n * (prices.stepFunctions.perExpressRequest + REPROCESS_CHILD_GB_SECONDS * prices.stepFunctions.perExpressGbSecond),
    },
    { kind: 'ingest', line: 'CloudWatch Logs ingestion', basis: `${(logBytes / GB).toFixed(2)} GB`, usdPerMonth: (logBytes / GB) * prices.logs.perGbIngested },
    { kind: 'storage', line: 'DynamoDB storage (first month)', basis: `${dynamoGb.toFixed(2)} GB`, usdPerMonth: dynamoGb * prices.dynamodb.perGbMonth },
    { kind: 'storage', line: 'S3 storage (first month, Standard)', basis: `${s3Gb.toFixed(2)} GB`, usdPerMonth: s3Gb * prices.s3.perGbMonthStandard },
  ];
  const ingest = lines.filter((l) => l.kind === 'ingest');
  // The raw copies move to Infrequent Access after 30 days (RAW_BUCKET), so a year is 1 month Standard + 11 IA.
  const keepOneYearUsd = dynamoGb * prices.dynamodb.perGbMonth * 12 + s3Gb * (prices.s3.perGbMonthStandard + 11 * prices.s3.perGbMonthInfrequent);
  return {
    articlesPerMonth: n,
    region: prices.region,
    pricesReadOn: prices.readOn,
    lines,
    ingestUsdPerMonth: ingest.reduce((s, l) => s + l.usdPerMonth, 0),
    reprocessUsd: lines.filter((l) => l.kind === 'reprocess').reduce((s, l) => s + l.usdPerMonth, 0),
    keepOneYearUsd,
    dominant: [...ingest].sort((a, b) => b.usdPerMonth - a.usdPerMonth)[0].line,
  };
}

function fmt(value: number): string {
  return value >= 1e6 ? `${(value / 1e6).toFixed(2)} M` : value >= 1e3 ? `${(value / 1e3).toFixed(1)} k` : value.toFixed(1);
}

/** The table as text, one line per cost line, then the totals. */
export function formatCostTable(table: CostTable): string {
  const width = Math.max(...table.lines.map((l) => l.line.length));
  const rows = table.lines.map((l) => `${l.line.padEnd(width)}  ${usd(l.usdPerMonth).padStart(10)}  ${l.basis}`);
  return [
    `${table.articlesPerMonth.toLocaleString('en-US')} articles a month, ${table.region} on-demand prices read on ${table.pricesReadOn}`,
    '',
    ...rows,
    '',
    `${'ingesting (all but storage and reprocess)'.padEnd(width)}  ${usd(table.ingestUsdPerMonth).padStart(10)}  a month (largest: ${table.dominant})`,
    `${"keeping one month's articles a year".padEnd(width)}  ${usd(table.keepOneYearUsd).padStart(10)}  DynamoDB + S3 (Standard 30 days, then Infrequent Access)`,
  ].join('\n');
}

const usd = (value: number) => `$${value.toFixed(2)}`;
