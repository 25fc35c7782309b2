// From a fetched page to a record: extraction, fingerprint and classification. Shared by the first pass
// (process-article) and by reprocessing from the raw archive, so both build records the same way.
import { extractArticle, EXTRACTOR_VERSION } from '../extract/index.ts';
import type { ExtractedArticle, FeedRules } from '../extract/index.ts';
import { applyCustomTopics, classifyTopics, extractEntities, CLASSIFIER_VERSION } from '../classify/index.ts';
import { loadCustomTopics } from '../classify/index.ts';
import type { CustomTopicRules } from '../classify/index.ts';
import { createHash } from 'node:crypto';
import type { Fingerprint } from '../dedupe/index.ts';
import { RECORD_SCHEMA_VERSION } from '../store/records.ts';
import type { ArticleRecord } from '../store/records.ts';
import type { ArticleJob } from '../store/jobs.ts';

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

export function extractPage(body: Uint8Array, url: string, contentType: string | null, rules: FeedRules | null = null): ExtractedArticle {
  const extracted = extractArticle(body, url, { contentType, rules });
  if (extracted.text.trim() === '') throw new ArticleError('NO_ARTICLE_TEXT', `no article text found at ${url}`, false);
  return extracted;
}

/** The user's custom topics with a version that changes whenever the file does. */
export interface CustomTopics {
  rules: CustomTopicRules;
  version: string;
}

export function customTopicsFrom(file: unknown): CustomTopics {
  return { rules: loadCustomTopics(file), version: createHash('sha256').update(JSON.stringify(file)).digest('hex').slice(0, 16) };
}

/** What is known of a page besides its content: where it came from and when. */
export interface PageContext {
  id: string;
  url: string;
  canonicalUrl: string;
  feed: ArticleRecord['feed'];
  /** What the feed said, used where the page itself says nothing. */
  entry: ArticleJob['entry'];
  entryVersion: string;
  fetchedAt: string;
  rawKey: string;
  contentType: string | null;
  /** rulesVersion() of the feed rules the page was extracted with. */
  rulesVersion: string;
}

export function buildRecord(
  page: PageContext,
  extracted: ExtractedArticle,
  print: Fingerprint,
  story: { duplicateOf: string | null; storyId: string },
  customTopics: CustomTopics | null,
): ArticleRecord {
  const title = extracted.title ?? page.entry.title;
  const classifierInput = { title, text: extracted.text, language: extracted.language };
  const entities = extractEntities(classifierInput);
  const { text, truncated } = fitText(extracted.text);
  const { bandKeys: _bands, contentHash, simhash, ...fingerprintRest } = print;
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: page.id,
    url: page.url,
    canonicalUrl: page.canonicalUrl,
    feed: page.feed,
    source: { host: new URL(page.canonicalUrl).host, name: extracted.siteName },
    title,
    authors: extracted.authors.length > 0 ? extracted.authors : page.entry.authors,
    publishedAt: extracted.publishedAt ?? page.entry.publishedAt,
    modifiedAt: extracted.modifiedAt ?? page.entry.updatedAt,
    fetchedAt: page.fetchedAt,
    language: extracted.language,
    text,
    textTruncated: truncated,
    excerpt: extracted.excerpt,
    wordCount: extracted.wordCount,
    leadImage: extracted.leadImage,
    topics: classifyTopics(classifierInput),
    customTopics: customTopics ? applyCustomTopics(customTopics.rules, { ...classifierInput, entities }) : [],
    customTopicsVersion: customTopics?.version ?? 'none',
    entities,
    contentHash,
    simhash,
    // Band keys live in their own items: the rest of the fingerprint stays on the record for comparisons.
    fingerprint: fingerprintRest,
    duplicateOf: story.duplicateOf,
    storyId: story.storyId,
    rawKey: page.rawKey,
    entryVersion: page.entryVersion,
    contentType: page.contentType,
    extractorVersion: EXTRACTOR_VERSION,
    classifierVersion: CLASSIFIER_VERSION,
    rulesVersion: page.rulesVersion,
  };
}

/** The stored fingerprint of a record, for comparing a new article against it. */
export function storedFingerprint(record: ArticleRecord): Fingerprint {
  return { ...record.fingerprint, contentHash: record.contentHash, simhash: record.simhash, bandKeys: [] } as unknown as Fingerprint;
}

function fitText(text: string): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= MAX_TEXT_BYTES) return { text, truncated: false };
  // Cutting bytes can split a character; the decoder drops the partial tail.
  return { text: new TextDecoder().decode(bytes.subarray(0, MAX_TEXT_BYTES)).replace(/\uFFFD$/, ''), truncated: true };
}
