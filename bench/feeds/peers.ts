// The parsers compared, each wrapped to the same small shape. Peers get text (they do not take bytes)
// and their relative links are resolved against the feed URL here, to their benefit.
import { parseFeed as rowanmanningParse } from '@rowanmanning/feed-parser';
import { parseFeed as feedsmithParse } from 'feedsmith';
import RssParser from 'rss-parser';
import { parseFeed } from '../../shared/feeds/index.ts';

export interface Entry {
  url: string | null;
  title: string | null;
  publishedAt: string | null;
}

export interface Normalized {
  title: string | null;
  entries: Entry[];
}

export interface FeedParser {
  name: string;
  /** Whether it takes the raw bytes (and finds the charset itself). */
  takesBytes: boolean;
  parse(input: string | Uint8Array, url: string): Promise<Normalized>;
}

const abs = (href: unknown, base: string): string | null => {
  if (typeof href !== 'string' || !href.trim()) return null;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
};
const iso = (value: unknown): string | null => {
  if (value == null || value === '') return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};
const text = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && 'value' in value) return text((value as { value: unknown }).value);
  return null;
};
const asText = (input: string | Uint8Array) => (typeof input === 'string' ? input : Buffer.from(input).toString('utf8'));

export const syndic: FeedParser = {
  name: 'syndic parseFeed (own, htmlparser2)',
  takesBytes: true,
  async parse(input, url) {
    const feed = parseFeed(input, url);
    return { title: feed.title, entries: feed.items.map((i) => ({ url: i.url, title: i.title, publishedAt: i.publishedAt ?? i.updatedAt })) };
  },
};

const rssParser = new RssParser();
export const rssParserPeer: FeedParser = {
  name: 'rss-parser 3.13.0 (xml2js)',
  takesBytes: false,
  async parse(input, url) {
    const feed = await rssParser.parseString(asText(input));
    return {
      title: text(feed.title),
      entries: feed.items.map((i) => ({ url: abs(i.link, url), title: text(i.title), publishedAt: iso(i.isoDate ?? i.pubDate) })),
    };
  },
};

export const rowanmanningPeer: FeedParser = {
  name: '@rowanmanning/feed-parser 2.1.5 (fast-xml-parser)',
  takesBytes: false,
  async parse(input, url) {
    const feed = rowanmanningParse(asText(input));
    return {
      title: feed.title,
      entries: feed.items.map((i) => ({ url: abs(i.url, url), title: i.title, publishedAt: iso(i.published ?? i.updated) })),
    };
  },
};

type Loose = Record<string, unknown>;
export const feedsmithPeer: FeedParser = {
  name: 'feedsmith 3.0.1 (fast-xml-parser)',
  takesBytes: false,
  async parse(input, url) {
    const { format, feed } = feedsmithParse(asText(input)) as { format: string; feed: Loose };
    if (format === 'json') {
      const items = (feed.items as Loose[] | undefined) ?? [];
      return {
        title: text(feed.title),
        entries: items.map((i) => ({ url: abs(i.url ?? i.external_url, url), title: text(i.title), publishedAt: iso(i.date_published) })),
      };
    }
    if (format === 'atom') {
      const entries = (feed.entries as Loose[] | undefined) ?? [];
      return {
        title: text(feed.title),
        entries: entries.map((e) => {
          const links = (e.links as Loose[] | undefined) ?? [];
          const alternate = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
          return { url: abs(alternate?.href, url), title: text(e.title), publishedAt: iso(e.published ?? e.updated) };
        }),
      };
    }
    const items = (feed.items as Loose[] | undefined) ?? [];
    return {
      title: text(feed.title),
      entries: items.map((i) => {
        const dc = (i.dc as Loose | undefined) ?? {};
        return { url: abs(i.link, url), title: text(i.title), publishedAt: iso(i.pubDate ?? (dc.dates as unknown[] | undefined)?.[0] ?? dc.date) };
      }),
    };
  },
};

export const PARSERS: FeedParser[] = [syndic, rssParserPeer, rowanmanningPeer, feedsmithPeer];
