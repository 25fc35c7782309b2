// The counters ArticleStore.put keeps (article-counts.ts), read through the query library, over the real
// SDK against both DynamoDB-compatible servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleStore } from '../../shared/store/article-store.ts';
import { QueryError, countByDay, countCopies } from '../../shared/store/article-query.ts';
import { ARTICLES_TABLE } from '../../shared/store/definitions.ts';
import { ensureTables } from '../../cli/local/resources.ts';
import { BACKENDS, clientsFor } from '../support/dynamo-backends.ts';
import type { DynamoBackend } from '../support/dynamo-backends.ts';
import { makeRecord } from '../support/records.ts';

describe.each(BACKENDS)('article counters on $name', ({ start }) => {
  let backend: DynamoBackend;
  let articles: ArticleStore;

  beforeAll(async () => {
    backend = await start();
    const aws = clientsFor(backend.endpoint);
    await ensureTables(aws);
    articles = new ArticleStore(aws.dynamo, ARTICLES_TABLE.localName);
  }, 90_000);

  afterAll(async () => {
    await backend?.stop();
  });

  it('counts each original once, on its listing day and hour, by its first topic', async () => {
    const politics = makeRecord({ publishedAt: '2024-02-03T09:15:00.000Z' });
    const sport = makeRecord({ publishedAt: '2024-02-03T23:59:00.000Z', topics: [{ code: 'medtop:15000000', label: 'sport', score: 0.8 }, { code: 'medtop:11000000', label: 'politics', score: 0.5 }] });
    const untopical = makeRecord({ publishedAt: null, fetchedAt: '2024-02-04T00:30:00.000Z', topics: [] });
    for (const record of [politics, sport, untopical]) await articles.put(record);
    // Stored again, and replaced by a newer build: neither is a new article.
    await articles.put(politics);
    await articles.put({ ...sport, classifierVersion: 'newer', topics: [{ code: 'medtop:06000000', label: 'environment', score: 0.7 }] });

    const [empty, third, fourth] = await countByDay(articles, ['2024-02-02', '2024-02-03', '2024-02-04']);
    expect(empty).toEqual({ day: '2024-02-02', total: 0, hours: Array(24).fill(0), topics: {} });
    expect([third.total, third.hours[9], third.hours[23], third.topics]).toEqual([2, 1, 1, { 'medtop:11000000': 1, 'medtop:15000000': 1 }]);
    expect([fourth.total, fourth.hours[0], fourth.topics]).toEqual([1, 1, { none: 1 }]);
  });

  it('counts a story\'s copies and their sites; copies add nothing to the day counts', async () => {
    const original = makeRecord({ publishedAt: '2024-03-01T10:00:00.000Z', source: { host: 'first.example', name: null } });
    const copy = (host: string) => makeRecord({ publishedAt: '2024-03-01T11:00:00.000Z', duplicateOf: original.id, storyId: original.id, source: { host, name: null } });
    const copies = [copy('b.example'), copy('a.example'), copy('b.example')];
    for (const record of [original, ...copies, copies[0]]) await articles.put(record);

    expect(await countCopies(articles, [original.id, 'no-such-story'])).toEqual([
      { storyId: original.id, copies: 3, sites: ['a.example', 'b.example'] },
      { storyId: 'no-such-story', copies: 0, sites: [] },
    ]);
    expect((await countByDay(articles, ['2024-03-01']))[0].total).toBe(1);
  });

  it('refuses what is not a day, and more than it reads at once', async () => {
    await expect(countByDay(articles, ['2024-3-1'])).rejects.toThrow(QueryError);
    await expect(countCopies(articles, Array.from({ length: 401 }, (_, i) => `s${i}`))).rejects.toThrow(/at most 400/);
  });
});
