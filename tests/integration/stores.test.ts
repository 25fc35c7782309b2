// The article and state stores over the real SDK, against both DynamoDB-compatible servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleStore } from '../../shared/store/article-store.ts';
import type { Page } from '../../shared/store/article-store.ts';
import { InvalidCursorError } from '../../shared/store/cursor.ts';
import type { Position } from '../../shared/store/cursor.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import type { FeedState } from '../../shared/store/state-store.ts';
import { ARTICLES_TABLE, STATE_TABLE } from '../../shared/store/definitions.ts';
import { ensureTables } from '../../cli/local/resources.ts';
import { newFeed, parseFeedsFile, syncFeedsFile } from '../../shared/pipeline/feeds-file.ts';
import { feedId } from '../../shared/store/records.ts';
import { BACKENDS, clientsFor } from '../support/dynamo-backends.ts';
import type { DynamoBackend } from '../support/dynamo-backends.ts';
import { makeRecord } from '../support/records.ts';

describe.each(BACKENDS)('stores on $name', ({ start }) => {
  let backend: DynamoBackend;
  let articles: ArticleStore;
  let state: StateStore;

  beforeAll(async () => {
    backend = await start();
    const aws = clientsFor(backend.endpoint);
    await ensureTables(aws);
    articles = new ArticleStore(aws.dynamo, ARTICLES_TABLE.localName);
    state = new StateStore(aws.dynamo, STATE_TABLE.localName);
  }, 90_000);

  afterAll(async () => {
    await backend?.stop();
  });

  describe('article records', () => {
    it('writes a record once: the same versions again change nothing', async () => {
      const record = makeRecord();
      expect(await articles.put(record)).toBe('created');
      expect(await articles.put({ ...record, title: 'changed' })).toBe('unchanged');
      expect(await articles.get(record.id)).toEqual(record);
    });

    it('replaces a record with a new version, keeping its story and dropping topics it lost', async () => {
      const range = { since: '2025-03-01T00:00:00.000Z', until: '2025-03-31T00:00:00.000Z' };
      const record = makeRecord({ publishedAt: '2025-03-10T10:00:00.000Z', duplicateOf: null, storyId: 'story-1' });
      await articles.put(record);
      const edited = {
        ...record,
        entryVersion: '2025-03-11T00:00:00Z',
        title: 'Edited',
        storyId: 'other',
        topics: [{ code: 'medtop:06000000', label: 'environment', score: 0.7 }],
      };
      expect(await articles.put(edited)).toBe('updated');
      expect(await articles.get(record.id)).toEqual({ ...edited, storyId: 'story-1' });
      expect((await articles.listByTopic('medtop:11000000', range)).items.map((r) => r.id)).not.toContain(record.id);
      expect((await articles.listByTopic('medtop:06000000', range)).items.map((r) => r.id)).toContain(record.id);
      expect(await articles.put({ ...edited, classifierVersion: 'newer' })).toBe('updated');
      expect(await articles.put({ ...edited, classifierVersion: 'newer' })).toBe('unchanged');
      // The same entry from another feed, without an updated date or with an older one, changes nothing.
      expect(await articles.put({ ...edited, classifierVersion: 'newer', entryVersion: '-' })).toBe('unchanged');
      expect(await articles.put({ ...edited, classifierVersion: 'newer', entryVersion: '2025-03-10T00:00:00Z' })).toBe('unchanged');
      expect((await articles.get(record.id))?.entryVersion).toBe('2025-03-11T00:00:00Z');
    });

    it('returns null for an id that was never stored', async () => {
      expect(await articles.get('no-such-id')).toBeNull();
    });

    it('keeps the first story decided for an article, whoever decides it, and shows it with the reserved fingerprint', async () => {
      await articles.reserveFingerprint('story-a', { words: 120 });
      expect(await articles.decideStory('story-a', 'story-b')).toBe('story-b');
      expect(await articles.decideStory('story-a', 'story-a')).toBe('story-b');
      await articles.reserveFingerprint('story-a', { words: 121 });
      expect(await articles.dedupeEntries(['story-a', 'never-seen'])).toEqual(new Map([['story-a', { fingerprint: { words: 121 }, storyId: 'story-b' }]]));
    });

    it('lists a time range newest first, page by page, with no item twice and copies left out', async () => {
      const host = `timeline-${backend.name.replace(/\W/g, '')}.example`;
      const stored = [];
      for (let day = 1; day <= 7; day++) {
        // Spread over two months so the listing has to cross a month partition.
        const publishedAt = new Date(Date.UTC(2025, 9, 26 + day * 2, 8)).toISOString();
        const record = makeRecord({ publishedAt, source: { host, name: null } });
        await articles.put(record);
        stored.push(record);
      }
      const copy = makeRecord({ publishedAt: stored[3].publishedAt, duplicateOf: stored[3].id, storyId: stored[3].id });
      await articles.put(copy);

      const range = { since: '2025-10-27T00:00:00.000Z', until: '2025-11-10T00:00:00.000Z' };
      const seen: string[] = [];
      let after: Position | null = null;
      do {
        const page: Page = await articles.listRecent({ ...range, limit: 3, after });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((item) => item.id));
        after = page.next;
      } while (after);
      const expected = [...stored].sort((a, b) => b.publishedAt!.localeCompare(a.publishedAt!)).map((r) => r.id);
      expect(seen).toEqual(expected);
    });

    it('reads a long, empty range a year of partitions at a time instead of in one unbounded call', async () => {
      const page = await articles.listRecent({ since: '2010-01-01T00:00:00.000Z', until: '2014-12-31T00:00:00.000Z' });
      expect(page.items).toEqual([]);
      expect(page.next).toEqual({ month: '2013-12' });
    });

    it('refuses a position from another listing or outside the range', async () => {
      const range = { since: '2025-01-01T00:00:00.000Z', until: '2025-12-31T00:00:00.000Z' };
      await expect(articles.listRecent({ ...range, after: { month: 'zzzz' } })).rejects.toThrow(InvalidCursorError);
      await expect(articles.listRecent({ ...range, after: { month: '2030-01' } })).rejects.toThrow(InvalidCursorError);
      await expect(articles.listRecent({ ...range, after: { month: '2025-06', key: { gsi1pk: 'TOPIC#x#2025-06' } } })).rejects.toThrow(InvalidCursorError);
    });

    it('lists by topic, by source and by story through their indexes', async () => {
      const host = `index-${backend.name.replace(/\W/g, '')}.example`;
      const sport = makeRecord({ publishedAt: '2025-06-10T10:00:00.000Z', source: { host, name: null }, topics: [{ code: 'medtop:15000000', label: 'sport', score: 0.8 }] });
      const both = makeRecord({
        publishedAt: '2025-06-11T10:00:00.000Z',
        source: { host, name: null },
        topics: [
          { code: 'medtop:15000000', label: 'sport', score: 0.7 },
          { code: 'medtop:04000000', label: 'economy, business and finance', score: 0.6 },
        ],
      });
      const copy = makeRecord({ publishedAt: '2025-06-12T10:00:00.000Z', duplicateOf: sport.id, storyId: sport.id });
      for (const record of [sport, both, copy]) await articles.put(record);
      const range = { since: '2025-06-01T00:00:00.000Z', until: '2025-06-30T00:00:00.000Z' };

      expect((await articles.listByTopic('medtop:15000000', range)).items.map((r) => r.id)).toEqual([both.id, sport.id]);
      expect((await articles.listByTopic('medtop:04000000', range)).items.map((r) => r.id)).toEqual([both.id]);
      expect((await articles.listBySource(host, range)).items.map((r) => r.id)).toEqual([both.id, sport.id]);
      expect((await articles.listStory(sport.id)).map((r) => r.id)).toEqual([sport.id, copy.id]);
    });

    it('finds near-duplicate candidates through shared band keys only', async () => {
      await articles.addBands(['b01:aaaa', 'b02:bbbb'], 'article-a');
      await articles.addBands(['b02:bbbb', 'b03:cccc'], 'article-b');
      expect((await articles.candidatesForBands(['b02:bbbb'])).sort()).toEqual(['article-a', 'article-b']);
      expect(await articles.candidatesForBands(['b03:cccc', 'b09:none'])).toEqual(['article-b']);
    });
  });

  describe('claims and feeds', () => {
    const now = new Date('2026-11-20T12:00:00.000Z');

    it('claims a URL version once; a changed entry is a new version', async () => {
      const claim = { articleId: 'claim-1', version: '-', url: 'https://news.example/1', now };
      expect(await state.claim(claim)).toBe(true);
      expect(await state.claim(claim)).toBe(false);
      expect(await state.claim({ ...claim, version: '2026-11-21T00:00:00Z' })).toBe(true);
    });

    it('counts a claim whose write was applied but whose reply was lost as its own, not as taken by another', async () => {
      const aws = clientsFor(backend.endpoint);
      // Below the SDK: the first claim write reaches the server, then the connection drops before the reply.
      const handler = aws.dynamo.config.requestHandler as { handle: (request: { body?: unknown }, options?: unknown) => Promise<{ response: { body: { resume(): void } } }> };
      const send = handler.handle.bind(handler);
      let lost = 0;
      handler.handle = async (request, options) => {
        const out = await send(request, options);
        if (lost === 0 && String(request.body).includes('CLAIM#claim-lost')) {
          lost++;
          out.response.body.resume();
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        }
        return out;
      };
      const store = new StateStore(aws.dynamo, STATE_TABLE.localName);
      const claim = { articleId: 'claim-lost', version: '-', url: 'https://news.example/lost', now };
      expect(await store.claim(claim)).toBe(true);
      expect(lost).toBe(1);
      expect(await store.claim(claim)).toBe(false);
    });

    it('lets a claim that never finished be taken again once stale, but never a finished one', async () => {
      const claim = { articleId: 'claim-2', version: '-', url: 'https://news.example/2', now };
      const later = new Date(now.getTime() + 7 * 3600 * 1000);
      expect(await state.claim(claim)).toBe(true);
      expect(await state.claim({ ...claim, now: later })).toBe(true);
      await state.finishClaim('claim-2', '-', 'done', 'stored', later);
      expect(await state.claim({ ...claim, now: new Date(later.getTime() + 7 * 3600 * 1000) })).toBe(false);
    });

    it('gives back a released claim', async () => {
      const claim = { articleId: 'claim-3', version: '-', url: 'https://news.example/3', now };
      expect(await state.claim(claim)).toBe(true);
      await state.releaseClaim('claim-3', '-');
      expect(await state.claim(claim)).toBe(true);
    });

    it('lists due feeds, skips paused ones and postpones a dispatched one', async () => {
      const feed = (id: string, nextDueAt: string, paused = false): FeedState => ({
        id, url: `https://${id}.example/feed`, title: null, origin: 'cli', addedAt: now.toISOString(), etag: null, lastModified: null, lastFetchedAt: null,
        health: { consecutiveFailures: 0, lastError: null, lastSuccessAt: null, lastAttemptAt: null, nextDueAt, paused },
      });
      expect(await state.addFeed(feed('due', '2026-11-20T11:00:00.000Z'))).toBe(true);
      expect(await state.addFeed(feed('due', '2026-11-20T11:00:00.000Z'))).toBe(false);
      await state.addFeed(feed('later', '2026-11-20T13:00:00.000Z'));
      await state.addFeed(feed('paused', '2026-11-20T10:00:00.000Z', true));

      expect((await state.dueFeeds(now)).map((f) => f.id)).toEqual(['due']);
      await state.postponeFeed('due', '2026-11-20T12:15:00.000Z');
      expect(await state.dueFeeds(now)).toEqual([]);
      expect((await state.getFeed('due'))?.health.nextDueAt).toBe('2026-11-20T12:15:00.000Z');
      expect((await state.listFeeds()).map((f) => f.id).sort()).toEqual(['due', 'later', 'paused']);
      await state.removeFeed('later');
      expect(await state.getFeed('later')).toBeNull();
    });

    it('syncs the feeds file: adds what it names, drops file feeds it no longer names, keeps hand-added ones', async () => {
      for (const feed of await state.listFeeds()) await state.removeFeed(feed.id);
      await state.addFeed(newFeed('https://by-hand.example/feed', 'cli', now));
      const first = await syncFeedsFile(state, parseFeedsFile({ feeds: [{ url: 'https://a.example/feed' }, { url: 'https://b.example/feed' }] }), now);
      expect(first).toEqual({ added: ['https://a.example/feed', 'https://b.example/feed'], removed: [], kept: 0, rulesChanged: [] });
      const second = await syncFeedsFile(state, parseFeedsFile({ feeds: [{ url: 'https://b.example/feed', title: 'B' }] }), now);
      expect(second).toEqual({ added: [], removed: ['https://a.example/feed'], kept: 1, rulesChanged: [] });
      expect((await state.listFeeds()).map((f) => f.url).sort()).toEqual(['https://b.example/feed', 'https://by-hand.example/feed']);
    });

    it('syncs the extraction rules of the feeds the file names, and stores them on the feed item', async () => {
      for (const feed of await state.listFeeds()) await state.removeFeed(feed.id);
      const rules = { content: '.entry-content', remove: ['.jp-relatedposts'], stripText: ['^Source link$'] };
      await syncFeedsFile(state, parseFeedsFile({ feeds: [{ url: 'https://wp.example/feed', ...rules }] }), now);
      expect((await state.getFeed(feedId('https://wp.example/feed')))?.rules).toEqual(rules);
      const changed = await syncFeedsFile(state, parseFeedsFile({ feeds: [{ url: 'https://wp.example/feed', remove: ['.related'] }] }), now);
      expect(changed.rulesChanged).toEqual(['https://wp.example/feed']);
      expect((await state.getFeed(feedId('https://wp.example/feed')))?.rules).toEqual({ remove: ['.related'] });
      const cleared = await syncFeedsFile(state, parseFeedsFile({ feeds: [{ url: 'https://wp.example/feed' }] }), now);
      expect(cleared.rulesChanged).toEqual(['https://wp.example/feed']);
      expect((await state.getFeed(feedId('https://wp.example/feed')))?.rules).toBeUndefined();
    });
  });
});
