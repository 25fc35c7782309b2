// One article: safe fetch -> raw copy in S3 -> extract -> dedupe -> classify -> record in DynamoDB.
// The order keeps data safe: the raw copy exists before any record refers to it, and every step can run
// again after a crash or a redelivery without creating a second record.
import type { CustomTopics } from './analyze-page.ts';
import { fingerprint } from '../dedupe/index.ts';
import { preferredArticleUrl } from '../feeds/index.ts';
import { FetchError } from '../fetch/index.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { RawArchive } from '../store/raw-archive.ts';
import type { StateStore } from '../store/state-store.ts';
import type { ArticleJob } from '../store/jobs.ts';
import { articleId } from '../store/records.ts';
import { rulesVersion } from '../extract/feed-rules.ts';
import type { ArticleRecord } from '../store/records.ts';
import type { Fetcher } from './fetcher.ts';
import { ArticleError, buildRecord, extractPage } from './analyze-page.ts';
import { assignStory } from './story.ts';
import type { PageContext } from './analyze-page.ts';

export interface ProcessArticleDeps {
  articles: ArticleStore;
  state: StateStore;
  raw: RawArchive;
  fetch: Fetcher;
  now: () => Date;
  customTopics: CustomTopics | null;
}

export type ArticleOutcome =
  | { status: 'stored' | 'updated'; id: string; duplicateOf: string | null; record: ArticleRecord }
  | { status: 'exists'; id: string }
  /** The page declared a canonical URL that another job already claimed. */
  | { status: 'alias'; id: string };

/**
 * Its host's next turn is further off than a function should sit idle for (it would pay for the wait):
 * the job goes back to the queue, due when the gate booked it a turn. `bySite`: the site itself asked
 * for the wait (429, or 503 with Retry-After), not our gate.
 */
export class HostBusy extends Error {
  override readonly name = 'HostBusy';
  constructor(
    message: string,
    readonly retryAfterMs: number,
    readonly bySite = false,
  ) {
    super(message);
  }
}

/**
 * How long an article job may wait in the function for its host's turn before it is handed back. Jobs
 * are spread over their host's turns when enqueued, so most arrive within a few hundred ms of their turn;
 * waiting that long costs less than a hand-back (an SQS send, a gate booking and a later invocation).
 */
export const HAND_BACK_AFTER_MS = 250;

export async function processArticle(deps: ProcessArticleDeps, job: ArticleJob): Promise<ArticleOutcome> {
  const response = await fetchPage(deps, job.url);
  const fetchedAt = deps.now();
  const rawKey = await deps.raw.put({
    articleId: job.articleId,
    url: response.url,
    fetchedAt,
    contentType: response.contentType,
    body: response.body,
  });

  const extracted = extractPage(response.body, response.url, response.contentType, job.rules ?? null);
  const identity = await resolveIdentity(deps, job, response.url, extracted.canonicalUrl);
  if (identity.alias) return { status: 'alias', id: identity.id };

  const print = fingerprint(extracted.text);
  const story = await assignStory(deps.articles, identity.id, print);
  const page: PageContext = {
    id: identity.id,
    url: response.url,
    canonicalUrl: identity.canonicalUrl,
    feed: job.feed,
    entry: job.entry,
    entryVersion: job.version,
    fetchedAt: fetchedAt.toISOString(),
    rawKey,
    contentType: response.contentType,
    rulesVersion: rulesVersion(job.rules),
  };
  const record = buildRecord(page, extracted, print, story, deps.customTopics);

  const outcome = await deps.articles.put(record);
  if (outcome === 'unchanged') return { status: 'exists', id: record.id };
  return { status: outcome === 'created' ? 'stored' : 'updated', id: record.id, duplicateOf: record.duplicateOf, record };
}

async function fetchPage(deps: ProcessArticleDeps, url: string) {
  try {
    return await deps.fetch(url, { accept: 'html', handBackAfterMs: HAND_BACK_AFTER_MS });
  } catch (error) {
    if (error instanceof FetchError && error.code === 'HOST_BUSY') throw new HostBusy(error.message, error.retryAfterMs ?? 1000);
    if (error instanceof FetchError && error.code === 'RATE_LIMITED') throw new HostBusy(error.message, error.retryAfterMs ?? 60_000, true);
    if (error instanceof FetchError) throw new ArticleError(error.code, error.message, error.retryable);
    throw error;
  }
}

/**
 * The record is named by where the article lives: the page's canonical link when it is plausible (same
 * site, not the home page), else the final URL after redirects (so links through feedproxy or t.co are
 * known by where they led). A canonical pointing at another site is a syndication hint, left to copy
 * detection.
 */
async function resolveIdentity(deps: ProcessArticleDeps, job: ArticleJob, finalUrl: string, declared: string | null) {
  const canonicalUrl = preferredArticleUrl(finalUrl, declared);
  const id = articleId(canonicalUrl);
  if (id === job.articleId) return { id, canonicalUrl, alias: false };
  const claimed = await deps.state.claim({ articleId: id, version: job.version, url: canonicalUrl, now: deps.now() });
  return { id, canonicalUrl, alias: !claimed };
}
