// What is deployed is what is tested: the app is synthesized by `npx cdk synth`, and each function runs from the bundle
// `cdk synth` put in the cloud assembly (not from the TypeScript sources), in a process of its own, with
// exactly the Environment the template gives it, against local servers whose tables, indexes, queues and
// bucket are created from the template. One feed then goes dispatch -> fetch-feed -> process-article ->
// query-api, and reprocess-item and sync-feeds run as the state machine and the deploy trigger run them.
// A variable the stack forgets, a file a bundle misses or an index named otherwise fails here.
// The one setting added to the template's environment is SYNDIC_ALLOW_LOOPBACK, the documented override
// that lets the fetcher reach the feed served on 127.0.0.1; the address guard itself stays on.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyStructuredResultV2, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { startLocalAwsServers } from '../../cli/local/aws-servers.ts';
import type { LocalAwsServers } from '../../cli/local/aws-servers.ts';
import { startSampleServer } from '../../cli/local/sample-server.ts';
import type { SampleServer } from '../../cli/local/sample-server.ts';
import { drainQueue } from '../../cli/local/event-source.ts';
import { ARTICLE_QUEUE, FEED_QUEUE } from '../../shared/store/definitions.ts';
import { createClients } from '../../shared/aws/clients.ts';
import type { AwsClients } from '../../shared/aws/clients.ts';
import { newFeed } from '../../shared/pipeline/feeds-file.ts';
import { ArticleStore } from '../../shared/store/article-store.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import { rawPrefix } from '../../shared/store/raw-archive.ts';
import { articleId } from '../../shared/store/records.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';
import { canonicalizeUrl } from '../../shared/feeds/index.ts';
import feedsFile from '../../config/feeds.json' with { type: 'json' };
import { LocalStack } from './local-stack.ts';
import { LambdaProcess } from './lambda-process.ts';
import { functionBundles, selectItem, stateMachineDefinition } from './template.ts';
import type { CfnTemplate, FunctionBundle, FunctionName } from './template.ts';
import { importMs, peerImportMs, sizeRegressions, withBundleSection, zippedSize } from './bundle-metrics.ts';
import type { Baseline, BundleMetrics } from './bundle-metrics.ts';

