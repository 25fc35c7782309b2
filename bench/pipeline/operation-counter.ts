// Counts the AWS operations a run really sends, below the SDK: a middleware on each client sees every
// HTTP request (retries included) with its command name and wire input. DynamoDB write units are
// computed from the items on the wire by the documented rules (1 KB units, one more write per index
// that holds a copy, at that copy's size), because the local servers report no index capacity; read
// units come from the items the responses carry (4 KB units, halved for eventually consistent reads).
// Round trips are counted per handler invocation (see `invocation`).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { TABLES } from '../../shared/store/definitions.ts';
import type { TableDefinition } from '../../shared/store/definitions.ts';
import { itemSize } from '../store/item-size.ts';

export interface OperationCounts {
  dynamo: {
    requests: Record<string, number>;
    writeUnits: Record<string, number>;
    readUnits: Record<string, number>;
    writeUnitsByItem: Record<string, number>;
  };
  s3: { puts: number; putBytes: number; gets: number; lists: number };
  sqs: { requests: Record<string, number>; messagesSent: number };
}

export function emptyCounts(): OperationCounts {
  return {
    dynamo: { requests: {}, writeUnits: {}, readUnits: {}, writeUnitsByItem: {} },
    s3: { puts: 0, putBytes: 0, gets: 0, lists: 0 },
    sqs: { requests: {}, messagesSent: 0 },
  };
}

/** Adds `more` into `into` (counts from several processes). */
export function addCounts(into: OperationCounts, more: OperationCounts): void {
  const merge = (a: Record<string, number>, b: Record<string, number>) => {
    for (const [key, n] of Object.entries(b)) add(a, key, n);
  };
  merge(into.dynamo.requests, more.dynamo.requests);
  merge(into.dynamo.writeUnits, more.dynamo.writeUnits);
  merge(into.dynamo.readUnits, more.dynamo.readUnits);
  merge(into.dynamo.writeUnitsByItem, more.dynamo.writeUnitsByItem);
  into.s3.puts += more.s3.puts;
  into.s3.putBytes += more.s3.putBytes;
  into.s3.gets += more.s3.gets;
  into.s3.lists += more.s3.lists;
  merge(into.sqs.requests, more.sqs.requests);
  into.sqs.messagesSent += more.sqs.messagesSent;
}

const add = (into: Record<string, number>, key: string, n: number) => (into[key] = (into[key] ?? 0) + n);

export interface InvocationScope {
  /** Requests sent and not yet answered. */
  inFlight: number;
  /** Bursts of requests sent side by side (see `invocation`). */
  roundTrips: number;
  /** Whether a response came back since the current burst began. */
  answered?: boolean;
}

/**
 * The handler invocation a request is sent from: the counting run calls each handler inside
 * `invocation.run(scope, ...)`. Requests sent side by side (the band Queries of `Promise.all`) wait for
 * the network once: a request starts a new round trip unless it is sent while the previous ones are all
 * still unanswered. A request sent after any answer came back is a new round trip, so the records of a
 * batch count as if their waits never overlapped (an upper bound: in Lambda they do overlap), and the
 * count does not depend on how fast the local servers answer.
 */
export const invocation = new AsyncLocalStorage<InvocationScope>();

async function inScope<T>(send: () => Promise<T>): Promise<T> {
  const scope = invocation.getStore();
  if (scope) {
    if (scope.inFlight === 0 || scope.answered) scope.roundTrips++;
    scope.inFlight++;
    scope.answered = false;
  }
  try {
    return await send();
  } finally {
    if (scope) {
      scope.inFlight--;
      scope.answered = true;
    }
  }
}
const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const readUnits = (bytes: number, consistent: boolean) => Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

/** What an item is, for the write breakdown: record, topic membership, LSH band, claim, host gate... */
export function itemKind(table: string, item: Record<string, unknown>): string {
  const pk = String(item.pk ?? '');
  const sk = String(item.sk ?? '');
  const prefix = pk.split('#')[0];
  if (prefix === 'ART') return sk === 'RECORD' ? 'record' : sk.startsWith('CTOPIC#') ? 'custom topic membership' : 'topic membership';
  const names: Record<string, string> = {
    DEDUPE: 'dedupe entry (fingerprint, story)',
    BAND: 'LSH band',
    CLAIM: 'URL claim',
    HOST: 'host gate',
    COUNT: 'console counters (day, story)',
    ROBOTS: 'robots.txt cache',
    FEED: 'feed',
  };
  return names[prefix] ?? `${table}:${prefix || 'other'}`;
}

function tableOf(name: string): TableDefinition | undefined {
  return TABLES.find((table) => table.localName === name);
}

/** Write units of putting `item`: the table's copy and one per index whose keys it carries, at that copy's size. */
export function putWriteUnits(table: TableDefinition | undefined, item: Record<string, unknown>): { table: number; indexes: number } {
  const base = writeUnits(itemSize(item));
  let indexes = 0;
  for (const index of table?.indexes ?? []) {
    if (item[index.partitionKey] === undefined || item[index.sortKey] === undefined) continue;
    indexes += writeUnits(itemSize(projected(table!, index, item)));
  }
  return { table: base, indexes };
}

export function projected(table: TableDefinition, index: TableDefinition['indexes'][number], item: Record<string, unknown>): Record<string, unknown> {
  const projection = index.projection ?? { type: 'ALL' };
  if (projection.type === 'ALL') return item;
  const keep = new Set([table.partitionKey, table.sortKey, index.partitionKey, index.sortKey, ...(projection.type === 'INCLUDE' ? projection.attributes : [])]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => keep.has(name)));
}

