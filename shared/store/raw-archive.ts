// The raw archive: every byte fetched for an article, exactly as served, so that records can always be
// rebuilt by a better extractor. Keys are content-addressed within an article, so a redelivery that
// fetches the same bytes writes the same object again instead of a second one.
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';

export interface RawCopy {
  articleId: string;
  url: string;
  fetchedAt: Date;
  contentType: string | null;
  body: Uint8Array;
}

export interface StoredRaw {
  body: Uint8Array;
  contentType: string | null;
  url: string | null;
  fetchedAt: string | null;
}

const RAW_PREFIX = 'raw/';

export function rawKey(copy: Pick<RawCopy, 'articleId' | 'fetchedAt' | 'body'>): string {
  const day = copy.fetchedAt.toISOString().slice(0, 10);
  const digest = createHash('sha256').update(copy.body).digest('hex');
  return `${RAW_PREFIX}${day}/${copy.articleId}/${digest}`;
}

export function articleIdOfRawKey(key: string): string | null {
  return key.match(/^raw\/\d{4}-\d\d-\d\d\/([^/]+)\/[0-9a-f]{64}$/)?.[1] ?? null;
}

export interface RawRange {
  since?: string;
  until?: string;
}

/** Whether a raw key was fetched on a day within the range (inclusive, compared by UTC day). */
export function inRawRange(key: string, range: RawRange): boolean {
  const day = key.slice(RAW_PREFIX.length, RAW_PREFIX.length + 10);
  return day >= (range.since?.slice(0, 10) ?? '0000-00-00') && day <= (range.until?.slice(0, 10) ?? '9999-99-99');
}

/** The S3 prefix that holds every raw copy fetched on the days a range spans (at its coarsest, the month). */
export function rawPrefix(since?: string, until?: string): string {
  if (!since || !until) return RAW_PREFIX;
  let common = 0;
  const [a, b] = [since.slice(0, 10), until.slice(0, 10)];
  while (common < a.length && a[common] === b[common]) common++;
  return RAW_PREFIX + a.slice(0, common);
}

export class RawArchive {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  /** Stores the bytes and returns their key; resolves only once S3 has acknowledged the write. */
  async put(copy: RawCopy): Promise<string> {
    const key = rawKey(copy);
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: copy.body,
        ContentType: copy.contentType ?? 'application/octet-stream',
        Metadata: { url: encodeURI(copy.url), 'fetched-at': copy.fetchedAt.toISOString() },
      }),
    );
    return key;
  }

  async get(key: string): Promise<StoredRaw> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const body = await out.Body!.transformToByteArray();
    return {
      body,
      contentType: out.ContentType ?? null,
      url: out.Metadata?.url ? decodeURI(out.Metadata.url) : null,
      fetchedAt: out.Metadata?.['fetched-at'] ?? null,
    };
  }

  /** Raw keys fetched between two days (inclusive, by fetch day), in key order. */
  async *list(range: RawRange = {}): AsyncGenerator<string> {
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: rawPrefix(range.since, range.until), ContinuationToken: token }),
      );
      for (const { Key } of page.Contents ?? []) if (inRawRange(Key!, range)) yield Key!;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
