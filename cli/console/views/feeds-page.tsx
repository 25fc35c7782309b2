import type { FC } from 'hono/jsx';
import type { FeedState } from '../../../shared/store/state-store.ts';
import { Notice, OutLink, Time } from './parts.tsx';

export function feedStatus(feed: FeedState): 'failing' | 'paused' | 'ok' {
  if (feed.health.paused) return 'paused';
  return feed.health.consecutiveFailures > 0 ? 'failing' : 'ok';
}

const ORDER = { failing: 0, paused: 1, ok: 2 };

/** Failing first, then paused, then the rest; most failures first within each. */
export function feedsInOrder(feeds: FeedState[]): FeedState[] {
  return [...feeds].sort(
    (a, b) => ORDER[feedStatus(a)] - ORDER[feedStatus(b)] || b.health.consecutiveFailures - a.health.consecutiveFailures || a.url.localeCompare(b.url),
  );
}

const Action: FC<{ feed: FeedState; action: string; label: string; csrf: string }> = ({ feed, action, label, csrf }) => (
  <form method="post" action={`/feeds/${encodeURIComponent(feed.id)}/${action}`} class="inline">
    <input type="hidden" name="csrf" value={csrf} />
    <button type="submit" aria-label={`${label}: ${feed.url}`}>{label}</button>
  </form>
);

export const FeedsPage: FC<{ feeds: FeedState[]; csrf: string; done: string | null }> = ({ feeds, csrf, done }) => (
  <>
    {done ? <Notice kind="done">{done}</Notice> : null}
    {feeds.length === 0 ? <p class="muted">No feeds yet: <code>syndic feeds add &lt;url&gt;</code>, or <code>npm start</code> for the samples.</p> : (
      <table class="list feeds" data-list>
        <thead>
          <tr>
            <th scope="col">Status</th><th scope="col">Feed</th><th scope="col">Last fetch</th><th scope="col">Last success</th>
            <th scope="col">Failures</th><th scope="col">Last error</th><th scope="col">Next due</th><th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {feedsInOrder(feeds).map((feed) => {
            const status = feedStatus(feed);
            return (
              <tr class={status} data-feed={feed.id}>
                <td><span class={`status ${status}`}>{status}</span></td>
                <td class="url"><OutLink url={feed.url} />{feed.title ? <div class="muted">{feed.title}</div> : null}</td>
                <td><Time at={feed.health.lastAttemptAt} /></td>
                <td><Time at={feed.health.lastSuccessAt} /></td>
                <td>{feed.health.consecutiveFailures}</td>
                <td class="error">{feed.health.lastError ?? ''}</td>
                <td>{feed.health.paused ? <span class="muted">paused</span> : <Time at={feed.health.nextDueAt} />}</td>
                <td class="buttons">
                  {feed.health.paused ? <Action feed={feed} action="resume" label="Resume" csrf={csrf} /> : <Action feed={feed} action="pause" label="Pause" csrf={csrf} />}
                  <Action feed={feed} action="retry" label="Retry now" csrf={csrf} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    )}
  </>
);
