import { gunzipSync } from 'node:zlib';
import { decodeBytes } from '../encoding/index.ts';
import { parseAtom } from './atom.ts';
import { FeedParseError } from './errors.ts';
import { parseJsonFeed } from './json-feed.ts';
import { parseRss } from './rss.ts';
import { parseSitemap } from './sitemap.ts';
import type { ParsedFeed } from './types.ts';
import { parseXml } from './xml.ts';

export interface ParseFeedOptions {
  /** The HTTP Content-Type, for its charset (the XML declaration and sniffing come after it). */
  contentType?: string | null;
}

// The sitemap protocol caps a sitemap at 50 MB uncompressed; leave headroom, refuse bombs.
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1, sitemaps, sitemap indexes and Google
 * News sitemaps, gzipped or not, from bytes (charset detected) or text. Throws FeedParseError.
 */
export function parseFeed(body: string | Uint8Array, url: string, options: ParseFeedOptions = {}): ParsedFeed {
  const text = (typeof body === 'string' ? body : decodeBytes(gunzipIfCompressed(body), { contentType: options.contentType, kind: 'xml' }).text)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.trim() === '') throw new FeedParseError('EMPTY', 'empty document');
  // Anything else is read as XML: stray text before the root (a PHP warning) is skipped.
  return text.startsWith('{') ? parseJsonFeed(text, url) : parseXmlFeed(text, url);
}

function parseXmlFeed(text: string, url: string): ParsedFeed {
  const roots = parseXml(text, url);
  for (const root of roots) {
    switch (root.name.toLowerCase()) {
      case 'rss':
      case 'channel': // RSS 0.9x without the <rss> wrapper
        return parseRss(root, 'rss');
      case 'rdf':
        return parseRss(root, 'rdf');
      case 'feed':
        return parseAtom(root);
      case 'urlset':
        return parseSitemap(root, 'sitemap');
      case 'sitemapindex':
        return parseSitemap(root, 'sitemapindex');
    }
  }
  if (roots.length === 0) throw new FeedParseError('MALFORMED', 'neither JSON nor XML with an element');
  throw new FeedParseError('NOT_A_FEED', `<${roots[0].name}> is not a feed or sitemap root`);
}

function gunzipIfCompressed(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new FeedParseError('TOO_LARGE', `gzip body inflates past ${MAX_INFLATED_BYTES} bytes`);
    }
    throw new FeedParseError('MALFORMED', `corrupt gzip body: ${(error as Error).message}`);
  }
}
