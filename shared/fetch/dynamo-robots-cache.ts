import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RobotsCache, RobotsKey, RobotsRecord } from './robots.ts';

export interface DynamoRobotsCacheOptions {
  client: DynamoDBDocumentClient;
  /** Table with string keys pk and sk, and a TTL attribute expiresAt (epoch seconds). */
  tableName: string;
}

// DynamoDB items stop at 400 KB; a robots.txt beyond this is cut (RFC 9309 asks for at least 500 KiB
// to be parsed, but rules that far down are vanishingly rare).
const MAX_STORED_CHARS = 350_000;

/** robots.txt shared by all fetchers: pk ROBOTS#<host>, sk the protocol. Expiry is checked on read, not left to TTL. */
export class DynamoRobotsCache implements RobotsCache {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(options: DynamoRobotsCacheOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  async get(key: RobotsKey): Promise<RobotsRecord | null> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: `ROBOTS#${key.host}`, sk: key.protocol } }));
    if (!Item || Number(Item.validUntil) <= Date.now()) return null;
    return { status: Number(Item.status), body: String(Item.body ?? ''), expiresAt: Number(Item.validUntil) };
  }

  async put(key: RobotsKey, record: RobotsRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `ROBOTS#${key.host}`,
          sk: key.protocol,
          status: record.status,
          body: record.body.slice(0, MAX_STORED_CHARS),
          validUntil: record.expiresAt,
          expiresAt: Math.ceil(record.expiresAt / 1000) + 86_400,
        },
      }),
    );
  }
}
