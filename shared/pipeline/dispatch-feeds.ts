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
  // Send first: a crash before the postpone below leaves the feed due, so the next tick sends it again
  // (one extra read of the feed, never a skipped one). The postpone then keeps the next tick from
  // sending it again while its job is in flight; it applies only if the due time is still the one read
  // here, so it never undoes the due time fetch-feed set from the feed's health if the job ran first.
  await deps.feedQueue.sendAll(due.map((feed): FeedJob => ({ feedId: feed.id, url: feed.url })));
  const lease = new Date(now.getTime() + deps.feedIntervalMs).toISOString();
  for (const feed of due) await deps.state.postponeFeed(feed.id, lease, feed.health.nextDueAt);
  return { dispatched: due.length };
}
