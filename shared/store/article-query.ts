// The typed query library behind both the HTTP API and the CLI: one filter object in, one page out,
// always answered by a Query on the index that fits the filter, with signed cursors.
import { z } from 'zod';
import { canonicalizeUrl } from '../feeds/index.ts';
import type { DayCount, StoryCount } from './article-counts.ts';
import type { ArticleStore } from './article-store.ts';
import type { CursorCodec } from './cursor.ts';
import { articleId } from './records.ts';
import type { ArticleRecord } from './records.ts';

const isoTime = z.string().datetime({ offset: true });

export const articleQuerySchema = z
  .object({
    id: z.string().min(1).max(512).optional(),
    url: z
      .string()
      .url()
      .max(2048)
      .refine((value) => /^https?:\/\//i.test(value), 'url must be an http(s) URL')
      .optional(),
    story: z.string().min(1).max(512).optional(),
    /** An IPTC code such as medtop:11000000, or the id of a custom topic (labels are resolved by the caller). */
    topic: z
      .string()
      .regex(/^(medtop:\d{8}|[a-z0-9][a-z0-9-]{0,63})$/, 'topic must be an IPTC code such as medtop:11000000 or a custom topic id')
      .optional(),
    source: z.string().min(1).max(253).optional(),
    language: z.string().min(2).max(3).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    limit: z.number().int().min(1).max(100).optional(),
    cursor: z.string().max(4096).optional(),
  })
  .strict()
  .superRefine((query, context) => {
    const lookups = (['id', 'url', 'story'] as const).filter((key) => query[key] !== undefined);
    if (lookups.length > 1) context.addIssue({ code: 'custom', message: 'give one of id, url or story' });
    const filters = (['topic', 'source', 'language', 'since', 'until', 'cursor'] as const).filter((key) => query[key] !== undefined);
    if (lookups.length > 0 && filters.length > 0) {
      context.addIssue({ code: 'custom', message: `${lookups[0]} names one article or story; it takes no ${filters.join(', ')}` });
    }
    if (query.since && query.until && Date.parse(query.since) > Date.parse(query.until)) {
      context.addIssue({ code: 'custom', path: ['since'], message: 'since is after until' });
    }
  });

export type ArticleQuery = z.infer<typeof articleQuerySchema>;

export interface QueryPage {
  items: ArticleRecord[];
  cursor: string | null;
}

export class QueryError extends Error {
  override readonly name = 'QueryError';
}

const FILTERS = Object.keys(articleQuerySchema.shape);

export async function queryArticles(store: ArticleStore, input: ArticleQuery, cursors: CursorCodec): Promise<QueryPage> {
  const unserved = Object.keys(input).filter((key) => !FILTERS.includes(key));
  if (unserved.length > 0) {
    // Anything else could only be answered by scanning the table, which this API never does.
    throw new QueryError(
      `no index serves ${unserved.map((key) => `'${key}'`).join(', ')}: filter by topic (timeline index), source (bySource), story (byStory), id or url, within since..until`,
    );
  }
  const parsed = articleQuerySchema.safeParse(input);
  if (!parsed.success) throw new QueryError(z.prettifyError(parsed.error));
  const query = parsed.data;

  if (query.id !== undefined || query.url !== undefined) {
    const record = await store.get(query.id ?? articleId(canonicalizeUrl(query.url!)));
    return { items: record ? [record] : [], cursor: null };
  }
  if (query.story !== undefined) return { items: await store.listStory(query.story), cursor: null };

  const { cursor, limit, ...filters } = query;
  const scope = JSON.stringify(filters);
  const request = { since: toUtc(query.since), until: toUtc(query.until), limit, after: cursor ? cursors.decode(cursor, scope) : null };
  let page;
  if (query.topic && query.source) {
    // Both filters: walk the source's index (the narrower one) and keep the topic's members.
    page = await store.listBySource(query.source, request);
    page.items = page.items.filter((record) => topicIds(record).includes(query.topic!));
  } else if (query.topic) {
    page = query.topic.startsWith('medtop:') ? await store.listByTopic(query.topic, request) : await store.listByCustomTopic(query.topic, request);
  } else if (query.source) {
    page = await store.listBySource(query.source, request);
  } else {
    page = await store.listRecent(request);
  }
  if (query.language) page.items = page.items.filter((record) => record.language === query.language);
  return { items: page.items, cursor: page.next ? cursors.encode(page.next, scope) : null };
}

function topicIds(record: ArticleRecord): string[] {
  return [...record.topics.map((topic) => topic.code), ...record.customTopics.map((topic) => topic.id)];
}

function toUtc(value: string | undefined): string | undefined {
  return value === undefined ? undefined : new Date(value).toISOString();
}

/** Counts that would otherwise take reading every record of a window: the store's counters (article-counts.ts). */
const MAX_COUNTED = 400;

/** Originals (what the timeline lists) per UTC day, by hour and by primary IPTC topic. */
export async function countByDay(store: ArticleStore, days: string[]): Promise<DayCount[]> {
  if (days.length > MAX_COUNTED) throw new QueryError(`at most ${MAX_COUNTED} days at a time`);
  const bad = days.find((day) => !/^\d{4}-\d\d-\d\d$/.test(day));
  if (bad !== undefined) throw new QueryError(`'${bad}' is not a day (YYYY-MM-DD)`);
  return store.counts.days(days);
}

/** How many copies each story has, and on which sites. */
export async function countCopies(store: ArticleStore, storyIds: string[]): Promise<StoryCount[]> {
  if (storyIds.length > MAX_COUNTED) throw new QueryError(`at most ${MAX_COUNTED} stories at a time`);
  return store.counts.stories(storyIds);
}
