// The fetch-feed function's work for one 500-entry feed (shared/pipeline ingestFeed: conditional GET,
// parse, one conditional claim write per entry, SQS batch sends, feed state), with the Lambda's
// DynamoDB-backed host gate and robots cache, against dynalite and fauxqs in this process.
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { DynamoHostGate, DynamoRobotsCache, RobotsTxtChecker, safeFetch } from '../../shared/fetch/index.ts';
import { startLocalStateTable } from '../../tests/support/dynalite-table.ts';
import { respond, TestServer } from '../../tests/support/test-server.ts';
import { ingestFeed, type FeedOutcome, type IngestFeedDeps } from '../../shared/pipeline/ingest-feed.ts';
import { JobQueue } from '../../shared/store/job-queue.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import { loadArticles, rssFeed } from './fixtures.ts';

export interface IngestTimings {
  /** First read: every entry new, claimed and enqueued. */
  fresh: number[];
  /** Same entries again under a new ETag: every claim refused, nothing enqueued. */
  unchanged: number[];
  /** Conditional GET answered 304. */
  notModified: number[];
}

export async function timeIngestFeed(entries: number, rounds: number, warmup: number): Promise<IngestTimings> {
  const articles = loadArticles(entries);
  const server = await TestServer.start();
  const table = await startLocalStateTable('bench-state');
  const queues = buildApp({ logger: false });
  const sqs = new SQSClient({
    endpoint: await queues.listen({ port: 0, host: '127.0.0.1' }),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    useQueueUrlAsEndpoint: false,
  });
  try {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-articles' }));
    // One feed body per round (entry URLs differ), so every first read finds new entries.
    const bodies = Array.from({ length: rounds + warmup }, (_, r) => gzipSync(Buffer.from(rssFeed(articles, `http://bench.localhost:${server.port}/r${r}`))));
    server.route('/robots.txt', respond(200, 'User-agent: *\nAllow: /\n', { 'content-type': 'text/plain' }));
    server.route('/feed.xml', (req, res) => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      const etag = `"r${query.get('round')}-${query.get('tag')}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-encoding': 'gzip', etag });
      res.end(bodies[Number(query.get('round'))]);
    });
    const ports = { client: table.client, tableName: table.tableName };
    const hostGate = new DynamoHostGate({ ...ports, minDelayMs: 0 });
    const fetchOptions = {
      allowLoopback: true,
      hostGate,
      robots: new RobotsTxtChecker({ cache: new DynamoRobotsCache(ports) }),
    };
    const deps: IngestFeedDeps = {
      state: new StateStore(table.client, table.tableName),
      articleQueue: new JobQueue(sqs, QueueUrl!),
      fetch: (url, options) => safeFetch(url, { ...fetchOptions, ...options }),
      hostGate,
      now: () => new Date(),
      feedIntervalMs: 15 * 60_000,
    };
    const timings: IngestTimings = { fresh: [], unchanged: [], notModified: [] };
    for (let round = 0; round < rounds + warmup; round++) {
      const read = async (kind: keyof IngestTimings, tag: string, expect: (o: FeedOutcome) => boolean) => {
        const feedId = `bench-${round}-${tag}`;
        const url = `http://bench.localhost:${server.port}/feed.xml?round=${round}&tag=${tag}`;
        const existing = await deps.state.getFeed(feedId);
        if (!existing) {
          await deps.state.putFeed({
            id: feedId,
            url,
            title: null,
            origin: 'cli',
            addedAt: new Date().toISOString(),
            etag: null,
            lastModified: null,
            lastFetchedAt: null,
            health: { consecutiveFailures: 0, lastError: null, lastSuccessAt: null, lastAttemptAt: null, nextDueAt: new Date().toISOString(), paused: false },
          });
        }
        const started = performance.now();
        const outcome = await ingestFeed(deps, { feedId, url });
        const elapsed = performance.now() - started;
        if (!expect(outcome)) throw new Error(`${kind} read of round ${round}: ${JSON.stringify(outcome)}`);
        if (round >= warmup) timings[kind].push(elapsed);
      };
      await read('fresh', 'a', (o) => o.status === 'fetched' && o.enqueued === entries);
      await read('notModified', 'a', (o) => o.status === 'not-modified');
      await read('unchanged', 'b', (o) => o.status === 'fetched' && o.enqueued === 0 && o.duplicates === entries);
    }
    return timings;
  } finally {
    sqs.destroy();
    await queues.close();
    await table.close();
    await server.close();
  }
}
