import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFetch } from '../fetch/index.ts';
import { respond, TestServer } from '../../tests/support/test-server.ts';
import { discoverFeeds, type DiscoveryFetcher } from './index.ts';

let server: TestServer;
const fetcher: DiscoveryFetcher = (url) => safeFetch(url, { allowLoopback: true, robots: false, hostGate: false });
const html = (body: string) => respond(200, `<!DOCTYPE html><html><head>${body}</head><body></body></html>`, { 'content-type': 'text/html' });
const rss = respond(200, '<rss version="2.0"><channel><title>t</title></channel></rss>', { 'content-type': 'application/rss+xml' });

beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.close());

describe('discoverFeeds', () => {
  it('returns the <link rel="alternate"> feeds of a page, resolved against <base>, in page order', async () => {
    server.route(
      '/with-links',
      html(`<base href="/sub/"><link rel="stylesheet" href="/s.css">
        <link rel="alternate" type="application/rss+xml" title="RSS" href="feed.rss">
        <link rel="Alternate" type="application/atom+xml" href="https://cdn.example/atom.xml">
        <link rel="alternate" type="application/feed+json" href="/feed.json">
        <link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/42">
        <link rel="alternate" type="application/json+oembed" href="/wp-json/oembed/1.0/embed?url=x">
        <link rel="alternate" hreflang="fr" href="/fr/">`),
    );
    expect(await discoverFeeds(server.url('/with-links'), fetcher)).toEqual([server.url('/sub/feed.rss'), 'https://cdn.example/atom.xml', server.url('/feed.json')]);
  });

  it('returns the URL itself when it already is a feed, after redirects', async () => {
    server.route('/old-feed', respond(301, '', { location: '/feed.xml' }));
    server.route('/feed.xml', rss);
    expect(await discoverFeeds(server.url('/old-feed'), fetcher)).toEqual([server.url('/feed.xml')]);
  });

  it('falls back to feed-looking links on the page, then to the home page, then to common paths that hold a feed', async () => {
    const anchors = await TestServer.start();
    anchors.route('/article', html('<title>x</title></head><body><a href="/about">About</a><a href="/news/rss">RSS</a>'));
    expect(await discoverFeeds(anchors.url('/article'), fetcher)).toEqual([anchors.url('/news/rss')]);
    await anchors.close();

    const home = await TestServer.start();
    home.route('/2026/story', html('<title>no links</title>'));
    home.route('/', html('<link rel="alternate" type="application/rss+xml" href="/rss.xml">'));
    expect(await discoverFeeds(home.url('/2026/story'), fetcher)).toEqual([home.url('/rss.xml')]);
    await home.close();

    const guessed = await TestServer.start();
    guessed.route('/', html('<title>bare</title>'));
    guessed.route('/rss', respond(200, '<html><body>not a feed</body></html>', { 'content-type': 'text/html' }));
    guessed.route('/atom.xml', respond(200, '<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title></feed>', { 'content-type': 'application/atom+xml' }));
    expect(await discoverFeeds(guessed.url('/'), fetcher)).toEqual([guessed.url('/atom.xml')]);
    expect(guessed.hits('/feed')).toBe(1);
    await guessed.close();
  });

  it('falls back last to the sitemaps robots.txt lists', async () => {
    const sitemaps = await TestServer.start();
    sitemaps.route('/', html('<title>bare</title>'));
    sitemaps.route('/robots.txt', respond(200, `User-agent: *\nAllow: /\nSitemap: ${sitemaps.url('/news-sitemap.xml')}\nsitemap: /sitemap.xml\n`, { 'content-type': 'text/plain' }));
    expect(await discoverFeeds(sitemaps.url('/'), fetcher)).toEqual([sitemaps.url('/news-sitemap.xml'), sitemaps.url('/sitemap.xml')]);
    await sitemaps.close();
  });

  it('returns nothing for a site without feeds', async () => {
    const none = await TestServer.start();
    none.route('/', html('<title>none</title>'));
    expect(await discoverFeeds(none.url('/'), fetcher)).toEqual([]);
    await none.close();
  });
});
