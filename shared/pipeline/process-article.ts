// One article: safe fetch -> raw copy in S3 -> extract -> dedupe -> classify -> record in DynamoDB.
// The order keeps data safe: the raw copy exists before any record refers to it, and every step can run
// again after a crash or a redelivery without creating a second record.
import { extractArticle, EXTRACTOR_VERSION } from '../extract/index.ts';
import { classifyTopics, extractEntities, applyCustomTopics, CLASSIFIER_VERSION } from '../classify/index.ts';
import type { CustomTopicRules } from '../classify/index.ts';
import { fingerprint, isSyndicatedCopy } from '../dedupe/index.ts';
import type { Fingerprint } from '../dedupe/index.ts';
import { canonicalizeUrl } from '../feeds/index.ts';
import { FetchError } from '../fetch/index.ts';
import type { ArticleStore } from '../store/article-store.ts';
import type { RawArchive } from '../store/raw-archive.ts';
import type { StateStore } from '../store/state-store.ts';
import type { ArticleJob } from '../store/jobs.ts';
import { RECORD_SCHEMA_VERSION, articleId } from '../store/records.ts';
import type { ArticleRecord } from '../store/records.ts';
import type { Fetcher } from './fetcher.ts';

export interface ProcessArticleDeps {
  articles: ArticleStore;
  state: StateStore;
  raw: RawArchive;
  fetch: Fetcher;
  now: () => Date;
  customTopics: CustomTopicRules | null;
}

export type ArticleOutcome =
  | { status: 'stored' | 'updated'; id: string; duplicateOf: string | null; record: ArticleRecord }
  | { status: 'exists'; id: string }
  /** The page declared a canonical URL that another job already claimed. */
  | { status: 'alias'; id: string };

/** A failure with a reason and whether trying again can help. */
export class ArticleError extends Error {
  override readonly name = 'ArticleError';
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** DynamoDB items must stay under 400 KB; the text is cut well below that and kept whole in S3. */
const MAX_TEXT_BYTES = 300_000;

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

  const extracted = extractArticle(response.body, response.url, { contentType: response.contentType });
  if (extracted.text.trim() === '') throw new ArticleError('NO_ARTICLE_TEXT', `no article text found at ${response.url}`, false);

  const identity = await resolveIdentity(deps, job, extracted.canonicalUrl ?? response.url);
  if (identity.alias) return { status: 'alias', id: identity.id };

  const print = fingerprint(extracted.text);
  const original = await findOriginal(deps, identity.id, print);
  const title = extracted.title ?? job.entry.title;
  const classifierInput = { title, text: extracted.text, language: extracted.language };
  const entities = extractEntities(classifierInput);
  const { text, truncated } = fitText(extracted.text);

  const record: ArticleRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: identity.id,
    url: response.url,
    canonicalUrl: identity.canonicalUrl,
    feed: job.feed,
    source: { host: new URL(identity.canonicalUrl).host, name: extracted.siteName },
    title,
    authors: extracted.authors.length > 0 ? extracted.authors : job.entry.authors,
    publishedAt: extracted.publishedAt ?? job.entry.publishedAt,
    modifiedAt: extracted.modifiedAt ?? job.entry.updatedAt,
    fetchedAt: fetchedAt.toISOString(),
    language: extracted.language,
    text,
    textTruncated: truncated,
    excerpt: extracted.excerpt,
    wordCount: extracted.wordCount,
    leadImage: extracted.leadImage,
    topics: classifyTopics(classifierInput),
    customTopics: deps.customTopics ? applyCustomTopics(deps.customTopics, { ...classifierInput, entities }) : [],
    entities,
    contentHash: print.contentHash,
    simhash: print.simhash,
    fingerprint: storableFingerprint(print),
    duplicateOf: original?.id ?? null,
    storyId: original?.storyId ?? identity.id,
    rawKey,
    entryVersion: job.version,
    contentType: response.contentType,
    extractorVersion: EXTRACTOR_VERSION,
    classifierVersion: CLASSIFIER_VERSION,
  };

  const outcome = await deps.articles.put(record);
  if (outcome === 'unchanged') return { status: 'exists', id: record.id };
  if (!record.duplicateOf) await deps.articles.addBands(print.bandKeys, record.id);
  return { status: outcome === 'created' ? 'stored' : 'updated', id: record.id, duplicateOf: record.duplicateOf, record };
}

async function fetchPage(deps: ProcessArticleDeps, url: string) {
  try {
    return await deps.fetch(url, { accept: 'html' });
  } catch (error) {
    if (error instanceof FetchError) throw new ArticleError(error.code, error.message, error.retryable);
    throw error;
  }
}

/**
 * The page's own canonical URL names the record when it stays on the same host; a canonical pointing at
 * another site is a syndication hint, handled by copy detection instead.
 */
async function resolveIdentity(deps: ProcessArticleDeps, job: ArticleJob, declared: string) {
  let canonicalUrl = job.canonicalUrl;
  try {
    const candidate = canonicalizeUrl(new URL(declared, job.url).href);
    if (new URL(candidate).host === new URL(job.canonicalUrl).host) canonicalUrl = candidate;
  } catch {
    // an unparsable canonical link is ignored
  }
  const id = articleId(canonicalUrl);
  if (id === job.articleId) return { id, canonicalUrl, alias: false };
  const claimed = await deps.state.claim({ articleId: id, version: job.version, url: canonicalUrl, now: deps.now() });
  return { id, canonicalUrl, alias: !claimed };
}

/** The first stored record of the same story: exact text match by hash, near copies by LSH candidates. */
async function findOriginal(deps: ProcessArticleDeps, id: string, print: Fingerprint): Promise<ArticleRecord | null> {
  // Too short to tell a story from boilerplate (paywall, consent or error pages): never a copy.
  if (print.bandKeys.length === 0) return null;
  const owner = await deps.articles.claimContentHash(print.contentHash, id);
  if (owner !== id) return (await deps.articles.get(owner)) ?? null;
  const candidates = (await deps.articles.getMany(await deps.articles.candidatesForBands(print.bandKeys))).filter(
    (candidate) => candidate.id !== id && isSyndicatedCopy(print, storedFingerprint(candidate)),
  );
  if (candidates.length === 0) return null;
  const earliest = candidates.sort((a, b) => a.fetchedAt.localeCompare(b.fetchedAt))[0];
  return earliest.duplicateOf ? ((await deps.articles.get(earliest.duplicateOf)) ?? earliest) : earliest;
}

/** Band keys live in their own items, hash and simhash in their own fields: the rest stays on the record. */
function storableFingerprint(print: Fingerprint): ArticleRecord['fingerprint'] {
  const { bandKeys: _bands, contentHash: _hash, simhash: _simhash, ...rest } = print;
  return rest;
}

function storedFingerprint(record: ArticleRecord): Fingerprint {
  return { ...record.fingerprint, contentHash: record.contentHash, simhash: record.simhash, bandKeys: [] } as unknown as Fingerprint;
}

function fitText(text: string): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= MAX_TEXT_BYTES) return { text, truncated: false };
  // Cutting bytes can split a character; the decoder drops the partial tail.
  return { text: new TextDecoder().decode(bytes.subarray(0, MAX_TEXT_BYTES)).replace(/\uFFFD$/, ''), truncated: true };
}
