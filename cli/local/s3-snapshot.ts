// The local S3 server keeps objects in memory; these two functions carry the raw archive across runs by
// mirroring the bucket into the local data folder (one file per object plus its metadata).
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';

interface ObjectMeta {
  contentType: string | undefined;
  metadata: Record<string, string> | undefined;
}

const META_SUFFIX = '.meta.json';

export async function restoreBucket(s3: S3Client, bucket: string, dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  let restored = 0;
  for (const file of await readdir(dir, { recursive: true })) {
    if (!file.endsWith(META_SUFFIX)) continue;
    const key = file.slice(0, -META_SUFFIX.length).split(path.sep).join('/');
    const meta = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as ObjectMeta;
    const body = await readFile(path.join(dir, ...key.split('/')));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: meta.contentType, Metadata: meta.metadata }));
    restored++;
  }
  return restored;
}

export async function saveBucket(s3: S3Client, bucket: string, dir: string): Promise<number> {
  let saved = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const { Key } of page.Contents ?? []) {
      const file = path.join(dir, ...Key!.split('/'));
      if (existsSync(file + META_SUFFIX)) continue;
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, await object.Body!.transformToByteArray());
      const meta: ObjectMeta = { contentType: object.ContentType, metadata: object.Metadata };
      await writeFile(file + META_SUFFIX, JSON.stringify(meta));
      saved++;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return saved;
}
