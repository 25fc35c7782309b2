// What the console's buttons do to a feed. Pausing takes it out of the dispatcher's due index (the state
// store does that for a paused feed); resuming makes it due now; retrying hands it to `retry`, which the
// target supplies (a job on the deployed feed queue, or an in-process run locally).
import type { FeedState, StateStore } from '../../shared/store/state-store.ts';

export type FeedAction = 'pause' | 'resume' | 'retry';
export const FEED_ACTIONS: readonly FeedAction[] = ['pause', 'resume', 'retry'];

export class UnknownFeedError extends Error {
  override readonly name = 'UnknownFeedError';
}

export async function applyFeedAction(
  state: StateStore,
  id: string,
  action: FeedAction,
  retry: (feed: FeedState) => Promise<void>,
  now: Date,
): Promise<FeedState> {
  const feed = await state.getFeed(id);
  if (!feed) throw new UnknownFeedError(`no such feed: ${id}`);
  if (action === 'retry') {
    await retry(feed);
    return (await state.getFeed(id)) ?? feed;
  }
  const health = action === 'pause' ? { ...feed.health, paused: true } : { ...feed.health, paused: false, nextDueAt: now.toISOString() };
  const updated = { ...feed, health };
  await state.putFeed(updated);
  return updated;
}
