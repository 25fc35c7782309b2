import { parseFeedDate } from './dates.ts';
import { httpUrl, uniqueNonBlank } from './links.ts';
import { htmlToText } from './text.ts';
import type { FeedItem, ParsedFeed } from './types.ts';
import { child, children, childText, type XmlElement } from './xml.ts';

/** XML sitemaps, Google News sitemaps (news:news) and sitemap indexes (one item per child sitemap). */
export function parseSitemap(root: XmlElement, format: 'sitemap' | 'sitemapindex'): ParsedFeed {
  const ns = [root.ns, 'sitemap'];
  const entries = children(root, format === 'sitemap' ? 'url' : 'sitemap', ns);
  return {
    title: null,
    link: null,
    format,
    items: entries.map((entry) => sitemapEntry(entry, ns)).filter((item): item is FeedItem => item !== null),
  };
}

function sitemapEntry(entry: XmlElement, ns: string[]): FeedItem | null {
  const url = httpUrl(childText(entry, 'loc', ns), entry.base);
  if (!url) return null;
  const news = child(entry, 'news', ['news']);
  return {
    url,
    id: null,
    title: news ? htmlToText(childText(news, 'title', ['news'])) : null,
    summary: null,
    contentHtml: null,
    authors: [],
    publishedAt: news ? parseFeedDate(childText(news, 'publication_date', ['news'])) : null,
    updatedAt: parseFeedDate(childText(entry, 'lastmod', ns)),
    categories: news ? uniqueNonBlank((childText(news, 'keywords', ['news']) ?? '').split(',')) : [],
  };
}
