// Read-only HTTP API behind an IAM-authenticated function URL. Maps paths and query strings onto the
// query library and its errors onto status codes; docs/openapi.yaml describes it.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { QueryError, queryArticles } from '../../shared/store/article-query.ts';
import type { ArticleQuery } from '../../shared/store/article-query.ts';
import { CursorCodec, InvalidCursorError } from '../../shared/store/cursor.ts';
import { stores } from '../../shared/pipeline/dependencies.ts';
import { lazy, logger } from '../runtime.ts';

type Result = APIGatewayProxyStructuredResultV2;

const deps = lazy(stores);
let cursors: Promise<CursorCodec> | undefined;

class BadRequest extends Error {}

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export const handler = async (event: APIGatewayProxyEventV2): Promise<Result> => {
  if (event.requestContext.http.method !== 'GET') return json(405, { error: 'only GET is supported' }, { allow: 'GET' });
  const path = event.rawPath.replace(/\/+$/, '') || '/';
  const params = event.queryStringParameters ?? {};
  const { articles, state } = deps();
  try {
    cursors ??= state.cursorKey().then((key) => new CursorCodec(key));
    const codec = await cursors;
    const article = path.match(/^\/articles\/([^/]+)$/);
    if (article) {
      const page = await queryArticles(articles, { id: segment(article[1]) }, codec);
      return page.items.length > 0 ? json(200, page.items[0]) : json(404, { error: 'no such article' });
    }
    const story = path.match(/^\/stories\/([^/]+)$/);
    if (story) {
      const id = segment(story[1]);
      const page = await queryArticles(articles, { story: id }, codec);
      return page.items.length > 0 ? json(200, { id, copies: page.items }) : json(404, { error: 'no such story' });
    }
    if (path === '/articles') return json(200, await queryArticles(articles, articleQueryFrom(params), codec));
    if (path === '/feeds') return json(200, { items: await state.listFeeds() });
    return json(404, { error: `no route for ${path}` });
  } catch (error) {
    if (error instanceof QueryError || error instanceof InvalidCursorError || error instanceof BadRequest) return json(400, { error: error.message });
    cursors = undefined;
    logger.error('query failed', error as Error);
    return json(500, { error: 'internal error' });
  }
};

function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BadRequest('the path is not valid percent-encoding');
  }
}

function articleQueryFrom(params: Record<string, string | undefined>): ArticleQuery {
  const { limit, ...rest } = params;
  if (limit !== undefined && !/^\d{1,3}$/.test(limit)) throw new BadRequest('limit must be a whole number from 1 to 100');
  return { ...rest, ...(limit === undefined ? {} : { limit: Number(limit) }) } as ArticleQuery;
}
