// Key layout of the articles table (see ARTICLES_TABLE): one record item per article, plus small index
// items (topic memberships, content hashes, LSH bands) that let every access pattern be a Query.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { ArticleRecord } from './records.ts';
import { BUILD_FIELD_DEFAULTS, sortTime } from './records.ts';

export const RECORD_SK = 'RECORD';

export const articlePk = (id: string) => `ART#${id}`;
/** The article an item of the article partition belongs to: what a keys-only index entry says. */
export const articleIdOf = (item: Record<string, unknown>) => String(item.pk).slice(articlePk('').length);
/** An article's fingerprint and the story it was assigned, written before its record (see assignStory). */
export const dedupePk = (id: string) => `DEDUPE#${id}`;
export const DEDUPE_SK = 'DEDUPE';
export const bandPk = (bandKey: string) => `BAND#${bandKey}`;
export const monthOf = (iso: string) => iso.slice(0, 7);
export const timelinePk = (month: string) => `ALL#${month}`;
export const topicPk = (code: string, month: string) => `TOPIC#${code}#${month}`;
export const customTopicPk = (id: string, month: string) => `CTOPIC#${id}#${month}`;
export const sourcePk = (host: string) => `SRC#${host}`;
export const storyPk = (storyId: string) => `STORY#${storyId}`;

/**
 * The text is most of a record (about 5 of 7.7 KB on the extraction benchmark pages), and every byte of
 * the item is paid for again in each index that copies it, on every write. Stored brotli-compressed
 * (about a third of the bytes) when that is smaller; reads give back the same record.
 */
const BROTLI = { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 5 } };

function storedText(text: string): { text: string } | { textBrotli: Uint8Array } {
  const plain = Buffer.from(text, 'utf8');
  const packed = brotliCompressSync(plain, BROTLI);
  return packed.byteLength < plain.byteLength ? { textBrotli: new Uint8Array(packed) } : { text };
}

/** The record item with its index keys. Copies stay out of the timeline so a story is listed once. */
export function recordItem(record: ArticleRecord): Record<string, unknown> {
  const at = `${sortTime(record)}#${record.id}`;
  const month = monthOf(at);
  const { text, ...fields } = record;
  return {
    ...fields,
    ...storedText(text),
    pk: articlePk(record.id),
    sk: RECORD_SK,
    ...(record.duplicateOf ? {} : { gsi1pk: timelinePk(month), gsi1sk: at }),
    gsi2pk: sourcePk(record.source.host),
    gsi2sk: at,
    gsi3pk: storyPk(record.storyId),
    gsi3sk: at,
  };
}

/** One membership item per IPTC topic and per custom topic, listed in the overloaded timeline index. */
export function topicItems(record: ArticleRecord): { pk: string; sk: string; [key: string]: unknown }[] {
  if (record.duplicateOf) return [];
  const at = `${sortTime(record)}#${record.id}`;
  const month = monthOf(at);
  const item = (sk: string, gsi1pk: string, score: number) => ({ pk: articlePk(record.id), sk, gsi1pk, gsi1sk: at, score });
  return [
    ...record.topics.map((topic) => item(`TOPIC#${topic.code}`, topicPk(topic.code, month), topic.score)),
    ...record.customTopics.map((topic) => item(`CTOPIC#${topic.id}`, customTopicPk(topic.id, month), topic.score)),
  ];
}

const INDEX_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'];

export function recordFromItem(item: Record<string, unknown>): ArticleRecord {
  const { textBrotli, ...copy } = item;
  for (const key of INDEX_ATTRIBUTES) delete copy[key];
  if (textBrotli instanceof Uint8Array) copy.text = brotliDecompressSync(textBrotli).toString('utf8');
  for (const [field, value] of Object.entries(BUILD_FIELD_DEFAULTS)) copy[field] ??= value;
  return copy as ArticleRecord;
}
