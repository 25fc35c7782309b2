// The feeds file (config/feeds.json) is the deploy-time list of feeds. Syncing it adds the feeds it
// names and removes the ones it no longer names, leaving feeds added by hand (`syndic feeds add`) alone.
import { z } from 'zod';
import { feedRulesSchema, hasRules, rulesVersion, type FeedRules } from '../extract/feed-rules.ts';
import { feedId } from '../store/records.ts';
import type { FeedState, StateStore } from '../store/state-store.ts';

const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL');

export const feedsFileSchema = z
  .object({
    // A feed's extraction rules sit beside its URL: content, remove, stripText (shared/extract/feed-rules.ts).
    feeds: z.array(feedRulesSchema.extend({ url: httpUrl, title: z.string().min(1).optional() }).strict()),
  })
  .strict()
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.feeds.forEach((feed, index) => {
      if (seen.has(feed.url)) context.addIssue({ code: 'custom', path: ['feeds', index, 'url'], message: `listed twice: ${feed.url}` });
      seen.add(feed.url);
    });
  });

export type FeedsFile = z.infer<typeof feedsFileSchema>;

export class FeedsFileError extends Error {
  override readonly name = 'FeedsFileError';
}

export function parseFeedsFile(json: unknown): FeedsFile {
  const result = feedsFileSchema.safeParse(json);
  if (result.success) return result.data;
  // Name the feed by its URL, not only by its place in the list.
  const feeds = (json as { feeds?: Array<{ url?: unknown }> } | null)?.feeds;
  const problems = result.error.issues.map((issue) => {
    const [list, index] = issue.path;
    const url = list === 'feeds' && typeof index === 'number' && Array.isArray(feeds) ? feeds[index]?.url : undefined;
    const where = issue.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`)).join('');
    return `✖ ${typeof url === 'string' ? `feed ${url}: ` : ''}${issue.message}${where ? `\n  → at ${where}` : ''}`;
  });
  throw new FeedsFileError(`invalid feeds file:\n${problems.join('\n')}`);
}

/** The rules part of a feeds-file entry, or undefined when it has none. */
export function rulesOf(entry: FeedRules): FeedRules | undefined {
  const rules: FeedRules = {};
  if (entry.content) rules.content = entry.content;
  if (entry.remove?.length) rules.remove = entry.remove;
  if (entry.stripText?.length) rules.stripText = entry.stripText;
  return hasRules(rules) ? rules : undefined;
}

export function newFeed(url: string, origin: FeedState['origin'], now: Date, title: string | null = null, rules?: FeedRules): FeedState {
  return {
    ...(rules ? { rules } : {}),
    id: feedId(url),
    url,
    title,
    origin,
    addedAt: now.toISOString(),
    etag: null,
    lastModified: null,
    lastFetchedAt: null,
    health: { consecutiveFailures: 0, lastError: null, lastSuccessAt: null, lastAttemptAt: null, nextDueAt: now.toISOString(), paused: false },
  };
}

export interface SyncResult {
  added: string[];
  removed: string[];
  kept: number;
  /** Kept feeds whose extraction rules changed. */
  rulesChanged: string[];
}

/** `onStep` hears of each feed added or removed, for progress. */
export async function syncFeedsFile(state: StateStore, file: FeedsFile, now: Date, onStep?: (done: number, total: number) => void): Promise<SyncResult> {
  const wanted = new Map(file.feeds.map((feed) => [feedId(feed.url), feed]));
  const existing = await state.listFeeds();
  const kept = existing.filter((feed) => wanted.has(feed.id));
  const dropped = existing.filter((feed) => !wanted.has(feed.id) && feed.origin === 'file');
  const total = dropped.length + wanted.size - kept.length;
  const result: SyncResult = { added: [], removed: [], kept: kept.length, rulesChanged: [] };
  for (const feed of kept) {
    const entry = wanted.get(feed.id)!;
    wanted.delete(feed.id);
    // The file owns the rules of the feeds it names; feeds added by hand keep theirs unless it sets some.
    const rules = rulesOf(entry);
    if ((feed.origin === 'file' || rules) && rulesVersion(rules) !== rulesVersion(feed.rules)) {
      await state.setFeedRules(feed.id, rules ?? null);
      result.rulesChanged.push(feed.url);
    }
  }
  for (const feed of dropped) {
    await state.removeFeed(feed.id);
    result.removed.push(feed.url);
    onStep?.(result.removed.length, total);
  }
  let done = dropped.length;
  for (const feed of wanted.values()) {
    if (await state.addFeed(newFeed(feed.url, 'file', now, feed.title ?? null, rulesOf(feed)))) result.added.push(feed.url);
    onStep?.(++done, total);
  }
  return result;
}
