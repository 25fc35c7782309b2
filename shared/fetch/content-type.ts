export type AcceptKind = 'html' | 'feed' | 'any';

/** The media type without parameters, lowercased; null when absent. */
export function mediaType(contentType: string | null | undefined): string | null {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return type ? type : null;
}

const HTML = new Set(['text/html', 'application/xhtml+xml']);
// Feeds are served under every XML, JSON and text type there is, and sitemaps.xml.gz as gzip or octet-stream.
const FEED_EXTRA = new Set(['application/xml', 'application/json', 'application/gzip', 'application/x-gzip', 'application/octet-stream']);

export function acceptsMediaType(kind: AcceptKind, type: string): boolean {
  if (kind === 'any') return true;
  if (kind === 'html') return HTML.has(type);
  return type.startsWith('text/') || FEED_EXTRA.has(type) || type.endsWith('+xml') || type.endsWith('+json');
}

/** The value for the Accept request header. */
export function acceptHeader(kind: AcceptKind): string {
  if (kind === 'html') return 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';
  if (kind === 'feed') {
    return 'application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,*/*;q=0.1';
  }
  return '*/*';
}

/** For a response without Content-Type: does the body look like markup (or JSON, for feeds)? */
export function sniffAccepts(kind: AcceptKind, body: Uint8Array): boolean {
  if (kind === 'any') return true;
  const head = Buffer.from(body.subarray(0, 512)).toString('latin1').replace(/^(\xef\xbb\xbf|\xfe\xff|\xff\xfe)/, '').trimStart();
  if (head.startsWith('<')) return true;
  return kind === 'feed' && (head.startsWith('{') || (body[0] === 0x1f && body[1] === 0x8b));
}
