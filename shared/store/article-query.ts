// The typed query library behind both the HTTP API and the CLI: one filter object in, one page out,
// always answered by a Query on the index that fits the filter.
import { z } from 'zod';
import { canonicalizeUrl } from '../feeds/index.ts';
import type { ArticleStore, Page } from './article-store.ts';
import { articleId } from './records.ts';

export const articleQuerySchema = z
  .object({
    id: z.string().min(1).optional(),
    url: z.string().url().optional(),
    story: z.string().min(1).optional(),
    /** An IPTC code such as medtop:11000000 (labels are resolved by the caller). */
    topic: z.string().regex(/^medtop:\d{8}$/, 'topic must be an IPTC code such as medtop:11000000').optional(),
    source: z.string().min(1).optional(),
    language: z.string().min(2).max(3).optional(),
    since: z.string().datetime({ offset: true }).optional(),
    until: z.string().datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(100).optional(),
    cursor: z.string().optional(),
  })
  .strict();

export type ArticleQuery = z.infer<typeof articleQuerySchema>;

export class QueryError extends Error {
  override readonly name = 'QueryError';
}

export async function queryArticles(store: ArticleStore, input: ArticleQuery): Promise<Page> {
  const parsed = articleQuerySchema.safeParse(input);
  if (!parsed.success) throw new QueryError(z.prettifyError(parsed.error));
  const query = parsed.data;
  const lookups = [query.id, query.url, query.story].filter((value) => value !== undefined);
  if (lookups.length > 1) throw new QueryError('give one of id, url or story');

  if (query.id !== undefined || query.url !== undefined) {
    const record = await store.get(query.id ?? articleId(canonicalizeUrl(query.url!)));
    return { items: record ? [record] : [], cursor: null };
  }
  if (query.story !== undefined) return { items: await store.listStory(query.story), cursor: null };

  const range = { since: toUtc(query.since), until: toUtc(query.until), limit: query.limit, cursor: query.cursor };
  let page: Page;
  if (query.topic && query.source) {
    // Both filters: walk the source's index (the narrower one) and keep the topic's members.
    page = await store.listBySource(query.source, range);
    page.items = page.items.filter((record) => record.topics.some((topic) => topic.code === query.topic));
  } else if (query.topic) {
    page = await store.listByTopic(query.topic, range);
  } else if (query.source) {
    page = await store.listBySource(query.source, range);
  } else {
    page = await store.listRecent(range);
  }
  if (query.language) page.items = page.items.filter((record) => record.language === query.language);
  return page;
}

function toUtc(value: string | undefined): string | undefined {
  return value === undefined ? undefined : new Date(value).toISOString();
}