const HERE = fileURLToPath(new URL('./', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BENCHMARKS_DOC = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
const BASELINE_FILE = path.join(HERE, 'bundle-baseline.json');
const IMPORT_REPEATS = 5;

let outdir: string;
let template: CfnTemplate;
let bundles: FunctionBundle[];
let servers: LocalAwsServers;
let aws: AwsClients;
let stack: LocalStack;
let site: SampleServer;
const lambdas = {} as Record<FunctionName, LambdaProcess>;
/** The settings as the functions see them (every function is given the same ones). */
let settings: Record<string, string>;

beforeAll(async () => {
  outdir = mkdtempSync(path.join(tmpdir(), 'syndic-deployed-'));
  template = await cdkSynth(outdir);
  bundles = functionBundles(template, outdir);

  servers = await startLocalAwsServers();
  aws = createClients(servers.env);
  stack = await LocalStack.deploy(template, aws);
  site = await startSampleServer({ dir: path.join(HERE, 'site') });

  const started = await Promise.all(
    bundles.map((bundle) => {
      const timeout = template.Resources[bundle.logicalId].Properties!.Timeout as number;
      const env = { ...stack.environment(bundle.environment), ...servers.env, SYNDIC_ALLOW_LOOPBACK: 'true' };
      return LambdaProcess.start({ name: bundle.name, file: bundle.file, exportName: bundle.exportName, timeoutSeconds: timeout, cwd: bundle.dir, env });
    }),
  );
  for (const lambda of started) lambdas[lambda.name as FunctionName] = lambda;
  settings = stack.environment(bundles[0].environment);
}, 600_000);

/** `npx cdk synth` as a user runs it: infra/app.ts, cdk-nag included, bundled by the local esbuild, offline. */
async function cdkSynth(into: string): Promise<CfnTemplate> {
  const synth = spawn('npx', ['cdk', 'synth', '--quiet', '--output', into], {
    cwd: ROOT,
    // A region as a configured CLI would have; no credentials, no network.
    env: { ...process.env, CDK_DEFAULT_REGION: 'eu-west-1', CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  synth.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const [status] = (await once(synth, 'exit')) as [number | null];
  if (status !== 0) throw new Error(`npx cdk synth exited with ${status}:\n${stderr}`);
  return JSON.parse(readFileSync(path.join(into, 'Syndic.template.json'), 'utf8')) as CfnTemplate;
}

afterAll(async () => {
  await Promise.all(Object.values(lambdas).map((lambda) => lambda.stop()));
  await site?.stop();
  await servers?.stop();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

const sqsHandler = (lambda: LambdaProcess) => (event: SQSEvent) => lambda.invoke<SQSBatchResponse>(event);

async function get(rawPath: string, query: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const result = await lambdas.QueryApi.invoke<APIGatewayProxyStructuredResultV2>({
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: new URLSearchParams(query).toString(),
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    headers: { host: 'local.lambda-url.us-east-1.on.aws' },
    requestContext: { http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' } },
    isBase64Encoded: false,
  });
  return { status: result.statusCode!, body: JSON.parse(result.body!) };
}

async function dlqDepths(): Promise<number[]> {
  const dlqs = Object.keys(template.Resources).filter((id) => /DeadLetterQueue/.test(id) && template.Resources[id].Type === 'AWS::SQS::Queue');
  return Promise.all(
    dlqs.map(async (id) => {
      const url = stack.resolve({ Ref: id }) as string;
      const { Messages = [] } = await aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
      return Messages.length;
    }),
  );
}

const article = () => site.manifest.articles[0];
const storedId = () => articleId(canonicalizeUrl(article().url));

describe('the bundles in the cloud assembly', () => {
  it('are ESM files with the AWS SDK inside, each loaded by plain node from its asset folder with only its template environment', () => {
    expect(bundles.map((bundle) => bundle.name).sort()).toEqual(Object.keys(lambdas).sort());
    for (const bundle of bundles) {
      const code = readFileSync(bundle.file, 'utf8');
      expect(/(from|import\()\s*["']@aws-sdk\//.test(code), bundle.name).toBe(false);
      expect(code.startsWith('import { createRequire'), bundle.name).toBe(true);
    }
  });
});

describe('one feed through the deployed functions', () => {
  it('dispatch-feeds sends the due feed to the feed queue', async () => {
    const state = new StateStore(aws.dynamo, settings.SYNDIC_STATE_TABLE);
    // As `syndic feeds add` would: the one feed, served on loopback.
    expect(await state.addFeed(newFeed(site.manifest.feeds[0].url, 'cli', new Date()))).toBe(true);
    const tick = { version: '0', id: 'tick', 'detail-type': 'Scheduled Event', source: 'aws.scheduler', account: '000000000000', time: new Date().toISOString(), region: 'us-east-1', resources: [], detail: {} };
    expect(await lambdas.DispatchFeeds.invoke(tick)).toEqual({ dispatched: 1 });
  });

  it('fetch-feed reads the feed from the feed queue and queues its article', async () => {
    const run = await drainQueue(aws.sqs, settings.SYNDIC_FEED_QUEUE_URL, sqsHandler(lambdas.FetchFeed), FEED_QUEUE);
    expect(run, lambdas.FetchFeed.logTail()).toMatchObject({ received: 1, failed: 0 });
  });

  it('process-article fetches, extracts, classifies and stores the article, raw copy included', async () => {
    // fetch-feed may send the job with a delay (its host's turn): wait for it as Lambda's poller would.
    const run = await drainQueue(aws.sqs, settings.SYNDIC_ARTICLE_QUEUE_URL, sqsHandler(lambdas.ProcessArticle), ARTICLE_QUEUE);
    expect(run, lambdas.ProcessArticle.logTail()).toMatchObject({ received: 1, failed: 0 });
    expect(await dlqDepths()).toEqual([0, 0]);
    const { Contents = [] } = await aws.s3.send(new ListObjectsV2Command({ Bucket: settings.SYNDIC_RAW_BUCKET, Prefix: 'raw/' }));
    expect(Contents.map((object) => object.Key)).toEqual([expect.stringContaining(`/${storedId()}/`)]);
  });

  it('query-api answers by id, by topic over the timeline, by source and by story', async () => {
    const byId = await get(`/articles/${encodeURIComponent(storedId())}`);
    expect(byId.status, JSON.stringify(byId.body)).toBe(200);
    const record = byId.body as unknown as ArticleRecord;
    expect(record).toMatchObject({ title: article().title, source: { host: new URL(article().url).host } });
    for (const phrase of article().mustContain) expect(record.text).toContain(phrase);
    expect(record.topics[0].code).toBe(article().topic);

    const listed = (response: { body: Record<string, unknown> }) => (response.body.items as ArticleRecord[]).map((item) => item.id);
    const byTopic = await get('/articles', { topic: article().topic, since: '2026-11-01T00:00:00Z' });
    expect(byTopic.status, JSON.stringify(byTopic.body)).toBe(200);
    expect(listed(byTopic)).toEqual([record.id]);
    const bySource = await get('/articles', { source: record.source.host, since: '2026-11-01T00:00:00Z' });
    expect(listed(bySource)).toEqual([record.id]);
    const byStory = await get(`/stories/${encodeURIComponent(record.storyId)}`);
    expect(byStory.status, JSON.stringify(byStory.body)).toBe(200);
    expect((byStory.body.copies as ArticleRecord[]).map((copy) => copy.id)).toEqual([record.id]);
  });

  it('query-api lists the feed with its health after the read', async () => {
    const feeds = await get('/feeds');
    expect(feeds.status).toBe(200);
    expect(feeds.body.items).toEqual([expect.objectContaining({ url: site.manifest.feeds[0].url, health: expect.objectContaining({ consecutiveFailures: 0, lastSuccessAt: expect.any(String) }) })]);
  });
});

describe('reprocess-item, given the items the state machine makes', () => {
  const definition = () => stateMachineDefinition(template);
  const itemFor = (key: string, input: Record<string, unknown>) => {
    const map = definition().States[definition().StartAt];
    return selectItem(map.ItemSelector, input, { Key: key, Size: 1 });
  };
  /** The input `syndic reprocess --aws` starts the machine with, for the days since..until. */
  const inputFor = (since: string, until: string, dryRun: boolean) => ({ prefix: rawPrefix(since, until), since, until, source: null, dryRun });

  async function rawKeys(prefix: string): Promise<string[]> {
    const { Contents = [] } = await aws.s3.send(new ListObjectsV2Command({ Bucket: settings.SYNDIC_RAW_BUCKET, Prefix: prefix }));
    return Contents.map((object) => object.Key!);
  }

  it('leaves a current record alone, and rebuilds one an older extractor made', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const input = inputFor(today, today, true);
    const [key] = await rawKeys(input.prefix);
    expect(await lambdas.ReprocessItem.invoke(itemFor(key, input))).toEqual({ key, status: 'unchanged' });

    const articles = new ArticleStore(aws.dynamo, settings.SYNDIC_ARTICLES_TABLE);
    const current = (await articles.get(storedId()))!;
    await articles.put({ ...current, text: 'what an older extractor kept', contentHash: 'older', extractorVersion: 'older' });
    expect(await lambdas.ReprocessItem.invoke(itemFor(key, input))).toEqual({ key, status: 'would-update' });
    expect(await lambdas.ReprocessItem.invoke(itemFor(key, { ...input, dryRun: false }))).toEqual({ key, status: 'updated' });
    expect(await articles.get(storedId())).toMatchObject({ text: current.text, extractorVersion: current.extractorVersion });
  });

  it('passes over a key the prefix lists but that was fetched outside the requested days', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const [key] = await rawKeys(`raw/${today}`);
    const earlier = inputFor('1999-01-01', '1999-01-02', false);
    expect(await lambdas.ReprocessItem.invoke(itemFor(key, earlier))).toEqual({ key, status: 'skipped', reason: 'outside the requested days' });
  });
});

// Last: the feeds it adds are real sites, which no test may fetch, so nothing is dispatched after it.
describe('sync-feeds, as the deploy trigger runs it', () => {
  it('adds the feeds of the bundled config/feeds.json and keeps the feed added by hand', async () => {
    const result = await lambdas.SyncFeeds.invoke({});
    expect(result).toEqual({ added: feedsFile.feeds.map((feed) => feed.url), removed: [], kept: 0, rulesChanged: [] });
    expect(await lambdas.SyncFeeds.invoke({})).toEqual({ added: [], removed: [], kept: feedsFile.feeds.length, rulesChanged: [] });
    const feeds = await get('/feeds');
    const urls = (feeds.body.items as { url: string }[]).map((feed) => feed.url).sort();
    expect(urls).toEqual([site.manifest.feeds[0].url, ...feedsFile.feeds.map((feed) => feed.url)].sort());
  });
});

describe('bundle size and import time', () => {
  it('keeps every bundle within 25 % of its baseline size, and records sizes and import times', () => {
    // Every run imports each bundle once in a fresh process with an empty environment (it must load there);
    // recording takes the median of several, with the peer, for docs/benchmarks.md.
    const recording = process.env.SYNDIC_RECORD_BUNDLES === '1';
    const repeats = recording ? IMPORT_REPEATS : 1;
    const metrics: BundleMetrics[] = bundles.map((bundle) => ({ name: bundle.name, ...zippedSize(bundle.dir), importMs: importMs(bundle.file, repeats) }));
    const baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline;
    expect(sizeRegressions(metrics, baseline)).toEqual([]);
    if (recording) {
      const peerMs = peerImportMs(IMPORT_REPEATS);
      const machine = `${cpus().length}-core ${cpus()[0].model.trim()}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`;
      writeFileSync(BENCHMARKS_DOC, withBundleSection(readFileSync(BENCHMARKS_DOC, 'utf8'), metrics, peerMs, machine, IMPORT_REPEATS));
      writeFileSync(BASELINE_FILE, `${JSON.stringify({ ...baseline, zippedBytes: Object.fromEntries(metrics.map((m) => [m.name, m.zippedBytes])) }, null, 2)}\n`);
    }
  }, 300_000);
});
