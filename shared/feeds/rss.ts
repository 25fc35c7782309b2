import { parseFeedDate } from './dates.ts';
import { httpUrl, uniqueNonBlank } from './links.ts';
import { enclosuresOf } from './media.ts';
import { htmlToText, nonBlank } from './text.ts';
import type { FeedItem, ParsedFeed } from './types.ts';
import { child, children, childText, textOf, type XmlElement } from './xml.ts';

// RSS 0.9x/2.0 elements carry no namespace; RSS 1.0 (RDF) ones carry the RSS 1.0 namespace.
const RSS = ['', 'rss'];
const DATES_PUBLISHED: [string, string[]][] = [['pubDate', RSS], ['date', ['dc']], ['issued', ['dcterms']], ['published', ['atom']], ['created', ['dcterms']]];
const DATES_UPDATED: [string, string[]][] = [['updated', ['atom']], ['modified', ['dcterms']]];

/** RSS 0.91/0.92/2.0 (<rss><channel><item>) and RSS 0.90/1.0 (<rdf:RDF> with items beside the channel). */
export function parseRss(root: XmlElement, format: 'rss' | 'rdf'): ParsedFeed {
  const channel = child(root, 'channel', RSS) ?? root;
  // RDF puts items beside the channel; some RSS 2.0 feeds misplace them there too.
  const itemElements = [...children(channel, 'item', RSS), ...(channel === root ? [] : children(root, 'item', RSS))];
  return {
    title: htmlToText(childText(channel, 'title', RSS)),
    link: channelLink(channel),
    format,
    items: itemElements.map(rssItem).filter((item): item is FeedItem => item !== null),
  };
}

function channelLink(channel: XmlElement): string | null {
  return httpUrl(childText(channel, 'link', RSS), channel.base) ?? alternateHref(channel);
}

function alternateHref(element: XmlElement): string | null {
  for (const link of children(element, 'link', ['atom'])) {
    const rel = link.attrs.rel ?? 'alternate';
    if (rel === 'alternate') return httpUrl(link.attrs.href, link.base);
  }
  return null;
}

function rssItem(item: XmlElement): FeedItem | null {
  const guidElement = child(item, 'guid', RSS);
  const guid = nonBlank(textOf(guidElement));
  const about = nonBlank(item.attrs['rdf:about']);
  const guidIsLink = guidElement?.attrs.isPermaLink?.toLowerCase() !== 'false';
  // feedburner:origLink is the article behind a feedproxy redirector link.
  const url =
    httpUrl(childText(item, 'origLink', ['feedburner']), item.base) ??
    httpUrl(childText(item, 'link', RSS), item.base) ??
    httpUrl(child(item, 'link', RSS)?.attrs.href, item.base) ?? // <link href="..."/>, Atom habits in RSS
    alternateHref(item) ??
    (guidIsLink ? httpUrl(guid, item.base) : null) ??
    httpUrl(about, item.base);
  if (!url) return null;
  return {
    url,
    id: guid ?? about,
    title: htmlToText(childText(item, 'title', [...RSS, 'dc']) ?? childText(item, 'title', ['media'])),
    summary: htmlToText(childText(item, 'description', RSS) ?? childText(item, 'description', ['dc', 'media']) ?? childText(item, 'summary', ['itunes'])),
    contentHtml: childText(item, 'encoded', ['content']),
    authors: uniqueNonBlank([
      ...children(item, 'author', RSS).map((a) => authorName(textOf(a))),
      ...children(item, 'creator', ['dc']).map(textOf),
      ...children(item, 'author', ['atom']).map((a) => childText(a, 'name', ['atom'])),
    ]),
    publishedAt: firstDate(item, DATES_PUBLISHED),
    updatedAt: firstDate(item, DATES_UPDATED),
    categories: uniqueNonBlank([...children(item, 'category', RSS), ...children(item, 'subject', ['dc'])].map(textOf)),
    enclosures: enclosuresOf(item),
  };
}

function firstDate(item: XmlElement, candidates: [string, string[]][]): string | null {
  for (const [name, namespaces] of candidates) {
    const date = parseFeedDate(childText(item, name, namespaces));
    if (date) return date;
  }
  return null;
}

/** RSS <author> is "email (Name)" by the spec, a bare name in practice. */
function authorName(value: string): string {
  const m = /^\s*\S+@\S+\s*\((.+)\)\s*$/.exec(value);
  return m ? m[1] : value;
}
