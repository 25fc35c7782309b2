// Reads one feed: conditional GET, parse, claim each entry's URL once, enqueue article jobs, record health.
import { canonicalizeUrl, parseFeed } from '../feeds/index.ts';
import { nextFeedHealth } from '../feeds/health.ts';
import { FetchError } from '../fetch/index.ts';
import type { HostGate } from '../fetch/index.ts';
import type { FeedItem } from '../feeds/index.ts';
import { articleId } from '../store/records.ts';
import type { ArticleJob, FeedJob } from '../store/jobs.ts';
import type { FeedState, StateStore } from '../store/state-store.ts';
import { MAX_DELAY_SECONDS } from '../store/job-queue.ts';
import type { JobQueue } from '../store/job-queue.ts';
import type { Fetcher } from './fetcher.ts';
import { mapConcurrently } from './concurrently.ts';
import { newFeed } from './feeds-file.ts';
import { hasRules } from '../extract/feed-rules.ts';

export interface IngestFeedDeps {
  state: StateStore;
  articleQueue: JobQueue;
  fetch: Fetcher;
  /** The fetcher's politeness gate: new jobs are spread over their hosts' coming turns. */
  hostGate: HostGate;
  now: () => Date;
  feedIntervalMs: number;
}

export interface FeedOutcome {
  feedId: string;
  url: string;
  status: 'fetched' | 'not-modified' | 'failed' | 'unknown-feed';
  items: number;
  enqueued: number;
  duplicates: number;
  error: string | null;
}

/**
 * `delivery`: what names this feed job across its deliveries (the SQS message id). An entry claimed by
 * an earlier delivery of the same job that never finished is claimed again and its job sent again: that
 * delivery may have died between the claim and the send. If it had sent it, the article is processed
 * twice, which the article step absorbs (the record is written once).
 */
export async function ingestFeed(deps: IngestFeedDeps, job: FeedJob, delivery?: string): Promise<FeedOutcome> {
  const feed = await deps.state.getFeed(job.feedId);
  const outcome: FeedOutcome = { feedId: job.feedId, url: job.url, status: 'unknown-feed', items: 0, enqueued: 0, duplicates: 0, error: null };
  if (!feed) return outcome; // removed after dispatch

  try {
    const response = await deps.fetch(feed.url, { accept: 'feed', etag: feed.etag, lastModified: feed.lastModified });
    if (response.notModified) {
      outcome.status = 'not-modified';
    } else {
      const parsed = parseFeed(response.body, response.url, { contentType: response.contentType });
      outcome.status = 'fetched';
      outcome.items = parsed.items.length;
      if (parsed.format === 'sitemapindex') {
        // Its entries are sitemaps, not articles: each becomes a feed of its own.
        for (const child of parsed.items) await deps.state.addFeed(newFeed(child.url, 'index', deps.now()));
      } else {
        const jobs = await claimNewEntries(deps, feed, parsed.items, delivery);
        outcome.enqueued = jobs.length;
        outcome.duplicates = parsed.items.length - jobs.length;
      }
      feed.title ??= parsed.title;
      feed.etag = response.etag;
      feed.lastModified = response.lastModified;
    }
    feed.health = nextFeedHealth(feed.health, { ok: true }, deps.now(), deps.feedIntervalMs);
  } catch (error) {
    // Feed-level failures (the site, not our code) are retried on the feed's own backoff schedule;
    // anything else propagates so SQS retries the message and finally dead-letters it.
    if (!isFeedFailure(error)) throw error;
    outcome.status = 'failed';
    outcome.error = describe(error);
    if (error instanceof FetchError && error.code === 'HOST_BUSY') {
      // Our own gate had no turn for the host yet (its other feeds and articles hold it): not the feed's
      // failure, so it neither backs off nor counts towards pausing the feed; it is due at the booked turn.
      const now = deps.now();
      feed.health = { ...feed.health, lastAttemptAt: now.toISOString(), nextDueAt: new Date(now.getTime() + (error.retryAfterMs ?? 0)).toISOString() };
    } else feed.health = nextFeedHealth(
      feed.health,
      { ok: false, error: outcome.error, retryAfterMs: error instanceof FetchError ? error.retryAfterMs : undefined },
      deps.now(),
      deps.feedIntervalMs,
    );
  }
  feed.lastFetchedAt = deps.now().toISOString();
  await deps.state.putFeed(feed);
  return outcome;
}

/** Claims in parallel, a few at a time: a 500-entry feed is mostly entries already claimed. */
const CLAIM_CONCURRENCY = 8;

async function claimNewEntries(deps: IngestFeedDeps, feed: FeedState, items: FeedItem[], owner: string | undefined): Promise<ArticleJob[]> {
  const candidates = new Map<string, ArticleJob>();
  for (const item of items) {
    let canonicalUrl: string;
    try {
      canonicalUrl = canonicalizeUrl(item.url);
    } catch {
      continue; // an entry without a usable link has nothing to fetch
    }
    // Only an explicit updated date makes a new version: feeds that list the same article give it
    // their own publication dates. DynamoDB keys cannot be empty, so an undated entry is '-'.
    const version = item.updatedAt ?? '-';
    const id = articleId(canonicalUrl);
    candidates.set(`${id} ${version}`, {
      url: item.url,
      canonicalUrl,
      articleId: id,
      version,
      feed: { id: feed.id, url: feed.url },
      entry: { title: item.title, publishedAt: item.publishedAt, updatedAt: item.updatedAt, authors: item.authors },
      ...(hasRules(feed.rules) ? { rules: feed.rules } : {}),
    });
  }
  const claimed = await mapConcurrently([...candidates.values()], CLAIM_CONCURRENCY, (job) =>
    deps.state.claim({ articleId: job.articleId, version: job.version, url: job.canonicalUrl, now: deps.now(), owner }),
  );
  const jobs = [...candidates.values()].filter((_, i) => claimed[i]);
  try {
    const delays = await spreadOverTurns(deps.hostGate, jobs);
    await deps.articleQueue.sendAll(jobs, (i) => delays[i]);
  } catch (error) {
    // Unclaim so that the next read of the feed enqueues them again: a claimed URL with no job is lost.
    await Promise.all(jobs.map((job) => deps.state.releaseClaim(job.articleId, job.version)));
    throw error;
  }
  return jobs;
}

/**
 * Seconds to hold each job back so that a feed's entries reach the article function about when their
 * host has a turn for them, instead of all at once with most of them waiting (billed) for the gate.
 * Jobs past the booking horizon wait the longest delay SQS allows and book their turn when they arrive.
 */
async function spreadOverTurns(gate: HostGate, jobs: ArticleJob[]): Promise<number[]> {
  const byHost = new Map<string, number[]>();
  jobs.forEach((job, i) => {
    const host = new URL(job.url).hostname;
    byHost.set(host, [...(byHost.get(host) ?? []), i]);
  });
  const delays: number[] = jobs.map(() => MAX_DELAY_SECONDS);
  for (const [host, indexes] of byHost) {
    const turns = await gate.book(host, indexes.length, { horizonMs: MAX_DELAY_SECONDS * 1000 });
    turns.forEach((at, k) => (delays[indexes[k]] = Math.max(0, Math.round((at - Date.now()) / 1000))));
  }
  return delays;
}

function isFeedFailure(error: unknown): error is Error {
  return error instanceof FetchError || (error instanceof Error && error.name === 'FeedParseError');
}

function describe(error: Error): string {
  const code = (error as { code?: string }).code;
  return code ? `${code}: ${error.message}` : error.message;
}
