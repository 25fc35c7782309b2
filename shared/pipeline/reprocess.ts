// Re-runs extraction, fingerprinting and classification on the raw copy a record was built from, after an
// upgrade. Idempotent: a record whose versions did not change is not rewritten. The same function runs in
// AWS (one Step Functions Distributed Map item per raw key) and locally (the CLI, in-process).
import { fingerprint } from '../dedupe/index.ts';
import type { CustomTopics } from './analyze-page.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { RawArchive } from '../store/raw-archive.ts';
import { articleIdOfRawKey } from '../store/raw-archive.ts';
import { sameBuild } from '../store/records.ts';
import type { StateStore } from '../store/state-store.ts';
import { rulesVersion } from '../extract/feed-rules.ts';
import { buildRecord, extractPage } from './analyze-page.ts';

export interface ReprocessDeps {
  articles: ArticleStore;
  raw: RawArchive;
  /** Where each feed's current extraction rules are read from. */
  feeds: Pick<StateStore, 'getFeed'>;
  customTopics: CustomTopics | null;
}

export interface ReprocessOptions {
  /** Only records from this source host. */
  source?: string | null;
  /** Compute, compare and report; write nothing. */
  dryRun?: boolean;
}

export type ReprocessOutcome = {
  key: string;
  status: 'updated' | 'would-update' | 'unchanged' | 'skipped';
  /** Why a key was skipped: no record, another source, or an older copy than the record's. */
  reason?: string;
};

export async function reprocessRawKey(deps: ReprocessDeps, key: string, options: ReprocessOptions = {}): Promise<ReprocessOutcome> {
  const id = articleIdOfRawKey(key);
  const record = id ? await deps.articles.get(id) : null;
  if (!record) return { key, status: 'skipped', reason: 'no record refers to it' };
  if (record.rawKey !== key) return { key, status: 'skipped', reason: 'the record was built from another copy' };
  if (options.source && record.source.host !== options.source) return { key, status: 'skipped', reason: 'another source' };

  // The feed's rules as they are now: a changed rule makes another build, an unchanged one does not.
  const rules = record.feed ? ((await deps.feeds.getFeed(record.feed.id))?.rules ?? null) : null;
  const raw = await deps.raw.get(key);
  const extracted = extractPage(raw.body, record.url, raw.contentType, rules);
  const page = {
    id: record.id,
    url: record.url,
    canonicalUrl: record.canonicalUrl,
    feed: record.feed,
    // The feed entry is not archived; what the record took from it stands in for it.
    entry: { title: record.title, publishedAt: record.publishedAt, updatedAt: record.modifiedAt, authors: record.authors },
    entryVersion: record.entryVersion,
    fetchedAt: record.fetchedAt,
    rawKey: key,
    contentType: record.contentType,
    rulesVersion: rulesVersion(rules),
  };
  const rebuilt = buildRecord(page, extracted, fingerprint(extracted.text), record, deps.customTopics);
  if (sameBuild(rebuilt, record)) return { key, status: 'unchanged' };
  if (options.dryRun) return { key, status: 'would-update' };
  return { key, status: (await deps.articles.put(rebuilt)) === 'unchanged' ? 'unchanged' : 'updated' };
}