type Input = Record<string, unknown>;
type Middleware = Parameters<DynamoDBClient['middlewareStack']['add']>[0];

export class OperationCounter {
  counts = emptyCounts();

  reset(): OperationCounts {
    const out = this.counts;
    this.counts = emptyCounts();
    return out;
  }

  attachDynamo(client: { middlewareStack: DynamoDBClient['middlewareStack'] }): void {
    const middleware: Middleware = (next, context) => async (args) => {
      const command = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      add(this.counts.dynamo.requests, command, 1);
      const input = args.input as Input;
      try {
        const result = await inScope(() => next(args));
        this.countDynamo(command, input, (result.output ?? {}) as unknown as Input);
        return result;
      } catch (error) {
        // A write whose condition fails still consumes a write unit (of the small items it is used on here).
        if ((error as Error).name === 'ConditionalCheckFailedException') {
          const table = String(input.TableName);
          add(this.counts.dynamo.writeUnits, table, 1);
          add(this.counts.dynamo.writeUnitsByItem, `${itemKind(table, keyOf(input))} (condition failed)`, 1);
        }
        throw error;
      }
    };
    client.middlewareStack.add(middleware, { step: 'deserialize', priority: 'high', name: 'syndicOperationCounter', override: true });
  }

  attachS3(client: S3Client): void {
    client.middlewareStack.add(
      ((next, context) => async (args) => {
        const command = String(context.commandName ?? '');
        const input = args.input as Input;
        if (command === 'PutObjectCommand') {
          this.counts.s3.puts++;
          const body = input.Body as Uint8Array | string | undefined;
          this.counts.s3.putBytes += typeof body === 'string' ? Buffer.byteLength(body) : (body?.byteLength ?? 0);
        } else if (command === 'GetObjectCommand') this.counts.s3.gets++;
        else if (command.startsWith('List')) this.counts.s3.lists++;
        return inScope(() => next(args));
      }) as Parameters<S3Client['middlewareStack']['add']>[0],
      { step: 'deserialize', priority: 'high', name: 'syndicOperationCounter', override: true },
    );
  }

  attachSqs(client: SQSClient, label = ''): void {
    client.middlewareStack.add(
      ((next, context) => async (args) => {
        const command = String(context.commandName ?? 'unknown').replace(/Command$/, '');
        const input = args.input as Input;
        add(this.counts.sqs.requests, `${label}${command}`, 1);
        if (command === 'SendMessage') this.counts.sqs.messagesSent++;
        if (command === 'SendMessageBatch') this.counts.sqs.messagesSent += (input.Entries as unknown[]).length;
        return inScope(() => next(args));
      }) as Parameters<SQSClient['middlewareStack']['add']>[0],
      { step: 'deserialize', priority: 'high', name: 'syndicOperationCounter', override: true },
    );
  }

  private countDynamo(command: string, input: Input, output: Input): void {
    const d = this.counts.dynamo;
    const write = (tableName: string, item: Record<string, unknown>) => {
      const units = putWriteUnits(tableOf(tableName), item);
      add(d.writeUnits, tableName, units.table + units.indexes);
      const kind = itemKind(tableName, item);
      add(d.writeUnitsByItem, kind, units.table);
      if (units.indexes > 0) add(d.writeUnitsByItem, `${kind} (index copies)`, units.indexes);
    };
    switch (command) {
      case 'PutItem':
        write(String(input.TableName), unmarshallItem(input.Item));
        break;
      case 'UpdateItem':
      case 'DeleteItem':
        // Small state items (claims, gate, feeds) and deletes of index items: one unit each.
        add(d.writeUnits, String(input.TableName), 1);
        add(d.writeUnitsByItem, itemKind(String(input.TableName), keyOf(input)), 1);
        break;
      case 'BatchWriteItem':
        for (const [tableName, requests] of Object.entries(input.RequestItems as Record<string, Input[]>)) {
          for (const request of requests) {
            const put = request.PutRequest as Input | undefined;
            if (put) write(tableName, unmarshallItem(put.Item));
            else {
              add(d.writeUnits, tableName, 1);
              add(d.writeUnitsByItem, `${itemKind(tableName, keyOf(request.DeleteRequest as Input))} (delete)`, 1);
            }
          }
        }
        break;
      case 'GetItem':
        add(d.readUnits, String(input.TableName), readUnits(output.Item ? itemSize(unmarshallItem(output.Item)) : 0, input.ConsistentRead === true));
        break;
      case 'Query':
      case 'Scan': {
        const bytes = ((output.Items as Input[] | undefined) ?? []).reduce((sum, item) => sum + itemSize(unmarshallItem(item)), 0);
        add(d.readUnits, String(input.TableName), readUnits(bytes, input.ConsistentRead === true));
        break;
      }
      case 'BatchGetItem':
        for (const [tableName, items] of Object.entries((output.Responses as Record<string, Input[]> | undefined) ?? {})) {
          for (const item of items) add(d.readUnits, tableName, readUnits(itemSize(unmarshallItem(item)), false));
        }
        break;
    }
  }
}

const ATTRIBUTE_TYPES = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']);

/** Wire items are AttributeValue maps; the document client may hand them over already converted. */
function unmarshallItem(item: unknown): Record<string, unknown> {
  const values = Object.values((item ?? {}) as Record<string, unknown>);
  const wire = values.every((v) => v !== null && typeof v === 'object' && Object.keys(v).length === 1 && ATTRIBUTE_TYPES.has(Object.keys(v)[0]));
  return wire ? unmarshall(item as Record<string, AttributeValue>) : ((item ?? {}) as Record<string, unknown>);
}

function keyOf(input: Input): Record<string, unknown> {
  return input.Key ? unmarshallItem(input.Key) : {};
}
