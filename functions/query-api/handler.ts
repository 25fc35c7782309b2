// Read-only HTTP API behind an IAM-authenticated function URL. Maps paths and query strings onto the
// query library and its errors onto status codes.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { QueryError, queryArticles } from '../../shared/store/article-query.ts';
import type { ArticleQuery } from '../../shared/store/article-query.ts';
import { InvalidCursorError } from '../../shared/store/cursor.ts';
import { stores } from '../../shared/pipeline/dependencies.ts';
import { lazy, logger } from '../runtime.ts';

const deps = lazy(stores);

type Result = APIGatewayProxyStructuredResultV2;

const json = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const handler = async (event: APIGatewayProxyEventV2): Promise<Result> => {
  if (event.requestContext.http.method !== 'GET') return json(405, { error: 'only GET is supported' });
  const path = event.rawPath.replace(/\/+$/, '') || '/';
  const params = event.queryStringParameters ?? {};
  const { articles, state } = deps();
  try {
    const article = path.match(/^\/articles\/([^/]+)$/);
    if (article) {
      const page = await queryArticles(articles, { id: decodeURIComponent(article[1]) });
      return page.items.length > 0 ? json(200, page.items[0]) : json(404, { error: 'no such article' });
    }
    const story = path.match(/^\/stories\/([^/]+)$/);
    if (story) {
      const page = await queryArticles(articles, { story: decodeURIComponent(story[1]) });
      return page.items.length > 0 ? json(200, { id: story[1], copies: page.items }) : json(404, { error: 'no such story' });
    }
    if (path === '/articles') return json(200, await queryArticles(articles, articleQueryFrom(params)));
    if (path === '/feeds') return json(200, { items: await state.listFeeds() });
    return json(404, { error: `no route for ${path}` });
  } catch (error) {
    if (error instanceof QueryError || error instanceof InvalidCursorError) return json(400, { error: error.message });
    logger.error('query failed', error as Error);
    return json(500, { error: 'internal error' });
  }
};

function articleQueryFrom(params: Record<string, string | undefined>): ArticleQuery {
  const { limit, ...rest } = params;
  return { ...rest, ...(limit === undefined ? {} : { limit: Number(limit) }) } as ArticleQuery;
}
