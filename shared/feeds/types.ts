export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json' | 'sitemap' | 'sitemapindex';

export interface FeedEnclosure {
  url: string;
  type?: string | null;
  length?: number | null;
}

export interface FeedItem {
  /** Absolute http(s) URL as the feed gives it (resolved against xml:base / the feed URL), not canonicalized. */
  url: string;
  id: string | null;
  title: string | null;
  /** Plain text. */
  summary: string | null;
  /** Full content as HTML when the feed carries it (content:encoded, Atom content, JSON content_html). */
  contentHtml: string | null;
  authors: string[];
  /** ISO 8601 UTC, or null when absent or unreadable. */
  publishedAt: string | null;
  updatedAt: string | null;
  categories: string[];
  enclosures?: FeedEnclosure[];
}

export interface ParsedFeed {
  title: string | null;
  link: string | null;
  format: FeedFormat;
  /** In document order. For a sitemap index, one item per child sitemap. */
  items: FeedItem[];
}
