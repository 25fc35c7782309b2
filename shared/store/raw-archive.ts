// The raw archive: every byte fetched for an article, exactly as served, so that records can always be
// rebuilt by a better extractor. Keys are content-addressed within an article, so a redelivery that
// fetches the same bytes writes the same object again instead of a second one.
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
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

export function rawKey(copy: Pick<RawCopy, 'articleId' | 'fetchedAt' | 'body'>): string {
  const day = copy.fetchedAt.toISOString().slice(0, 10);
  const digest = createHash('sha256').update(copy.body).digest('hex');
  return `raw/${day}/${copy.articleId}/${digest}`;
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

  async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'NotFound') return false;
      throw error;
    }
  }
}
