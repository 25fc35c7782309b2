// A function that dies between two steps of the feed path, against the local servers: the dispatcher
// between finding a feed due and sending its job, fetch-feed between claiming a feed's URLs and sending
// their article jobs. A crash is an SQS request that never gets an answer (nothing after it runs, not
// even a catch block); the next tick, or SQS's redelivery of the same feed message, must pick the work up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { HttpHandlerOptions } from '@smithy/types';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { dispatchDeps, ingestFeedDeps } from '../../shared/pipeline/dependencies.ts';
import { dispatchDueFeeds } from '../../shared/pipeline/dispatch-feeds.ts';
import { ingestFeed } from '../../shared/pipeline/ingest-feed.ts';
import { newFeed } from '../../shared/pipeline/feeds-file.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import { TestServer, respond } from '../support/test-server.ts';

const ENTRIES = 12;

let env: LocalEnvironment;
let server: TestServer;
let state: StateStore;

/** SQS as seen by a function killed while its request is on the wire: the request is sent, no answer comes. */
function dyingSqs(): { sqs: SQSClient; sending: Promise<void> } {
  let reached!: () => void;
  const sending = new Promise<void>((resolve) => (reached = resolve));
  const requestHandler = {
    handle: (_request: unknown, _options?: HttpHandlerOptions) => {
      reached();
      return new Promise<never>(() => {});
    },
  };
  return { sqs: new SQSClient({ endpoint: env.env.AWS_ENDPOINT_URL_SQS, requestHandler }), sending };
}

/** The article jobs on the queue, once `count` have arrived (they are sent with their host's turns as delays). */
async function articleJobUrls(count: number): Promise<string[]> {
  const urls: string[] = [];
  const giveUpAt = Date.now() + 45_000;
  while (urls.length < count && Date.now() < giveUpAt) {
    const { Messages = [] } = await env.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: env.config.articleQueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }));
    urls.push(...Messages.map((m) => JSON.parse(m.Body!).url as string));
    if (Messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return urls.sort();
}

beforeAll(async () => {
  server = await TestServer.start();
  const items = Array.from({ length: ENTRIES }, (_, i) => `<item><title>Story ${i}</title><link>http://news-${i % 3}.localhost/story/${i}</link></item>`).join('');
  server.route('/feed.xml', respond(200, `<?xml version="1.0"?><rss version="2.0"><channel><title>Crash feed</title>${items}</channel></rss>`, { 'content-type': 'application/rss+xml' }));
  env = await openLocalEnvironment({ settings: { SYNDIC_ALLOW_LOOPBACK: 'true', POWERTOOLS_LOG_LEVEL: 'WARN' } });
  state = new StateStore(env.aws.dynamo, env.config.stateTable);
}, 60_000);

afterAll(async () => {
  await env?.close();
  await server?.close();
});

describe('a crash in the feed path loses no work', () => {
  it('dispatch-feeds: a feed whose job was never sent is still due at the next tick', async () => {
    const now = new Date();
    await state.addFeed(newFeed(server.url('/feed.xml'), 'cli', now));
    const dying = dyingSqs();
    void dispatchDueFeeds({ ...dispatchDeps(env.config, { ...env.aws, sqs: dying.sqs }), now: () => now });
    await dying.sending;

    const next = await dispatchDueFeeds({ ...dispatchDeps(env.config, env.aws), now: () => now });
    expect(next.dispatched).toBe(1);
    // Sent once, then postponed: a third tick at the same moment sends nothing more.
    expect((await dispatchDueFeeds({ ...dispatchDeps(env.config, env.aws), now: () => now })).dispatched).toBe(0);
  }, 60_000);

  it('fetch-feed: the redelivered feed message sends the jobs for the URLs its dead delivery claimed', async () => {
    const feed = newFeed(server.url('/feed.xml'), 'cli', new Date());
    await state.addFeed(feed);
    const job = { feedId: feed.id, url: feed.url };
    const dying = dyingSqs();
    void ingestFeed(ingestFeedDeps(env.config, { ...env.aws, sqs: dying.sqs }), job, 'feed-message-1');
    await dying.sending; // every URL is claimed by now: the jobs are being sent

    // Another feed message for the feed (a later tick) finds the URLs taken: no second job for any of them.
    const other = await ingestFeed(ingestFeedDeps(env.config, env.aws), job, 'feed-message-2');
    expect(other).toMatchObject({ status: 'fetched', items: ENTRIES, enqueued: 0 });

    const redelivered = await ingestFeed(ingestFeedDeps(env.config, env.aws), job, 'feed-message-1');
    expect(redelivered).toMatchObject({ status: 'fetched', items: ENTRIES, enqueued: ENTRIES });
    const expected = Array.from({ length: ENTRIES }, (_, i) => `http://news-${i % 3}.localhost/story/${i}`).sort();
    expect(await articleJobUrls(ENTRIES)).toEqual(expected);
  }, 60_000);
});
