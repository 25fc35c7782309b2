// Dead letters a user can act on, over the real SDK against the local SQS server (fauxqs): the ones a
// handler sent with its reason, and the ones SQS moved by itself after a crash (no reason at all).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PurgeQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { main } from '../../cli/main.ts';
import { articleJobDeps, deadLetters } from '../../shared/pipeline/dependencies.ts';
import { handleArticleMessage } from '../../shared/pipeline/article-job.ts';
import { NO_REASON } from '../../shared/store/dead-letters.ts';
import type { DeadLetters } from '../../shared/store/dead-letters.ts';
import { ARTICLE_QUEUE } from '../../shared/store/definitions.ts';
import { articleId } from '../../shared/store/records.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import type { ArticleJob } from '../../shared/store/jobs.ts';

let env: LocalEnvironment;
let letters: DeadLetters;

// An address the fetcher refuses (loopback is off here): a permanent failure, dead-lettered at once.
const BLOCKED = 'http://127.0.0.1:9/news/story.html';

function job(url: string): ArticleJob {
  return { url, canonicalUrl: url, articleId: articleId(url), version: '-', feed: null, entry: { title: null, publishedAt: null, updatedAt: null, authors: [] } };
}

/** What SQS does to a message whose function crashed on every receive: it moves it to the DLQ by itself. */
async function crashUntilMovedBySqs(body: string): Promise<void> {
  const sqs = env.aws.sqs;
  await sqs.send(new SendMessageCommand({ QueueUrl: env.config.articleQueueUrl, MessageBody: body }));
  for (let receive = 0; receive <= ARTICLE_QUEUE.maxReceiveCount; receive++) {
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: env.config.articleQueueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 0 }));
  }
}

async function queueBodies(url: string): Promise<string[]> {
  const { Messages = [] } = await env.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0, WaitTimeSeconds: 0 }));
  return Messages.map((message) => message.Body!);
}

beforeAll(async () => {
  env = await openLocalEnvironment();
  letters = deadLetters(env.config, env.aws, { moveTask: false, waitSeconds: 0 });
}, 60_000);

afterAll(async () => {
  await env?.close();
});

beforeEach(async () => {
  for (const url of [env.config.articleQueueUrl, env.config.articleDlqUrl, env.config.feedDlqUrl!]) {
    await env.aws.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
  }
});

describe('syndic dlq over the local SQS server', () => {
  it('lists a handler dead letter with its reason, code, attempts, URL and failure times, and one SQS moved as NO_REASON', async () => {
    const deps = articleJobDeps(env.config, env.aws, null);
    const outcome = await handleArticleMessage(deps, JSON.stringify(job(BLOCKED)), 1, { firstFailureAt: '2026-12-01T10:00:00.000Z' });
    expect(outcome).toMatchObject({ status: 'dead-lettered', code: 'BLOCKED_ADDRESS' });
    const crashed = job('https://example.com/crashed.html');
    await crashUntilMovedBySqs(JSON.stringify(crashed));

    const entries = await letters.list();
    expect(entries).toHaveLength(2);
    const blocked = entries.find((entry) => entry.url === BLOCKED)!;
    expect(blocked).toMatchObject({ queue: 'articles', errorCode: 'BLOCKED_ADDRESS', attempts: 1, firstFailureAt: '2026-12-01T10:00:00.000Z' });
    expect(blocked.reason).toMatch(/^BLOCKED_ADDRESS: /);
    expect(Date.parse(blocked.lastFailureAt!)).toBeGreaterThan(Date.parse(blocked.firstFailureAt!));
    const moved = entries.find((entry) => entry.url === crashed.url)!;
    expect(moved).toMatchObject({ queue: 'articles', errorCode: NO_REASON, attempts: ARTICLE_QUEUE.maxReceiveCount, lastFailureAt: null });
    expect(moved.reason).toMatch(/crashed or timed out/);
    expect(moved.firstFailureAt).not.toBeNull();

    // Listing consumes nothing: both are still there, and a second listing sees the same.
    expect((await letters.list()).map((entry) => entry.messageId).sort()).toEqual(entries.map((entry) => entry.messageId).sort());
    expect(await letters.summarize()).toEqual([
      { errorCode: 'BLOCKED_ADDRESS', count: 1, queues: ['articles'] },
      { errorCode: NO_REASON, count: 1, queues: ['articles'] },
    ]);
  });

  it('dead-letters a message once however often it is redelivered, and a redriven copy of it again', async () => {
    const deps = articleJobDeps(env.config, env.aws, null);
    const body = JSON.stringify(job(BLOCKED));
    // The first receive dead-letters it; its delete fails, so SQS hands the same message over again.
    await handleArticleMessage(deps, body, 1, { firstFailureAt: '2026-12-01T10:00:00.000Z', messageId: 'message-1' });
    await handleArticleMessage(deps, body, 2, { firstFailureAt: '2026-12-01T10:00:00.000Z', messageId: 'message-1' });
    expect((await letters.list()).map((entry) => entry.url)).toEqual([BLOCKED]);
    // A redrive sends a new message: if it fails again, that is a new dead letter.
    await letters.redrive();
    await handleArticleMessage(deps, body, 1, { firstFailureAt: '2026-12-01T10:00:00.000Z', messageId: 'message-2' });
    expect((await letters.list()).map((entry) => entry.url)).toEqual([BLOCKED]);
  });

  it('redrives only the messages of the reason asked for, then the rest', async () => {
    const deps = articleJobDeps(env.config, env.aws, null);
    await handleArticleMessage(deps, JSON.stringify(job(BLOCKED)), 1);
    await handleArticleMessage(deps, 'not a job', 1);
    const crashed = job('https://example.com/crashed.html');
    await crashUntilMovedBySqs(JSON.stringify(crashed));

    expect(await letters.redrive({ reason: NO_REASON })).toEqual({ moved: 1, moveTasks: [] });
    expect(await queueBodies(env.config.articleQueueUrl)).toEqual([JSON.stringify(crashed)]);
    expect((await letters.list()).map((entry) => entry.errorCode).sort()).toEqual(['BLOCKED_ADDRESS', 'INVALID_JOB']);

    expect(await letters.redrive()).toEqual({ moved: 2, moveTasks: [] });
    expect(await letters.list()).toEqual([]);
  });

  it('finishes the claim of a message SQS moved by itself once it is redriven and processed', async () => {
    const state = new StateStore(env.aws.dynamo, env.config.stateTable);
    const blocked = job(BLOCKED.replace('story', 'claimed'));
    const now = new Date();
    expect(await state.claim({ articleId: blocked.articleId, version: blocked.version, url: blocked.url, now })).toBe(true);
    await crashUntilMovedBySqs(JSON.stringify(blocked));
    // Left in progress by the crash: nobody else may take it before its lease runs out...
    expect(await state.claim({ articleId: blocked.articleId, version: blocked.version, url: blocked.url, now: new Date(now.getTime() + 3600_000) })).toBe(false);

    await letters.redrive({ reason: NO_REASON });
    const [body] = await queueBodies(env.config.articleQueueUrl);
    const outcome = await handleArticleMessage(articleJobDeps(env.config, env.aws, null), body, 1);
    expect(outcome).toMatchObject({ status: 'dead-lettered', code: 'BLOCKED_ADDRESS' });
    // ...and the redriven run gave it its typed reason and finished the claim.
    expect((await letters.list()).map((entry) => [entry.errorCode, entry.url])).toEqual([['BLOCKED_ADDRESS', blocked.url]]);
    expect(await state.claimStatus(blocked.articleId, blocked.version)).toMatchObject({ status: 'failed' });
  });

  it('lets a claim left in progress by a crash be taken again once its lease has run out', async () => {
    const state = new StateStore(env.aws.dynamo, env.config.stateTable);
    const url = 'https://example.com/lease.html';
    const claimedAt = new Date('2026-12-01T00:00:00Z');
    expect(await state.claim({ articleId: articleId(url), version: '-', url, now: claimedAt })).toBe(true);
    expect(await state.claimStatus(articleId(url), '-')).toMatchObject({ status: 'in-progress' });
    const later = (ms: number) => new Date(claimedAt.getTime() + ms);
    expect(await state.claim({ articleId: articleId(url), version: '-', url, now: later(StateStore.CLAIM_LEASE_MS - 1000) })).toBe(false);
    expect(await state.claim({ articleId: articleId(url), version: '-', url, now: later(StateStore.CLAIM_LEASE_MS + 1000) })).toBe(true);
  });
});

