// A job handed back to wait for its site is sent as a new message before the old one is deleted. When that
// delete fails (or the worker is killed, or the visibility runs out in between) the job exists twice. Over
// the real SDK against the local servers: the claim names the live copy, so the old one is dropped as a
// duplicate and the article ends as one dead letter, not two.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PurgeQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { articleJobDeps, deadLetters } from '../../shared/pipeline/dependencies.ts';
import { handleArticleMessage } from '../../shared/pipeline/article-job.ts';
import { canonicalizeUrl } from '../../shared/feeds/index.ts';
import { articleId } from '../../shared/store/records.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import type { ArticleJob } from '../../shared/store/jobs.ts';
import { TestServer } from '../support/test-server.ts';

let env: LocalEnvironment;
let server: TestServer;

beforeAll(async () => {
  server = await TestServer.start();
  let requests = 0;
  // First a 429 with Retry-After (the job is handed back), then a page that is gone for good. A short
  // host delay, so that the two copies fetch one after the other without waiting.
  server.route('/gone.html', (_req, res) => {
    if (requests++ === 0) return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down');
    res.writeHead(404, { 'content-type': 'text/plain' }).end('gone');
  });
  // The other way round: gone first, then (were it asked again) a request to come back later.
  let asked = 0;
  server.route('/gone-then-busy.html', (_req, res) => {
    if (asked++ === 0) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('gone');
    res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('slow down');
  });
  env = await openLocalEnvironment({ settings: { SYNDIC_ALLOW_LOOPBACK: 'true', SYNDIC_HOST_MIN_DELAY_MS: '50', POWERTOOLS_LOG_LEVEL: 'ERROR' } });
}, 60_000);

beforeEach(async () => {
  for (const url of [env.config.articleQueueUrl, env.config.articleDlqUrl]) await env.aws.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
});

afterAll(async () => {
  await env?.close();
  await server?.close();
});

describe('a job handed back whose old message comes back too', () => {
  it('drops the old copy as superseded and dead-letters the article once', async () => {
    const url = canonicalizeUrl(server.url('/gone.html', 'forked.localhost'));
    const job: ArticleJob = { url, canonicalUrl: url, articleId: articleId(url), version: '-', feed: null, entry: { title: null, publishedAt: null, updatedAt: null, authors: [] } };
    const state = new StateStore(env.aws.dynamo, env.config.stateTable);
    expect(await state.claim({ articleId: job.articleId, version: '-', url, now: new Date() })).toBe(true);
    const deps = articleJobDeps(env.config, env.aws, null);
    const body = JSON.stringify(job);

    expect(await handleArticleMessage(deps, body, 1, { firstFailureAt: new Date().toISOString(), messageId: 'old' })).toMatchObject({ status: 'handed-back' });
    const { Messages = [] } = await env.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: env.config.articleQueueUrl, WaitTimeSeconds: 5, VisibilityTimeout: 30 }));
    expect(Messages).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the site's Retry-After

    // The old message's delete failed: SQS delivers it again, beside its handed-back copy.
    expect(await handleArticleMessage(deps, body, 2, { firstFailureAt: new Date().toISOString(), messageId: 'old' })).toEqual({ status: 'superseded', url });
    expect(await handleArticleMessage(deps, Messages[0].Body!, 1, { firstFailureAt: new Date().toISOString(), messageId: 'new' })).toMatchObject({ status: 'dead-lettered', code: 'HTTP_STATUS' });

    const letters = await deadLetters(env.config, env.aws, { moveTask: false, waitSeconds: 0 }).list();
    expect(letters.map((letter) => letter.url)).toEqual([url]);
    expect(await state.claimStatus(job.articleId, '-')).toMatchObject({ status: 'failed', failedBy: 'new' });
  });

  it('does not run a dead-lettered message delivered again, so it is never handed back to fail a second time', async () => {
    const url = canonicalizeUrl(server.url('/gone-then-busy.html', 'forked.localhost'));
    const job: ArticleJob = { url, canonicalUrl: url, articleId: articleId(url), version: '-', feed: null, entry: { title: null, publishedAt: null, updatedAt: null, authors: [] } };
    const state = new StateStore(env.aws.dynamo, env.config.stateTable);
    expect(await state.claim({ articleId: job.articleId, version: '-', url, now: new Date() })).toBe(true);
    const deps = articleJobDeps(env.config, env.aws, null);
    const body = JSON.stringify(job);

    expect(await handleArticleMessage(deps, body, 1, { firstFailureAt: new Date().toISOString(), messageId: 'once' })).toMatchObject({ status: 'dead-lettered', code: 'HTTP_STATUS' });
    // Its delete failed: the same message comes back while the site would now ask to wait.
    expect(await handleArticleMessage(deps, body, 2, { firstFailureAt: new Date().toISOString(), messageId: 'once' })).toEqual({ status: 'superseded', url });
    const { Messages = [] } = await env.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: env.config.articleQueueUrl, WaitTimeSeconds: 2 }));
    expect(Messages).toEqual([]);
  });
});
