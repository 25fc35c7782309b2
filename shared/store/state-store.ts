// Operational state in the state table: feeds (validators, health, due time), URL claims and failures.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes, randomUUID } from 'node:crypto';
import type { FeedHealth } from '../feeds/health.ts';
import type { FeedRules } from '../extract/feed-rules.ts';


export interface FeedState {
  id: string;
  url: string;
  title: string | null;
  /** 'file': managed by the feeds file, removed when the file drops it; 'cli': added by hand; 'index': listed by a sitemap index. */
  origin: 'file' | 'cli' | 'index';
  addedAt: string;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: string | null;
  health: FeedHealth;
  /** The feed's extraction rules (shared/extract/feed-rules.ts); absent on feeds without any. */
  rules?: FeedRules;
}

export interface ClaimRequest {
  articleId: string;
  /** A new version (the entry's updated date changed) is claimed and processed again. */
  version: string;
  url: string;
  now: Date;
  /**
   * Who claims it: the feed message whose read found the entry. A later delivery of the same message
   * (after a crash between claiming and sending the job, or a lost reply to the claim) takes its own
   * unfinished claim again instead of finding it taken, so the URL is not held until the lease ends.
   */
  owner?: string;
}

export type ClaimStatus = 'done' | 'failed';

export interface ClaimState {
  /** In progress until its job finishes; a job SQS dead-lettered by itself (crash, timeout) never does. */
  status: ClaimStatus | 'in-progress';
  url: string;
  claimedAt: string;
  finishedAt: string | null;
  detail: string | null;
  /** The SQS message whose failure finished the claim (dead-lettered once, whatever its redeliveries). */
  failedBy: string | null;
  /** When an unfinished claim may be taken again. */
  leaseEndsAt: string;
  /** The live message of the job once it was handed back (`ArticleJob.lineage`); null before. */
  lineage: string | null;
}

const FEEDS_PK = 'FEED';
const DUE_SHARD = 'DUE';
/**
 * A claim whose article never finished (a crash between claim and enqueue, or a job SQS moved to the DLQ
 * by itself) may be taken again after this: well past the receives SQS allows a job
 * (maxReceiveCount x visibility timeout = 18 minutes).
 */
const CLAIM_LEASE_MS = 6 * 3600 * 1000;
const CLAIM_TTL_DAYS = 400;