describe('the syndic dlq command, locally', () => {
  let dataDir: string;
  const saved = process.env.SYNDIC_DATA_DIR;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'syndic-dlq-'));
    // A local run that leaves one dead letter of each kind behind (the local data keeps them).
    const run = await openLocalEnvironment({ dataDir });
    try {
      await run.aws.sqs.send(new SendMessageCommand({ QueueUrl: run.config.feedQueueUrl, MessageBody: JSON.stringify({ feedId: 'f', url: 'https://example.com/feed.xml' }) }));
      for (let receive = 0; receive <= 3; receive++) {
        await run.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: run.config.feedQueueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 0 }));
      }
      await handleArticleMessage(articleJobDeps(run.config, run.aws, null), JSON.stringify(job(BLOCKED)), 2);
    } finally {
      await run.close();
    }
    process.env.SYNDIC_DATA_DIR = dataDir;
  }, 60_000);

  afterAll(() => {
    if (saved === undefined) delete process.env.SYNDIC_DATA_DIR;
    else process.env.SYNDIC_DATA_DIR = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function run(...argv: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      return { code: await main(argv), out: lines.join('\n') };
    } finally {
      log.mockRestore();
    }
  }

  it('lists what an earlier run left, redrives by reason, and keeps the rest', async () => {
    const listed = await run('dlq', 'list', '--json');
    expect(listed.code).toBe(0);
    const { byReason, entries } = JSON.parse(listed.out);
    expect(byReason).toEqual([
      { errorCode: 'BLOCKED_ADDRESS', count: 1, queues: ['articles'] },
      { errorCode: NO_REASON, count: 1, queues: ['feeds'] },
    ]);
    expect(entries.map((e: { url: string }) => e.url).sort()).toEqual([BLOCKED, 'https://example.com/feed.xml']);

    expect((await run('dlq', 'redrive', '--reason', NO_REASON)).out).toBe(`moved 1 message(s) back to their queue (reason ${NO_REASON})`);
    const after = await run('dlq', 'list');
    expect(after.out).toMatch(/^BLOCKED_ADDRESS: 1\n/);
    expect(after.out).toContain(BLOCKED);
    expect(after.out).not.toContain('feed.xml');

    // What was redriven waits in its queue for the next local run.
    const next = await openLocalEnvironment({ dataDir });
    try {
      const { Messages = [] } = await next.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: next.config.feedQueueUrl, WaitTimeSeconds: 0 }));
      expect(Messages.map((message) => JSON.parse(message.Body!).url)).toEqual(['https://example.com/feed.xml']);
    } finally {
      await next.close();
    }
  }, 60_000);

  it('rejects an unknown action or queue as a usage error', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['dlq', 'purge'])).toBe(2);
      expect(await main(['dlq', 'list', '--queue', 'nope'])).toBe(2);
    } finally {
      error.mockRestore();
    }
  });
});
