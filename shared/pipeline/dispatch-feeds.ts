// Schedule tick: every feed whose time has come gets one job on the feed queue.
import type { StateStore } from '../store/state-store.ts';
import type { JobQueue } from '../store/job-queue.ts';
import type { FeedJob } from '../store/jobs.ts';

export interface DispatchDeps {
  state: StateStore;
  feedQueue: JobQueue;
  now: () => Date;
  feedIntervalMs: number;
}

export async function dispatchDueFeeds(deps: DispatchDeps): Promise<{ dispatched: number }> {
  const now = deps.now();
  const due = await deps.state.dueFeeds(now);
  // Postpone first: the next tick must not dispatch a feed again while its job is in flight. The
  // fetch-feed step then sets the real next due time from the feed's health.
  const lease = new Date(now.getTime() + deps.feedIntervalMs).toISOString();
  for (const feed of due) await deps.state.postponeFeed(feed.id, lease);
  await deps.feedQueue.sendAll(due.map((feed): FeedJob => ({ feedId: feed.id, url: feed.url })));
  return { dispatched: due.length };
}