export class StateStore {
  static readonly CLAIM_LEASE_MS = CLAIM_LEASE_MS;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * The key that signs pagination cursors: made at random by whoever needs it first and shared by every
   * function after, so no secret lives in code or configuration.
   */
  async cursorKey(): Promise<Uint8Array> {
    const key = { pk: CONFIG_PK, sk: 'CURSOR_KEY' };
    const read = async () => (await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))).Item?.value as string | undefined;
    const existing = await read();
    if (existing) return Buffer.from(existing, 'base64');
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: { ...key, value: randomBytes(32).toString('base64') }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error; // another caller made it first
    }
    return Buffer.from((await read())!, 'base64');
  }

  async putFeed(feed: FeedState): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: feedItem(feed) }));
  }

  /** Adds a feed unless it is already there; returns false for a feed that exists. */
  async addFeed(feed: FeedState): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: feedItem(feed), ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Moves a feed's due time without touching the rest, so a dispatched feed is not dispatched twice.
   * With `ifDueAt`, only while the feed is still due at that time (nobody has moved it meanwhile).
   */
  async postponeFeed(id: string, nextDueAt: string, ifDueAt?: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: FEEDS_PK, sk: id },
          UpdateExpression: 'SET dueAt = :due, feed.health.nextDueAt = :due',
          ConditionExpression: ifDueAt === undefined ? 'attribute_exists(dueShard)' : 'attribute_exists(dueShard) AND dueAt = :was',
          ExpressionAttributeValues: { ':due': nextDueAt, ...(ifDueAt === undefined ? {} : { ':was': ifDueAt }) },
        }),
      );
    } catch (error) {
      // Paused, removed or already moved meanwhile: nothing to postpone.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Sets or clears a feed's extraction rules without touching the rest of it. */
  async setFeedRules(id: string, rules: FeedRules | null): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: FEEDS_PK, sk: id },
        UpdateExpression: rules ? 'SET feed.#rules = :rules' : 'REMOVE feed.#rules',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#rules': 'rules' },
        ...(rules ? { ExpressionAttributeValues: { ':rules': rules } } : {}),
      }),
    );
  }

  async getFeed(id: string): Promise<FeedState | null> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: FEEDS_PK, sk: id } }));
    return Item ? (Item.feed as FeedState) : null;
  }

  async removeFeed(id: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: FEEDS_PK, sk: id } }));
  }

  async listFeeds(): Promise<FeedState[]> {
    const feeds: FeedState[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': FEEDS_PK },
          ExclusiveStartKey: start,
        }),
      );
      feeds.push(...(out.Items ?? []).map((item) => item.feed as FeedState));
      start = out.LastEvaluatedKey;
    } while (start);
    return feeds;
  }

  /** Feeds whose next due time has passed, oldest due first; paused feeds are not in the index. */
  async dueFeeds(now: Date, limit = 500): Promise<FeedState[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'dueFeeds',
        KeyConditionExpression: 'dueShard = :shard AND dueAt <= :now',
        ExpressionAttributeValues: { ':shard': DUE_SHARD, ':now': now.toISOString() },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => item.feed as FeedState);
  }

  /**
   * Claims one version of an article URL. True when this caller should process it; false when it is
   * already claimed (a duplicate entry, or a redelivery of a feed message).
   */
  async claim({ articleId, version, url, now, owner }: ClaimRequest): Promise<boolean> {
    const retake = owner === undefined ? 'claimedAt < :stale' : '(claimedAt < :stale OR claimedBy = :owner)';
    // Names this attempt, so that a retry of a write whose reply was lost knows the claim is its own.
    const token = randomUUID();
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `CLAIM#${articleId}`,
            sk: version,
            url,
            token,
            claimedAt: now.toISOString(),
            ...(owner === undefined ? {} : { claimedBy: owner }),
            expiresAt: Math.floor(now.getTime() / 1000) + CLAIM_TTL_DAYS * 86400,
          },
          ConditionExpression: `attribute_not_exists(pk) OR (attribute_not_exists(finishedAt) AND ${retake})`,
          ExpressionAttributeValues: {
            ':stale': new Date(now.getTime() - CLAIM_LEASE_MS).toISOString(),
            ...(owner === undefined ? {} : { ':owner': owner }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // The SDK retries a write whose reply was lost; the retry then fails its condition against our own item.
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: { pk: `CLAIM#${articleId}`, sk: version }, ConsistentRead: true, ProjectionExpression: '#token', ExpressionAttributeNames: { '#token': 'token' } }),
      );
      return Item?.token === token;
    }
  }

  /** Gives a claim back when the article job could not be enqueued, so the next feed read retries it. */
  async releaseClaim(articleId: string, version: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: `CLAIM#${articleId}`, sk: version } }));
  }

  async claimStatus(articleId: string, version: string): Promise<ClaimState | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `CLAIM#${articleId}`, sk: version }, ConsistentRead: true }),
    );
    if (!Item) return null;
    // A job that was never claimed (sent by hand, or its claim expired) is finished without a claim time.
    const claimedAt = (Item.claimedAt ?? Item.finishedAt) as string;
    return {
      status: Item.finishedAt ? (Item.status as ClaimStatus) : 'in-progress',
      url: Item.url as string,
      claimedAt,
      finishedAt: (Item.finishedAt as string | undefined) ?? null,
      detail: (Item.detail as string | undefined) ?? null,
      failedBy: (Item.failedBy as string | undefined) ?? null,
      lineage: (Item.lineage as string | undefined) ?? null,
      leaseEndsAt: new Date(Date.parse(claimedAt) + CLAIM_LEASE_MS).toISOString(),
    };
  }

  /**
   * Makes `to` the live message of a claimed job, if `from` still is (null: the job was never handed
   * back). False when another copy of the job passed it on first, or the claim is gone; the caller's copy
   * is then stale. A lost reply whose retry meets the condition is read back, as `claim` does.
   */
  async passClaim(articleId: string, version: string, from: string | null, to: string): Promise<boolean> {
    const key = { pk: `CLAIM#${articleId}`, sk: version };
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET lineage = :to',
          ConditionExpression: from === null ? 'attribute_exists(pk) AND attribute_not_exists(lineage)' : 'lineage = :from',
          ExpressionAttributeValues: { ':to': to, ...(from === null ? {} : { ':from': from }) },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true, ProjectionExpression: 'lineage' }));
      return Item?.lineage === to;
    }
  }

  async finishClaim(articleId: string, version: string, status: ClaimStatus, detail: string | null, now: Date, failedBy?: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `CLAIM#${articleId}`, sk: version },
        UpdateExpression: `SET finishedAt = :at, #status = :status, detail = :detail${failedBy ? ', failedBy = :by' : ''}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':at': now.toISOString(), ':status': status, ':detail': detail, ...(failedBy ? { ':by': failedBy } : {}) },
      }),
    );
  }
}

/** Items of deployment-wide settings; the query API may write nothing else (see the stack's grants). */
export const CONFIG_PK = 'CONFIG';

function feedItem(feed: FeedState): Record<string, unknown> {
  return {
    pk: FEEDS_PK,
    sk: feed.id,
    feed,
    ...(feed.health.paused ? {} : { dueShard: DUE_SHARD, dueAt: feed.health.nextDueAt }),
  };
}
