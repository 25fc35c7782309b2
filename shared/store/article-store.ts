// DynamoDB access for article records. Writes are conditional so that SQS redeliveries and concurrent
// workers never create a second record; reads are Queries on the indexes of ARTICLES_TABLE.
import { BatchGetCommand, BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BatchGetCommandOutput, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { ArticleRecord } from './records.ts';
import { BUILD_FIELDS, BUILD_FIELD_DEFAULTS, articleRecordSchema, sameBuild } from './records.ts';
import {
  DEDUPE_SK, RECORD_SK, articleIdOf, articlePk, bandPk, customTopicPk, dedupePk, monthOf, recordFromItem, recordItem, sourcePk, storyPk, timelinePk,
  topicItems, topicPk,
} from './article-keys.ts';
import { ArticleCounts } from './article-counts.ts';
import { InvalidCursorError } from './cursor.ts';
import type { Position } from './cursor.ts';

export interface TimeRange {
  /** Inclusive ISO timestamps; defaults: the last 30 days up to now. */
  since?: string;
  until?: string;
}

export interface PageRequest extends TimeRange {
  limit?: number;
  /** Where the previous page stopped (its `next`). */
  after?: Position | null;
}

export interface Page {
  items: ArticleRecord[];
  /** Where the next page starts; null after the last page. Callers hand it out only as a signed cursor. */
  next: Position | null;
}

const DEFAULT_WINDOW_MS = 30 * 24 * 3600 * 1000;
const MAX_MONTHS_PER_PAGE = 12;
const MAX_LIMIT = 100;

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

export type PutOutcome = 'created' | 'updated' | 'unchanged';

export interface DedupeEntry {
  /** The fingerprint without its band keys (as a record stores it). */
  fingerprint: Record<string, string | number>;
  storyId: string | null;
}

/** What makes a stored record out of date: a newer entry version, or another build (see sameBuild). */
const VERSION_FIELDS = ['entryVersion', ...BUILD_FIELDS] as const;

/** Entry versions are the feed's updated dates; '-' (none) is older than any date. */
function isNewerEntry(candidate: string, stored: string): boolean {
  if (candidate === stored || candidate === '-') return false;
  if (stored === '-') return true;
  const [a, b] = [Date.parse(candidate), Date.parse(stored)];
  return Number.isNaN(a) || Number.isNaN(b) ? candidate > stored : a > b;
}

export class ArticleStore {
  /** Per-day and per-story counters, kept as records are first stored (see article-counts.ts). */
  readonly counts: ArticleCounts;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.counts = new ArticleCounts(client, tableName);
  }

  /**
   * Writes a record once. Writing it again is a no-op ('unchanged') unless one of its version fields
   * differs, in which case it replaces the stored record ('updated'), keeping the story it belongs to.
   */
  async put(record: ArticleRecord): Promise<PutOutcome> {
    articleRecordSchema.parse(record);
    // Index items are written for the record that is actually stored, so a second write whose story
    // differs from the stored one leaves no stray topic memberships behind.
    if (await this.putIf(record, 'attribute_not_exists(pk)')) {
      await this.batchPut(topicItems(record));
      await this.counts.count(record);
      return 'created';
    }

    const stored = await this.get(record.id, true);
    if (!stored) throw new Error(`record ${record.id} vanished while being written`);
    const newerEntry = isNewerEntry(record.entryVersion, stored.entryVersion);
    // The same entry seen again (another feed, an older date, a redelivery) changes nothing, but its
    // index items are written again: they are idempotent, and that finishes a write cut short.
    if (!newerEntry && sameBuild(stored, record)) {
      await this.batchPut(topicItems(stored));
      return 'unchanged';
    }
    const replacement = {
      ...record,
      entryVersion: newerEntry ? record.entryVersion : stored.entryVersion,
      duplicateOf: stored.duplicateOf,
      storyId: stored.storyId,
    };
    await this.batchPut(topicItems(replacement));
    const condition = VERSION_FIELDS.map((field) => {
      // A record written before the field existed has no attribute to compare.
      const missing = field in BUILD_FIELD_DEFAULTS && stored[field] === BUILD_FIELD_DEFAULTS[field as keyof typeof BUILD_FIELD_DEFAULTS];
      return missing ? `(${field} = :${field} OR attribute_not_exists(${field}))` : `${field} = :${field}`;
    }).join(' AND ');
    const values = Object.fromEntries(VERSION_FIELDS.map((field) => [`:${field}`, stored[field]]));
    // Optimistic: a concurrent writer of another version makes this fail, and the message is retried.
    if (!(await this.putIf(replacement, condition, values))) throw new Error(`record ${record.id} changed while being replaced`);
    const current = new Set(topicItems(replacement).map((item) => item.sk));
    await this.batchDelete(topicItems(stored).filter((item) => !current.has(item.sk)).map(({ pk, sk }) => ({ pk, sk })));
    return 'updated';
  }

  private async putIf(record: ArticleRecord, condition: string, values?: Record<string, unknown>): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: recordItem(record), ConditionExpression: condition, ExpressionAttributeValues: values }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(id: string, consistent = false): Promise<ArticleRecord | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: articlePk(id), sk: RECORD_SK }, ConsistentRead: consistent }),
    );
    return Item ? recordFromItem(Item) : null;
  }

  async getMany(ids: string[]): Promise<ArticleRecord[]> {
    const found = new Map<string, ArticleRecord>();
    for (let i = 0; i < ids.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map((id) => ({ pk: articlePk(id), sk: RECORD_SK }));
      while (keys && keys.length > 0) {
        const out: BatchGetCommandOutput = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
        for (const item of out.Responses?.[this.tableName] ?? []) {
          const record = recordFromItem(item);
          found.set(record.id, record);
        }
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /** Makes an article's fingerprint visible to copies processed at the same time, before any decision. */
  async reserveFingerprint(id: string, fingerprint: Record<string, string | number>): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: dedupePk(id), sk: DEDUPE_SK },
        UpdateExpression: 'SET fingerprint = :fingerprint',
        ExpressionAttributeValues: { ':fingerprint': fingerprint },
      }),
    );
  }

  /** The reserved fingerprints of these articles, and their story where one was decided. */
  async dedupeEntries(ids: string[]): Promise<Map<string, DedupeEntry>> {
    const found = new Map<string, DedupeEntry>();
    for (let i = 0; i < ids.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map((id) => ({ pk: dedupePk(id), sk: DEDUPE_SK }));
      while (keys && keys.length > 0) {
        const out: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          found.set(String(item.pk).slice(dedupePk('').length), { fingerprint: item.fingerprint, storyId: item.storyId ?? null });
        }
        keys = out.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  /**
   * Assigns an article to a story unless it already has one, and returns the story it has: the first
   * decision holds, whoever made it (the article itself, or a copy processed at the same time).
   */
  async decideStory(id: string, storyId: string): Promise<string> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: dedupePk(id), sk: DEDUPE_SK },
          UpdateExpression: 'SET storyId = :story',
          ConditionExpression: 'attribute_not_exists(storyId)',
          ExpressionAttributeValues: { ':story': storyId },
        }),
      );
      return storyId;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: { pk: dedupePk(id), sk: DEDUPE_SK }, ConsistentRead: true }),
      );
      return String(Item!.storyId);
    }
  }

  /** Article ids that share any of the LSH band keys: the candidates for near-duplicate checks. */
  async candidatesForBands(bandKeys: string[], perBand = 20): Promise<string[]> {
    // Side by side: the article function is billed for the wall time, and each Query is a round trip.
    const pages = await Promise.all(
      bandKeys.map((key) =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': bandPk(key) },
            Limit: perBand,
          }),
        ),
      ),
    );
    return [...new Set(pages.flatMap((out) => (out.Items ?? []).map((item) => String(item.sk))))];
  }

  async addBands(bandKeys: string[], id: string): Promise<void> {
    await this.batchPut(bandKeys.map((key) => ({ pk: bandPk(key), sk: id })));
  }

  /** Everything (one entry per story) within a time range, newest first. */
  listRecent(request: PageRequest = {}): Promise<Page> {
    return this.listByMonth(request, timelinePk);
  }

  listByTopic(code: string, request: PageRequest = {}): Promise<Page> {
    return this.listByMonth(request, (month) => topicPk(code, month));
  }

  /** Articles a custom topic (config/topics.json) matched. */
  listByCustomTopic(id: string, request: PageRequest = {}): Promise<Page> {
    return this.listByMonth(request, (month) => customTopicPk(id, month));
  }

  async listBySource(host: string, request: PageRequest = {}): Promise<Page> {
    const { since, until } = resolveRange(request);
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'bySource',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': sourcePk(host), ':from': since, ':to': `${until}~` },
        ScanIndexForward: false,
        Limit: clampLimit(request.limit),
        ExclusiveStartKey: startKey(request.after, { gsi2pk: sourcePk(host) }),
      }),
    );
    return {
      items: await this.getMany((out.Items ?? []).map(articleIdOf)),
      next: out.LastEvaluatedKey ? { key: out.LastEvaluatedKey } : null,
    };
  }

  /** Every stored copy of a story, oldest first (the first is the original). */
  async listStory(storyId: string): Promise<ArticleRecord[]> {
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byStory',
          KeyConditionExpression: 'gsi3pk = :pk',
          ExpressionAttributeValues: { ':pk': storyPk(storyId) },
          ExclusiveStartKey: start,
        }),
      );
      ids.push(...(out.Items ?? []).map(articleIdOf));
      start = out.LastEvaluatedKey;
    } while (start);
    return this.getMany(ids);
  }

  /**
   * Walks month partitions from the newest down; a position remembers the month and the place in it. A
   * call reads at most MAX_MONTHS_PER_PAGE partitions, so a long, sparse range costs several short pages
   * rather than one unbounded call.
   */
  private async listByMonth(request: PageRequest, partition: (month: string) => string): Promise<Page> {
    const { since, until } = resolveRange(request);
    const limit = clampLimit(request.limit);
    const after = request.after as { month?: unknown; key?: Record<string, unknown> } | null | undefined;
    let month = after ? String(after.month) : monthOf(until);
    if (!/^\d{4}-\d\d$/.test(month) || month > monthOf(until) || month < monthOf(since)) throw new InvalidCursorError('the cursor is outside this time range');
    let start = after ? startKey(after, { gsi1pk: partition(month) }) : undefined;
    const ids: string[] = [];
    const page = async (next: Position | null): Promise<Page> => ({ items: await this.getMany(ids), next });
    for (let walked = 0; month >= monthOf(since); walked++) {
      if (walked === MAX_MONTHS_PER_PAGE) return page({ month });
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'timeline',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': partition(month), ':from': since, ':to': `${until}~` },
          ScanIndexForward: false,
          Limit: limit - ids.length,
          ExclusiveStartKey: start,
        }),
      );
      ids.push(...(out.Items ?? []).map(articleIdOf));
      start = out.LastEvaluatedKey;
      if (ids.length >= limit) {
        if (start) return page({ month, key: start });
        return page(previousMonth(month) >= monthOf(since) ? { month: previousMonth(month) } : null);
      }
      if (!start) month = previousMonth(month);
    }
    return page(null);
  }

  private batchPut(items: Record<string, unknown>[]): Promise<void> {
    return this.batchWrite(items.map((Item) => ({ PutRequest: { Item } })));
  }

  private batchDelete(keys: Record<string, unknown>[]): Promise<void> {
    return this.batchWrite(keys.map((Key) => ({ DeleteRequest: { Key } })));
  }

  /** BatchWriteItem in chunks of 25, retrying what DynamoDB leaves unprocessed with backoff. */
  private async batchWrite(writes: WriteRequest[]): Promise<void> {
    for (let i = 0; i < writes.length; i += 25) {
      let requests: WriteRequest[] | undefined = writes.slice(i, i + 25);
      for (let attempt = 0; requests && requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        const out = await this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = out.UnprocessedItems?.[this.tableName] as WriteRequest[] | undefined;
      }
    }
  }
}

function clampLimit(limit: number | undefined): number {
  return Math.max(1, Math.min(MAX_LIMIT, Math.trunc(limit ?? 20)));
}

function resolveRange(range: TimeRange): { since: string; until: string } {
  const until = range.until ?? new Date().toISOString();
  const since = range.since ?? new Date(Date.parse(until) - DEFAULT_WINDOW_MS).toISOString();
  return { since, until };
}

/** A saved DynamoDB position, accepted only if it belongs to the partition being read. */
function startKey(after: Position | null | undefined, partition: Record<string, string>): Record<string, unknown> | undefined {
  const key = (after as { key?: Record<string, unknown> } | null | undefined)?.key;
  if (key === undefined) return undefined;
  const fits = typeof key === 'object' && key !== null && Object.entries(partition).every(([name, value]) => key[name] === value);
  if (!fits) throw new InvalidCursorError('the cursor belongs to another listing');
  return key;
}

function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}
