import { parseFeedDate } from './dates.ts';
import { FeedParseError } from './errors.ts';
import { httpUrl, uniqueNonBlank } from './links.ts';
import { htmlToText, nonBlank } from './text.ts';
import type { FeedEnclosure, FeedItem, ParsedFeed } from './types.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? nonBlank(v) : typeof v === 'number' ? String(v) : null);

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). */
export function parseJsonFeed(text: string, feedUrl: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError('MALFORMED', `invalid JSON: ${(error as Error).message}`);
  }
  if (!isObject(doc) || !Array.isArray(doc.items) || (typeof doc.version === 'string' && !doc.version.includes('jsonfeed.org'))) {
    throw new FeedParseError('NOT_A_FEED', 'JSON document is not a JSON Feed');
  }
  const base = httpUrl(str(doc.feed_url), feedUrl) ?? feedUrl;
  const feedAuthors = authorsOf(doc);
  return {
    title: htmlToText(str(doc.title)),
    link: httpUrl(str(doc.home_page_url), base),
    format: 'json',
    items: doc.items.filter(isObject).map((item) => jsonItem(item, base, feedAuthors)).filter((item): item is FeedItem => item !== null),
  };
}

function jsonItem(item: Json, base: string, feedAuthors: string[]): FeedItem | null {
  const url = httpUrl(str(item.url), base) ?? httpUrl(str(item.external_url), base);
  if (!url) return null;
  const authors = authorsOf(item);
  const text = str(item.content_text);
  return {
    url,
    id: str(item.id),
    title: htmlToText(str(item.title)),
    summary: htmlToText(str(item.summary)),
    contentHtml: str(item.content_html) ?? (text ? `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>` : null),
    authors: authors.length > 0 ? authors : feedAuthors,
    publishedAt: parseFeedDate(str(item.date_published)),
    updatedAt: parseFeedDate(str(item.date_modified)),
    categories: uniqueNonBlank(Array.isArray(item.tags) ? item.tags.map(str) : []),
    enclosures: Array.isArray(item.attachments) ? item.attachments.filter(isObject).flatMap((a) => attachment(a, base)) : [],
  };
}

/** 1.1 has authors[]; 1.0 has a single author. */
function authorsOf(node: Json): string[] {
  const list = Array.isArray(node.authors) ? node.authors : node.author ? [node.author] : [];
  return uniqueNonBlank(list.map((a) => (isObject(a) ? str(a.name) : str(a))));
}

function attachment(a: Json, base: string): FeedEnclosure[] {
  const url = httpUrl(str(a.url), base);
  const size = typeof a.size_in_bytes === 'number' ? a.size_in_bytes : null;
  return url ? [{ url, type: str(a.mime_type), length: size }] : [];
}
