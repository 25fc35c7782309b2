// The normalized article record: the contract between the pipeline, the store, the API and the CLI.
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const RECORD_SCHEMA_VERSION = 1;

const topic = z.object({ code: z.string(), label: z.string(), score: z.number() });
const customTopic = z.object({ id: z.string(), label: z.string(), score: z.number() });
const named = z.object({ name: z.string(), count: z.number().int() });

export const articleRecordSchema = z.object({
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  id: z.string(),
  url: z.string(),
  canonicalUrl: z.string(),
  feed: z.object({ id: z.string(), url: z.string() }).nullable(),
  source: z.object({ host: z.string(), name: z.string().nullable() }),
  title: z.string().nullable(),
  authors: z.array(z.string()),
  publishedAt: z.string().nullable(),
  modifiedAt: z.string().nullable(),
  fetchedAt: z.string(),
  language: z.string().nullable(),
  text: z.string(),
  /** True when the text was cut to fit a DynamoDB item; the raw copy in S3 is always whole. */
  textTruncated: z.boolean(),
  excerpt: z.string().nullable(),
  wordCount: z.number().int(),
  leadImage: z.string().nullable(),
  topics: z.array(topic),
  customTopics: z.array(customTopic),
  /** Hash of the custom topics file the record was labelled with ('none' without one). */
  customTopicsVersion: z.string(),
  entities: z.object({ people: z.array(named), places: z.array(named), organizations: z.array(named) }),
  contentHash: z.string(),
  simhash: z.string(),
  /** The rest of the dedupe fingerprint, to compare later articles against this one. */
  fingerprint: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The first stored record of the same story, when this one is a syndicated copy. */
  duplicateOf: z.string().nullable(),
  storyId: z.string(),
  rawKey: z.string(),
  /** The feed entry's version (its updated date, '-' when it has none): a new one replaces the record. */
  entryVersion: z.string(),
  contentType: z.string().nullable(),
  extractorVersion: z.string(),
  classifierVersion: z.string(),
  /** Hash of the feed's extraction rules the record was built with ('none' without any). */
  rulesVersion: z.string(),
});

export type ArticleRecord = z.infer<typeof articleRecordSchema>;
export type TopicLabel = z.infer<typeof topic>;

/** What a record was built from and with: other text, extractor, classifier or custom topics make another build. */
export const BUILD_FIELDS = ['contentHash', 'extractorVersion', 'classifierVersion', 'customTopicsVersion', 'rulesVersion'] as const;

/** Build fields that records written before them lack; such a record reads as having this value. */
export const BUILD_FIELD_DEFAULTS: Partial<Record<(typeof BUILD_FIELDS)[number], string>> = { rulesVersion: 'none' };

export function sameBuild(a: ArticleRecord, b: ArticleRecord): boolean {
  return BUILD_FIELDS.every((field) => a[field] === b[field]);
}

/** Stable id of an article: derived from its canonical URL, so every route to it lands on one record. */
export function articleId(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('base64url').slice(0, 22);
}

export function feedId(url: string): string {
  return createHash('sha256').update(url).digest('base64url').slice(0, 12);
}

/** Listings sort by publication time, falling back to when we fetched it. */
export function sortTime(record: Pick<ArticleRecord, 'publishedAt' | 'fetchedAt'>): string {
  const published = record.publishedAt ? Date.parse(record.publishedAt) : Number.NaN;
  return new Date(Number.isNaN(published) ? Date.parse(record.fetchedAt) : published).toISOString();
}
