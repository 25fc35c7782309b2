// The invariants of a run, read from what the pipeline left behind (the tables, the bucket, the DLQs),
// never from what the handlers said they did: every expected article URL ends as exactly one record (by
// its canonical id), one dead letter with a typed reason, or one counted rejection; nothing else is stored;
// every record's raw copy exists and hashes to its key; no claim is left unfinished.
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClients } from '../../shared/aws/clients.ts';
import { canonicalizeUrl } from '../../shared/feeds/canonicalize.ts';
import { articleId } from '../../shared/store/records.ts';
import type { DeadLetterEntry } from '../../shared/store/dead-letters.ts';
import type { ExpectedArticle } from './origin-farm.ts';

/** Codes of deliberate refusals: the pipeline did its job by not storing these. */
export const REJECTION_CODES: ReadonlySet<string> = new Set(['ROBOTS_DISALLOWED', 'UNSUPPORTED_CONTENT_TYPE', 'BLOCKED_ADDRESS']);
/** Codes that no retry can change: left in the DLQ by the redrive of retryable failures. */
export const PERMANENT_CODES: ReadonlySet<string> = new Set([
  ...REJECTION_CODES, 'TOO_LARGE', 'TOO_MANY_REDIRECTS', 'DECODE', 'INVALID_URL', 'HTTP_STATUS', 'NO_ARTICLE_TEXT', 'INVALID_JOB',
]);

export interface Accounting {
  expected: number;
  stored: number;
  deadLettered: number;
  deadLetteredByReason: Record<string, number>;
  rejected: number;
  rejectedByReason: Record<string, number>;
  lost: number;
  unexpected: number;
  duplicated: number;
  recordsWithoutRaw: number;
  rawMismatches: number;
  orphanRaw: number;
  claimsInProgress: number;
  feedDeadLetters: number;
  /** Expected URLs that ended in no record and no dead letter (the first few, for the report). */
  lostUrls: string[];
  /** URLs that ended as more than one thing: how many records, and the codes of their dead letters (the first few). */
  duplicatedExamples: string[];
  /** Each expected article's outcome, for the checks that depend on its fault. */
  outcomes: Map<string, 'stored' | 'dead-lettered' | 'rejected' | 'lost' | 'duplicated'>;
}

interface Names {
  articlesTable: string;
  stateTable: string;
  rawBucket: string;
}

async function scanAll(aws: AwsClients, table: string, filter: { expression: string; values: Record<string, unknown> }): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await aws.dynamo.send(
      new ScanCommand({ TableName: table, FilterExpression: filter.expression, ExpressionAttributeValues: filter.values, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

async function listRaw(aws: AwsClients, bucket: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let token: string | undefined;
  do {
    const out = await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'raw/', ContinuationToken: token }));
    for (const object of out.Contents ?? []) keys.add(object.Key!);
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

export async function account(aws: AwsClients, names: Names, expected: ExpectedArticle[], letters: DeadLetterEntry[]): Promise<Accounting> {
  const records = await scanAll(aws, names.articlesTable, { expression: 'sk = :sk', values: { ':sk': 'RECORD' } });
  const byId = new Map<string, Record<string, unknown>[]>();
  for (const item of records) {
    const id = String(item.id ?? String(item.pk).replace(/^ART#/, ''));
    byId.set(id, [...(byId.get(id) ?? []), item]);
  }
  const articleLetters = letters.filter((letter) => letter.queue === 'articles');
  const lettersByUrl = new Map<string, DeadLetterEntry[]>();
  for (const letter of articleLetters) if (letter.url) lettersByUrl.set(letter.url, [...(lettersByUrl.get(letter.url) ?? []), letter]);

  const a: Accounting = {
    expected: expected.length, stored: 0, deadLettered: 0, deadLetteredByReason: {}, rejected: 0, rejectedByReason: {}, lost: 0,
    unexpected: 0, duplicated: 0, recordsWithoutRaw: 0, rawMismatches: 0, orphanRaw: 0, claimsInProgress: 0,
    feedDeadLetters: letters.filter((letter) => letter.queue === 'feeds').length, lostUrls: [], duplicatedExamples: [], outcomes: new Map(),
  };
  const expectedIds = new Set<string>();
  // Records are keyed by canonical id, so "two records" for one URL can only be under another id: by URL.
  const recordsByUrl = new Map<string, number>();
  for (const item of records) {
    const url = String(item.canonicalUrl ?? item.url ?? '');
    recordsByUrl.set(url, (recordsByUrl.get(url) ?? 0) + 1);
  }
  for (const article of expected) {
    const canonical = canonicalizeUrl(article.url);
    const id = articleId(canonical);
    expectedIds.add(id);
    const stored = (byId.get(id) ?? []).length;
    const copies = Math.max(stored, recordsByUrl.get(canonical) ?? 0);
    const dead = lettersByUrl.get(article.url) ?? lettersByUrl.get(canonical) ?? [];
    let outcome: 'stored' | 'dead-lettered' | 'rejected' | 'lost' | 'duplicated';
    if (copies + dead.length > 1) outcome = 'duplicated';
    else if (copies === 1) outcome = 'stored';
    else if (dead.length === 1) outcome = REJECTION_CODES.has(dead[0].errorCode) ? 'rejected' : 'dead-lettered';
    else outcome = 'lost';
    a.outcomes.set(article.url, outcome);
    if (outcome === 'stored') a.stored++;
    else if (outcome === 'duplicated') {
      a.duplicated++;
      if (a.duplicatedExamples.length < 5) a.duplicatedExamples.push(`${article.url}: ${copies} record(s), dead letters ${JSON.stringify(dead.map((d) => d.errorCode))}`);
    }
    else if (outcome === 'lost') {
      a.lost++;
      if (a.lostUrls.length < 10) a.lostUrls.push(article.url);
    } else {
      const code = dead[0].errorCode;
      const into = outcome === 'rejected' ? a.rejectedByReason : a.deadLetteredByReason;
      into[code] = (into[code] ?? 0) + 1;
      if (outcome === 'rejected') a.rejected++;
      else a.deadLettered++;
    }
  }
  a.unexpected = [...byId.keys()].filter((id) => !expectedIds.has(id)).length;
  const expectedUrls = new Set(expected.map((article) => article.url));
  a.unexpected += articleLetters.filter((letter) => !letter.url || !expectedUrls.has(letter.url)).length;

  const raw = await listRaw(aws, names.rawBucket);
  const referenced = new Set<string>();
  for (const item of records) {
    const key = String(item.rawKey ?? '');
    referenced.add(key);
    if (!raw.has(key)) {
      a.recordsWithoutRaw++;
      continue;
    }
    const object = await aws.s3.send(new GetObjectCommand({ Bucket: names.rawBucket, Key: key }));
    const digest = createHash('sha256').update(await object.Body!.transformToByteArray()).digest('hex');
    if (!key.endsWith(`/${digest}`)) a.rawMismatches++;
  }
  a.orphanRaw = [...raw].filter((key) => !referenced.has(key)).length;

  const claims = await scanAll(aws, names.stateTable, { expression: 'begins_with(pk, :claim) AND attribute_not_exists(finishedAt)', values: { ':claim': 'CLAIM#' } });
  a.claimsInProgress = claims.length;
  return a;
}
