import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, safeFetch } from '../fetch/index.ts';
import { TestServer } from '../../tests/support/test-server.ts';
import { nextFeedHealth, parseFeed, type FeedHealth } from './index.ts';

// The fetch-then-parse path of a feed over real sockets, as the fetch-feed function runs it.
let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.close());

const options = { allowLoopback: true, robots: false as const, hostGate: false as const, accept: 'feed' as const };

describe('fetching and parsing a feed', () => {
  it('decodes a windows-1251 feed served with only the header charset', async () => {
    const xml = '<rss version="2.0"><channel><title>Новости Байкала</title><item><title>Лёд окреп</title><link>/ru/1</link></item></channel></rss>';
    server.route('/ru.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=windows-1251' }).end(iconv.encode(xml, 'windows-1251'));
    });
    const result = await safeFetch(server.url('/ru.xml'), options);
    const feed = parseFeed(result.body, result.url, { contentType: result.contentType });
    expect(feed.title).toBe('Новости Байкала');
    expect(feed.items[0]).toMatchObject({ title: 'Лёд окреп', url: server.url('/ru/1') });
  });

  it('backs a flaky feed off while it fails and returns to the normal interval once it recovers', async () => {
    let calls = 0;
    server.route('/flaky.xml', (_req, res) => {
      calls++;
      if (calls <= 3) res.writeHead(503).end('down');
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><item><link>https://x.example/a</link></item></channel></rss>');
    });
    const interval = 15 * 60_000;
    let clock = new Date('2026-11-27T06:00:00Z');
    let health: FeedHealth | undefined;
    const waits: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const result = await safeFetch(server.url('/flaky.xml'), options);
        parseFeed(result.body, result.url);
        health = nextFeedHealth(health, { ok: true }, clock, interval, { random: () => 0.5 });
      } catch (error) {
        expect(error).toBeInstanceOf(FetchError);
        expect((error as FetchError).retryable).toBe(true);
        health = nextFeedHealth(health, { ok: false, error: (error as FetchError).code }, clock, interval, { random: () => 0.5 });
      }
      const next = new Date(health.nextDueAt);
      waits.push((next.getTime() - clock.getTime()) / 60_000);
      clock = next;
    }
    // 3 failures: 15*0.75, 30*0.75, 60*0.75 minutes; then the regular interval.
    expect(waits).toEqual([11.25, 22.5, 45, 15, 15]);
    expect(health).toMatchObject({ consecutiveFailures: 0, lastError: null, paused: false });
  });
});
