// The local event source runs article batches side by side, as Lambda's event source mapping does with
// the stack's MaximumConcurrency, through the real process-article handler; politeness still holds at
// every host, as the origin server measures it: never more than two requests at once, a second apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import type { DrainResult } from '../../cli/local/event-source.ts';
import { ARTICLE_QUEUE } from '../../shared/store/definitions.ts';
import { TestServer } from '../support/test-server.ts';
import { lambdaContext, sqsRecord } from '../../cli/local/lambda-shapes.ts';
import { claimedJob, enqueueArticles, newsPage, processArticleQueue } from '../support/article-queue.ts';
import type { ArticleOutcomeEvent } from '../support/article-queue.ts';

const HOSTS = 8;
const PAGES_PER_HOST = 3;

let env: LocalEnvironment;
let server: TestServer;
let run: DrainResult;
/** Per host: requests being answered now, and the most at once. */
const inFlight = new Map<string, number>();
const maxInFlight = new Map<string, number>();
let outcomes: ArticleOutcomeEvent[];

beforeAll(async () => {
  server = await TestServer.start();
  for (let n = 0; n < HOSTS * PAGES_PER_HOST; n++) {
    // A slow origin: a batch is still waiting for its pages when the next one is received.
    server.route(`/story/${n}.html`, (req, res) => {
      const host = req.headers.host ?? '';
      inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
      maxInFlight.set(host, Math.max(maxInFlight.get(host) ?? 0, inFlight.get(host)!));
      res.on('close', () => inFlight.set(host, inFlight.get(host)! - 1));
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(newsPage(n)), 800);
    });
  }
  server.route('/outage.html', (_req, res) => void res.writeHead(500).end('down'));
  server.route('/slow.html', (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(newsPage(1001)), 1500));
  server.route('/quick.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(newsPage(1000)));
  env = await openLocalEnvironment({ settings: { SYNDIC_ALLOW_LOOPBACK: 'true', SYNDIC_FETCH_TIMEOUT_MS: '60000', POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  const urls = Array.from({ length: HOSTS * PAGES_PER_HOST }, (_, n) => server.url(`/story/${n}.html`, `site-${n % HOSTS}.localhost`));
  await enqueueArticles(env, urls);
  ({ run, outcomes } = await processArticleQueue(env));
}, 300_000);

afterAll(async () => {
  await env?.close();
  await server?.close();
});

describe('the local event source', () => {
  it('runs several batches at once, never more than the stack allows, and stores every article', () => {
    expect(run.peakConcurrency).toBeGreaterThanOrEqual(2);
    expect(run.peakConcurrency).toBeLessThanOrEqual(ARTICLE_QUEUE.consumer.maxConcurrency);
    expect(outcomes.filter((o) => o.outcome.status === 'stored')).toHaveLength(HOSTS * PAGES_PER_HOST);
  });

  it('keeps every host polite as the origin saw it: at most two requests in flight, starts a second apart', () => {
    for (let h = 0; h < HOSTS; h++) {
      const host = `site-${h}.localhost:${server.port}`;
      expect(maxInFlight.get(host), host).toBeLessThanOrEqual(2);
      const starts = server.requests.filter((r) => r.host === host).map((r) => r.startedAt).sort((a, b) => a - b);
      expect(starts.length, host).toBeGreaterThanOrEqual(PAGES_PER_HOST);
      const gaps = starts.slice(1).map((t, i) => t - starts[i]);
      // Turns are granted 1000 ms apart; on a crowded machine one arrival may shift by a few hundred ms
      // (the origin shares this process's event loop), which the next gap gives back: the span cannot shrink.
      expect(Math.min(...gaps), host).toBeGreaterThanOrEqual(500);
      expect(starts.at(-1)! - starts[0], host).toBeGreaterThanOrEqual((starts.length - 1) * 1000 * 0.97);
    }
  });

  it('reports each batch its own failures when two batches run in one process at once', async () => {
    const processArticle = await import('../../functions/process-article/handler.ts');
    const arn = 'arn:aws:sqs:us-east-1:000000000000:articles';
    const invoke = async (messages: [url: string, messageId: string][]) => {
      const records = [];
      for (const [url, messageId] of messages) {
        const job = await claimedJob(env, url);
        records.push(sqsRecord({ MessageId: messageId, ReceiptHandle: messageId, Body: JSON.stringify(job), Attributes: { ApproximateReceiveCount: '1' } }, arn));
      }
      return processArticle.handler({ Records: records }, lambdaContext(Date.now() + 60_000));
    };
    // Hosts whose robots.txt is read and whose last turn is over a second old, so no job is handed back.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // The first batch has its failure in hand and is still waiting for its slow page when the second one
    // starts and ends.
    const first = invoke([[server.url('/outage.html', 'site-0.localhost'), 'failing-message'], [server.url('/slow.html', 'site-2.localhost'), 'slow-message']]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const second = await invoke([[server.url('/quick.html', 'site-1.localhost'), 'passing-message']]);
    expect(second.batchItemFailures).toEqual([]);
    expect((await first).batchItemFailures).toEqual([{ itemIdentifier: 'failing-message' }]);
  });
});

