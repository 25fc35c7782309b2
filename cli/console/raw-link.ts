// With --aws the raw copy is read from S3 by the browser itself, through a presigned GET that the
// console signs with the user's credentials when the link is followed (so it is always fresh). The URL
// overrides the stored content type: the page came from the open web, and is shown as plain text
// (and never rendered as HTML) on the bucket's origin too.
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** Long enough to open the link, short enough that a leaked URL soon stops working. */
export const RAW_LINK_SECONDS = 300;

export function rawLinks(s3: S3Client, bucket: string): (key: string) => Promise<string> {
  return (key) =>
    getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentType: 'text/plain', ResponseContentDisposition: 'inline' }), {
      expiresIn: RAW_LINK_SECONDS,
    });
}
