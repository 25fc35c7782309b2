// The checker finds each kind of broken outcome it exists for: every check is shown failing here on a
// state built to break it, so none of them can pass by construction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalAwsServers } from '../../cli/local/aws-servers.ts';
import type { LocalAwsServers } from '../../cli/local/aws-servers.ts';
import { ensureResources } from '../../cli/local/resources.ts';
import { createClients } from '../../shared/aws/clients.ts';
import type { AwsClients } from '../../shared/aws/clients.ts';
import { ArticleStore } from '../../shared/store/article-store.ts';
import { RawArchive } from '../../shared/store/raw-archive.ts';
import { ARTICLES_TABLE, RAW_BUCKET, STATE_TABLE } from '../../shared/store/definitions.ts';
import type { DeadLetterEntry } from '../../shared/store/dead-letters.ts';
import { makeRecord } from '../../tests/support/records.ts';
import { account } from './checker.ts';

const names = { articlesTable: ARTICLES_TABLE.localName, stateTable: STATE_TABLE.localName, rawBucket: RAW_BUCKET.localName };
let servers: LocalAwsServers;
let aws: AwsClients;

const letter = (url: string, errorCode: string): DeadLetterEntry => ({
  queue: 'articles', messageId: Math.random().toString(36), errorCode, reason: errorCode, attempts: 1, url, firstFailureAt: null, lastFailureAt: null,
});

async function store(url: string, raw: 'kept' | 'missing' | 'other bytes'): Promise<void> {
  const body = new TextEncoder().encode(`<p>${url}</p>`);
  const archive = new RawArchive(aws.s3, names.rawBucket);
  const key = await archive.put({ articleId: 'x', url, fetchedAt: new Date('2026-11-20T11:00:00Z'), contentType: 'text/html', body });
  const rawKey = raw === 'kept' ? key : raw === 'missing' ? key.replace(/[0-9a-f]{64}$/, '0'.repeat(64)) : key;
  if (raw === 'other bytes') await archive.put({ articleId: 'x', url, fetchedAt: new Date('2026-11-20T11:00:00Z'), contentType: 'text/html', body: new TextEncoder().encode('changed') }).then(async (other) => {
    // The record names one object, the bucket holds other bytes under that name.
    const { CopyObjectCommand } = await import('@aws-sdk/client-s3');
    await aws.s3.send(new CopyObjectCommand({ Bucket: names.rawBucket, Key: key, CopySource: `${names.rawBucket}/${other}` }));
  });
  await new ArticleStore(aws.dynamo, names.articlesTable).put(makeRecord({ url, rawKey }));
}

beforeAll(async () => {
  servers = await startLocalAwsServers();
  aws = createClients(servers.env);
  await ensureResources(aws);
}, 60_000);

afterAll(async () => {
  await servers?.stop();
});

describe('the reliability checker', () => {
  it('counts lost, duplicated, unexpected, rejected, records without raw copy, raw mismatches, orphans and open claims', async () => {
    const url = (n: number) => `https://news.example/${n}`;
    await store(url(1), 'kept');
    await store(url(2), 'missing');
    await store(url(3), 'other bytes');
    await store(url(4), 'kept'); // also dead-lettered: two outcomes for one URL
    await store('https://news.example/never-listed', 'kept');
    await new RawArchive(aws.s3, names.rawBucket).put({ articleId: 'orphan', url: url(9), fetchedAt: new Date(), contentType: null, body: new Uint8Array([1]) });
    await aws.dynamo.send(new PutCommand({ TableName: names.stateTable, Item: { pk: 'CLAIM#abc', sk: '-', url: url(6), claimedAt: new Date().toISOString() } }));
    const expected = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ url: url(n), feed: 0, fault: null }));
    const letters = [letter(url(4), 'TIMEOUT'), letter(url(5), 'TOO_LARGE'), letter(url(7), 'ROBOTS_DISALLOWED'), letter('https://elsewhere.example/', 'TIMEOUT')];
    const a = await account(aws, names, expected, letters);
    expect({ stored: a.stored, deadLettered: a.deadLettered, rejected: a.rejected, lost: a.lost, duplicated: a.duplicated }).toEqual({
      stored: 3, deadLettered: 1, rejected: 1, lost: 1, duplicated: 1,
    });
    expect(a.lostUrls).toEqual([url(6)]);
    expect(a.unexpected).toBe(2); // the record no feed listed, the dead letter of a URL no feed listed
    expect(a.recordsWithoutRaw).toBe(1);
    expect(a.rawMismatches).toBe(1);
    expect(a.orphanRaw).toBeGreaterThanOrEqual(2); // the orphan, and the other bytes of url(3)
    expect(a.claimsInProgress).toBe(1);
  });
});
