// The data commands against a deployed stack found by name (the local servers behind the control-plane
// stub): what each one changes is read back from the tables and queues themselves.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { main } from '../main.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import { startSampleServer } from '../local/sample-server.ts';
import type { SampleServer } from '../local/sample-server.ts';
import { startLocalStack } from '../../tests/support/local-stack.ts';
import type { LocalStack } from '../../tests/support/local-stack.ts';

let stack: LocalStack;
let samples: SampleServer;
let state: StateStore;

async function syndic(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  try {
    return { code: await main(argv), out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

async function waiting(queueUrl: string): Promise<number> {
  const { Attributes } = await stack.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes?.ApproximateNumberOfMessages);
}

beforeAll(async () => {
  stack = await startLocalStack();
  samples = await startSampleServer({ port: 0 });
  // The sample sites live on 127.0.0.1, which the fetcher refuses unless told otherwise.
  Object.assign(process.env, stack.env, { SYNDIC_ALLOW_LOOPBACK: 'true' });
  state = new StateStore(stack.aws.dynamo, stack.settings.SYNDIC_STATE_TABLE);
});
afterAll(async () => {
  await samples.stop();
  await stack.stop();
});

describe('feeds --aws', () => {
  it('sync adds the feeds a file lists, and prints the result as JSON', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'syndic-feeds-')), 'feeds.json');
    writeFileSync(file, JSON.stringify({ feeds: samples.manifest.feeds.slice(0, 2).map(({ url, title }) => ({ url, title })) }));
    const { code, out } = await syndic('feeds', 'sync', file, '--aws', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out[0])).toEqual({ added: samples.manifest.feeds.slice(0, 2).map((feed) => feed.url), removed: [], kept: 0, rulesChanged: [] });
    expect((await state.listFeeds()).map((feed) => feed.url).sort()).toEqual(samples.manifest.feeds.slice(0, 2).map((feed) => feed.url).sort());
  });

  it('add finds the feed of a site from its home page; remove takes it away', async () => {
    const site = new URL(samples.manifest.feeds[2].url).origin + '/';
    expect((await syndic('feeds', 'add', site, '--aws')).out).toEqual([`added ${samples.manifest.feeds[2].url}`]);
    expect((await state.listFeeds()).map((feed) => feed.url)).toContain(samples.manifest.feeds[2].url);
    const again = await syndic('feeds', 'add', site, '--aws');
    expect(again).toMatchObject({ code: 2, err: [`syndic feeds: already a feed: ${samples.manifest.feeds[2].url}`] });
    expect((await syndic('feeds', 'remove', samples.manifest.feeds[2].url, '--aws')).code).toBe(0);
    expect((await state.listFeeds()).map((feed) => feed.url)).not.toContain(samples.manifest.feeds[2].url);
  });

  it('list --json shows each feed with its health', async () => {
    const { code, out } = await syndic('feeds', 'list', '--aws', '--json');
    expect(code).toBe(0);
    expect((JSON.parse(out.join('\n')) as { url: string; health: object }[]).map((feed) => feed.url)).toHaveLength(2);
  });
});

describe('ingest --aws', () => {
  it('queues an article page on the article queue and a feed on the feed queue', async () => {
    const article = samples.manifest.articles[0].url;
    const { code, out } = await syndic('ingest', '--aws', article, samples.manifest.feeds[3].url);
    expect(out).toEqual(['queued 1 feed(s) and 1 article(s)']);
    expect(code).toBe(0);
    expect(await waiting(stack.settings.SYNDIC_ARTICLE_QUEUE_URL)).toBe(1);
    expect(await waiting(stack.settings.SYNDIC_FEED_QUEUE_URL)).toBe(1);
    // The URL is claimed: a second ingest of the same page queues nothing.
    expect((await syndic('ingest', '--aws', article)).out).toEqual(['queued 0 feed(s) and 0 article(s)']);
  });
});

describe('reprocess --aws', () => {
  it("starts the stack's state machine over the raw keys of the range", async () => {
    const { code, out } = await syndic('reprocess', '--aws', '--since', '2026-11-01', '--until', '2026-11-20', '--source', 'example.com', '--dry-run');
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^started arn:aws:states:us-east-1:000000000000:execution:Reprocess:/);
    const start = stack.controlPlane.calls.find((call) => call.startsWith('StartExecution '))!;
    expect(JSON.parse(start.slice('StartExecution '.length))).toEqual({
      prefix: 'raw/2026-11-', since: '2026-11-01T00:00:00.000Z', until: '2026-11-20T00:00:00.000Z', source: 'example.com', dryRun: true,
    });
  });
});
