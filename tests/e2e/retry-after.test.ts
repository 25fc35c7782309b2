// A site that answers 429 with Retry-After, more times than SQS allows receives, through the real
// process-article handler and the local event source: the job waits in the queue for as long as the site
// asks each time, spends no delivery attempt on it, and is stored once the site answers; the site never
// sees a request before its Retry-After has passed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import type { DrainResult } from '../../cli/local/event-source.ts';
import { ARTICLE_QUEUE } from '../../shared/store/definitions.ts';
import { TestServer } from '../support/test-server.ts';
import { enqueueArticles, processArticleQueue } from '../support/article-queue.ts';
import type { ArticleOutcomeEvent } from '../support/article-queue.ts';

/** More refusals than a message has receives (3): attempts spent on them would dead-letter the job. */
const REFUSALS = ARTICLE_QUEUE.maxReceiveCount + 1;
const RETRY_AFTER_SECONDS = 2;
const PAGE = `<!doctype html><html lang="en"><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>${'<p>The harbour council voted to reopen the old ferry pier after a long repair, and the first boats are due on Monday morning with a full timetable.</p>'.repeat(6)}</article></body></html>`;

let env: LocalEnvironment;
let server: TestServer;
let outcomes: ArticleOutcomeEvent[];
let run: DrainResult;

beforeAll(async () => {
  server = await TestServer.start();
  let refused = 0;
  server.route('/story.html', (_req, res) => {
    if (refused++ < REFUSALS) return void res.writeHead(429, { 'retry-after': String(RETRY_AFTER_SECONDS), 'content-type': 'text/plain' }).end('slow down');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  // Failed receives come back after 360 s x 0.005 = 2 s: quick, but never at once.
  env = await openLocalEnvironment({ settings: { SYNDIC_ALLOW_LOOPBACK: 'true', SYNDIC_LOCAL_QUEUE_TIME_SCALE: '0.005', POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  await enqueueArticles(env, [server.url('/story.html', 'limited.localhost')]);
  ({ run, outcomes } = await processArticleQueue(env));
}, 120_000);

afterAll(async () => {
  await env?.close();
  await server?.close();
});

describe('a site that asks for time with 429 and Retry-After', () => {
  it('is waited for in the queue and its article stored, with no attempt spent and nothing dead-lettered', async () => {
    // One hand-back per refusal, and maybe one more when the job comes back a moment before the gate's turn.
    const statuses = outcomes.map((o) => o.outcome.status);
    expect(statuses.at(-1)).toBe('stored');
    expect(statuses.slice(0, -1).every((status) => status === 'handed-back')).toBe(true);
    expect(statuses.length - 1).toBeGreaterThanOrEqual(REFUSALS);
    expect(outcomes.map((o) => o.attempt)).toEqual(outcomes.map(() => 1));
    expect(run.failed).toBe(0);
    const { Messages = [] } = await env.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: env.config.articleDlqUrl, MaxNumberOfMessages: 10 }));
    expect(Messages).toEqual([]);
  });

  it('asks the site again only after its Retry-After, as the site measures it', () => {
    const page = server.requests.filter((r) => r.path === '/story.html').map((r) => r.startedAt);
    expect(page).toHaveLength(REFUSALS + 1);
    const gaps = page.slice(1).map((t, i) => t - page[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000);
  });
});
