import { RECORD_SCHEMA_VERSION, articleId } from '../../shared/store/records.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';

/** A valid record with distinct values; override what the test is about. */
export function makeRecord(overrides: Partial<ArticleRecord> & { url?: string } = {}): ArticleRecord {
  const url = overrides.url ?? `https://news.example/${Math.random().toString(36).slice(2)}`;
  const id = overrides.id ?? articleId(url);
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id,
    url,
    canonicalUrl: url,
    feed: null,
    source: { host: 'news.example', name: 'Example News' },
    title: `Title of ${id}`,
    authors: ['A. Writer'],
    publishedAt: '2026-11-20T10:00:00.000Z',
    modifiedAt: null,
    fetchedAt: '2026-11-20T11:00:00.000Z',
    language: 'en',
    text: 'First paragraph.\n\nSecond paragraph.',
    textTruncated: false,
    excerpt: 'First paragraph.',
    wordCount: 4,
    leadImage: null,
    topics: [{ code: 'medtop:11000000', label: 'politics', score: 0.9 }],
    customTopics: [],
    customTopicsVersion: 'none',
    entities: { people: [], places: [], organizations: [] },
    contentHash: `hash-${id}`,
    simhash: '0000000000000000',
    fingerprint: { version: 'test' },
    duplicateOf: null,
    storyId: id,
    rawKey: `raw/2026-11-20/${id}/abc`,
    entryVersion: '-',
    contentType: 'text/html',
    extractorVersion: 'test',
    classifierVersion: 'test',
    rulesVersion: 'none',
    ...overrides,
  };
}
