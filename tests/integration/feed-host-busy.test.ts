// A feed whose host has no turn for it yet (our own politeness gate: the host's articles hold its slot), against the local servers: that is not the feed failing, so it neither counts towards
// pausing the feed nor backs it off; the feed is due again at the host's next turn. (Counted as failures,
// ten such reads in a row paused feeds for a day in the reliability suite, and their articles were never read.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { ingestFeedDeps } from '../../shared/pipeline/dependencies.ts';
import { ingestFeed } from '../../shared/pipeline/ingest-feed.ts';
import { newFeed } from '../../shared/pipeline/feeds-file.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import { TestServer, respond } from '../support/test-server.ts';

let env: LocalEnvironment;
let server: TestServer;
/** Requests the server holds unanswered: they keep the host's slot taken. */
const held: { end: (body: string) => void }[] = [];

beforeAll(async () => {
  server = await TestServer.start();
  server.route('/feed.xml', respond(200, '<?xml version="1.0"?><rss version="2.0"><channel><title>Busy</title></channel></rss>', { 'content-type': 'application/rss+xml' }));
  server.route('/slow.html', (_req, res) => void held.push(res));
  env = await openLocalEnvironment({ settings: { SYNDIC_ALLOW_LOOPBACK: 'true', SYNDIC_FETCH_TIMEOUT_MS: '60000', SYNDIC_HOST_MAX_CONCURRENT: '1', POWERTOOLS_LOG_LEVEL: 'ERROR' } });
}, 60_000);

afterAll(async () => {
  for (const res of held) res.end('');
  await env?.close();
  await server?.close();
});

describe('a feed read that finds its host busy', () => {
  it("is put off until the host's next turn without counting towards pausing the feed", async () => {
    const state = new StateStore(env.aws.dynamo, env.config.stateTable);
    const feed = newFeed(server.url('/feed.xml', 'busy-feeds.localhost'), 'cli', new Date());
    feed.health.consecutiveFailures = 9; // one short of the pause
    await state.addFeed(feed);
    const deps = ingestFeedDeps(env.config, env.aws);
    // A page of the same host is being fetched and the site is slow: the host's one slot is taken.
    const page = deps.fetch(server.url('/slow.html', 'busy-feeds.localhost'), { accept: 'html' }).catch(() => null);
    while (held.length < 1) await new Promise((resolve) => setTimeout(resolve, 50));

    const outcome = await ingestFeed(deps, { feedId: feed.id, url: feed.url });
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(/^HOST_BUSY/) });
    const health = (await state.getFeed(feed.id))!.health;
    expect(health).toMatchObject({ consecutiveFailures: 9, paused: false, lastError: null });
    expect(Date.parse(health.nextDueAt)).toBeGreaterThan(Date.now());
    for (const res of held) res.end('');
    await page;
  }, 60_000);
});
