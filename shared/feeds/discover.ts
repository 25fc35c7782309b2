import { Parser } from 'htmlparser2';
import { decodeBytes } from '../encoding/index.ts';
import { safeFetch, type FetchResult } from '../fetch/index.ts';
import { FeedParseError } from './errors.ts';
import { httpUrl } from './links.ts';
import { parseFeed } from './parse-feed.ts';

/** How discovery fetches a page or a candidate feed; the lead passes one with the pipeline's options. */
export type DiscoveryFetcher = (url: string) => Promise<Pick<FetchResult, 'url' | 'contentType' | 'body'>>;

// Not plain application/json: WordPress puts its REST API (wp-json) on every page under that type.
const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|rdf\+xml|feed\+json|xml)$|^text\/xml$/i;
const FEEDLIKE_HREF = /(\/feed\/?$|\/rss\/?$|\/atom\/?$|\.rss$|\.atom$|\/(rss|atom|feed)\.xml$|\/index\.xml$|[?&]feed=(rss2?|atom))/i;
const COMMON_PATHS = ['/feed', '/rss', '/feed.xml', '/rss.xml', '/atom.xml', '/index.xml', '/feeds/posts/default', '/?feed=rss2'];

const defaultFetcher: DiscoveryFetcher = (url) => safeFetch(url, { accept: 'any' });

/**
 * Feeds of a site, given any page of it: the page itself when it is a feed; else its
 * <link rel="alternate"> feeds; else feed-looking links on it; else the same on the home page;
 * else the common feed paths that turn out to hold a feed; else the sitemaps robots.txt lists.
 * Absolute URLs, best first.
 */
export async function discoverFeeds(pageUrl: string, fetcher: DiscoveryFetcher = defaultFetcher): Promise<string[]> {
  const page = await fetcher(pageUrl);
  if (isFeed(page)) return [page.url];
  const found = feedLinks(page);
  if (found.length > 0) return found;
  const home = new URL('/', page.url).href;
  if (home !== page.url) {
    const homeLinks = await tryFetch(fetcher, home).then((p) => (p ? feedLinks(p) : []));
    if (homeLinks.length > 0) return homeLinks;
  }
  const verified: string[] = [];
  for (const path of COMMON_PATHS) {
    const candidate = await tryFetch(fetcher, new URL(path, page.url).href);
    if (candidate && isFeed(candidate) && !verified.includes(candidate.url)) verified.push(candidate.url);
  }
  return verified.length > 0 ? verified : robotsSitemaps(fetcher, new URL('/robots.txt', page.url).href);
}

/** Last resort: the sitemaps robots.txt names (news sites list their news sitemap there). */
async function robotsSitemaps(fetcher: DiscoveryFetcher, robotsUrl: string): Promise<string[]> {
  const robots = await tryFetch(fetcher, robotsUrl);
  if (!robots) return [];
  const listed = [...Buffer.from(robots.body).toString('utf8').matchAll(/^\s*sitemap\s*:\s*(\S+)/gim)]
    .map((m) => httpUrl(m[1], robots.url))
    .filter((url): url is string => url !== null);
  return [...new Set(listed)];
}

async function tryFetch(fetcher: DiscoveryFetcher, url: string) {
  try {
    return await fetcher(url);
  } catch {
    return null; // a guess that is missing or refused is simply not a feed
  }
}

function isFeed(page: Pick<FetchResult, 'url' | 'contentType' | 'body'>): boolean {
  try {
    return parseFeed(page.body, page.url, { contentType: page.contentType }).format !== 'sitemapindex';
  } catch (error) {
    if (error instanceof FeedParseError) return false;
    throw error;
  }
}

/** rel=alternate feed links of an HTML page, else feed-looking anchors; resolved against <base>. */
export function feedLinks(page: Pick<FetchResult, 'url' | 'contentType' | 'body'>): string[] {
  const alternates: string[] = [];
  const anchors: string[] = [];
  let base = page.url;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && attrs.href) base = httpUrl(attrs.href, page.url) ?? base;
        const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/);
        if (name === 'link' && rels.includes('alternate') && FEED_TYPES.test((attrs.type ?? '').trim())) {
          const url = httpUrl(attrs.href, base);
          if (url && !alternates.includes(url)) alternates.push(url);
        } else if (name === 'a' && attrs.href && FEEDLIKE_HREF.test(attrs.href.split('#')[0])) {
          const url = httpUrl(attrs.href, base);
          if (url && !anchors.includes(url) && new URL(url).host === new URL(page.url).host) anchors.push(url);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(decodeBytes(page.body, { contentType: page.contentType, kind: 'html' }).text);
  parser.end();
  return alternates.length > 0 ? alternates : anchors;
}
