// The feeds file (config/feeds.json) is the deploy-time list of feeds. Syncing it adds the feeds it
// names and removes the ones it no longer names, leaving feeds added by hand (`syndic feeds add`) alone.
import { z } from 'zod';
import { feedId } from '../store/records.ts';
import type { FeedState, StateStore } from '../store/state-store.ts';

const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'must be an http(s) URL');

export const feedsFileSchema = z
  .object({
    feeds: z.array(z.object({ url: httpUrl, title: z.string().min(1).optional() }).strict()),
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
  if (!result.success) throw new FeedsFileError(`invalid feeds file:\n${z.prettifyError(result.error)}`);
  return result.data;
}

export function newFeed(url: string, origin: FeedState['origin'], now: Date, title: string | null = null): FeedState {
  return {
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
}

/** `onStep` hears of each feed added or removed, for progress. */
export async function syncFeedsFile(state: StateStore, file: FeedsFile, now: Date, onStep?: (done: number, total: number) => void): Promise<SyncResult> {
  const wanted = new Map(file.feeds.map((feed) => [feedId(feed.url), feed]));
  const existing = await state.listFeeds();
  const kept = existing.filter((feed) => wanted.has(feed.id));
  const dropped = existing.filter((feed) => !wanted.has(feed.id) && feed.origin === 'file');
  for (const feed of kept) wanted.delete(feed.id);
  const total = dropped.length + wanted.size;
  const result: SyncResult = { added: [], removed: [], kept: kept.length };
  for (const feed of dropped) {
    await state.removeFeed(feed.id);
    result.removed.push(feed.url);
    onStep?.(result.removed.length, total);
  }
  let done = dropped.length;
  for (const feed of wanted.values()) {
    if (await state.addFeed(newFeed(feed.url, 'file', now, feed.title ?? null))) result.added.push(feed.url);
    onStep?.(++done, total);
  }
  return result;
}
