// The query API handler over its real dependencies (local servers), called with function-URL events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { ArticleStore } from '../../shared/store/article-store.ts';
import { makeRecord } from '../support/records.ts';

let env: LocalEnvironment;
let handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
const politics = makeRecord({ publishedAt: '2026-11-20T10:00:00.000Z', source: { host: 'a.example', name: null } });
const sport = makeRecord({
  publishedAt: '2026-11-21T10:00:00.000Z',
  source: { host: 'b.example', name: null },
  topics: [{ code: 'medtop:15000000', label: 'sport', score: 0.9 }],
});
const copy = makeRecord({ publishedAt: '2026-11-22T10:00:00.000Z', duplicateOf: politics.id, storyId: politics.id });

beforeAll(async () => {
  env = await openLocalEnvironment();
  const store = new ArticleStore(env.aws.dynamo, env.config.articlesTable);
  for (const record of [politics, sport, copy]) await store.put(record);
  ({ handler } = await import('../../functions/query-api/handler.ts'));
}, 60_000);

afterAll(async () => {
  await env?.close();
});

function get(path: string, query: Record<string, string> = {}, method = 'GET'): Promise<APIGatewayProxyStructuredResultV2> {
  return handler({
    rawPath: path,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    requestContext: { http: { method } },
  } as unknown as APIGatewayProxyEventV2);
}

const body = (result: APIGatewayProxyStructuredResultV2) => JSON.parse(String(result.body));
const range = { since: '2026-11-01T00:00:00Z', until: '2026-11-30T00:00:00Z' };

describe('query API', () => {
  it('lists articles newest first, one entry per story', async () => {
    const result = await get('/articles', range);
    expect(result.statusCode).toBe(200);
    expect(body(result).items.map((r: { id: string }) => r.id)).toEqual([sport.id, politics.id]);
  });

  it('filters by topic and by source', async () => {
    expect(body(await get('/articles', { ...range, topic: 'medtop:15000000' })).items.map((r: { id: string }) => r.id)).toEqual([sport.id]);
    expect(body(await get('/articles', { ...range, source: 'a.example' })).items.map((r: { id: string }) => r.id)).toEqual([politics.id]);
  });

  it('pages with a cursor that only works for the query it came from', async () => {
    const first = body(await get('/articles', { ...range, limit: '1' }));
    expect(first.items).toHaveLength(1);
    const second = body(await get('/articles', { ...range, limit: '1', cursor: first.cursor }));
    expect(second.items.map((r: { id: string }) => r.id)).toEqual([politics.id]);
    const replayed = await get('/articles', { ...range, topic: 'medtop:15000000', cursor: first.cursor });
    expect(replayed.statusCode).toBe(400);
    expect(body(replayed).error).toMatch(/cursor/);
  });

  it('returns one article by id, and 404 for an unknown one', async () => {
    expect(body(await get(`/articles/${sport.id}`))).toEqual(sport);
    expect((await get('/articles/unknown')).statusCode).toBe(404);
  });

  it('returns every copy of a story', async () => {
    expect(body(await get(`/stories/${politics.id}`)).copies.map((r: { id: string }) => r.id)).toEqual([politics.id, copy.id]);
  });

  it('answers bad input with 400 and a reason, unknown paths with 404, other methods with 405', async () => {
    const badTopic = await get('/articles', { topic: 'Arts, culture' });
    expect(badTopic.statusCode).toBe(400);
    expect(body(badTopic).error).toMatch(/IPTC code/);
    expect((await get('/articles', { cursor: 'forged' })).statusCode).toBe(400);
    const unserved = await get('/articles', { author: 'A. Writer' });
    expect(unserved.statusCode).toBe(400);
    expect(body(unserved).error).toMatch(/no index serves 'author'.*bySource/);
    expect((await get('/articles', { ...range, since: '2026-12-01T00:00:00Z' })).statusCode).toBe(400);
    expect((await get('/articles', { id: sport.id, topic: 'medtop:15000000' })).statusCode).toBe(400);
    expect((await get('/articles', { limit: '1e1' })).statusCode).toBe(400);
    expect((await get('/articles/%E0%A4%A')).statusCode).toBe(400);
    expect((await get('/articles', {}, 'POST')).headers).toMatchObject({ allow: 'GET' });
    expect((await get('/articles', { limit: '5000' })).statusCode).toBe(400);
    expect((await get('/nowhere')).statusCode).toBe(404);
    expect((await get('/articles', {}, 'POST')).statusCode).toBe(405);
  });

  it('lists the feeds', async () => {
    const result = await get('/feeds');
    expect(result.statusCode).toBe(200);
    expect(body(result)).toEqual({ items: [] });
  });
});
