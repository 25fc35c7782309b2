// Key layout of the articles table (see ARTICLES_TABLE): one record item per article, plus small index
// items (topic memberships, content hashes, LSH bands) that let every access pattern be a Query.
import type { ArticleRecord } from './records.ts';
import { BUILD_FIELD_DEFAULTS, sortTime } from './records.ts';

export const RECORD_SK = 'RECORD';

export const articlePk = (id: string) => `ART#${id}`;
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

/** The record item with its index keys. Copies stay out of the timeline so a story is listed once. */
export function recordItem(record: ArticleRecord): Record<string, unknown> {
  const at = `${sortTime(record)}#${record.id}`;
  const month = monthOf(at);
  return {
    ...record,
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
  const item = (sk: string, gsi1pk: string, score: number) => ({ pk: articlePk(record.id), sk, gsi1pk, gsi1sk: at, articleId: record.id, score });
  return [
    ...record.topics.map((topic) => item(`TOPIC#${topic.code}`, topicPk(topic.code, month), topic.score)),
    ...record.customTopics.map((topic) => item(`CTOPIC#${topic.id}`, customTopicPk(topic.id, month), topic.score)),
  ];
}

const INDEX_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'];

export function recordFromItem(item: Record<string, unknown>): ArticleRecord {
  const copy = { ...item };
  for (const key of INDEX_ATTRIBUTES) delete copy[key];
  for (const [field, value] of Object.entries(BUILD_FIELD_DEFAULTS)) copy[field] ??= value;
  return copy as ArticleRecord;
}
