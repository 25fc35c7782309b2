import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, isOpaqueRedirector, itemIdentity, preferredArticleUrl, unwrapRedirectorUrl } from './index.ts';

describe('canonicalizeUrl', () => {
  it.each([
    ['HTTPS://News.Example.COM:443/Story?id=1#comments', 'https://news.example.com/Story?id=1'],
    ['http://news.example.com:80/a', 'http://news.example.com/a'],
    ['http://news.example.com:8080/a', 'http://news.example.com:8080/a'],
    ['https://x.example/a?utm_source=rss&utm_medium=feed&id=7', 'https://x.example/a?id=7'],
    ['https://x.example/a?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2&msclkid=3', 'https://x.example/a'],
    ['https://x.example/a?UTM_Campaign=x&b=2&a=1', 'https://x.example/a?a=1&b=2'],
    ['https://x.example/a?b=2&a=1&a=0', 'https://x.example/a?a=1&a=0&b=2'],
    ['https://x.example/a?q=hello%20world&utm_term=x', 'https://x.example/a?q=hello%20world'],
    ['https://x.example/a?', 'https://x.example/a'],
    ['https://x.example', 'https://x.example/'],
    ['https://bücher.example/straße', 'https://xn--bcher-kva.example/stra%C3%9Fe'],
    ['https://www.google.com/url?q=https://x.example/story?utm_source=g&sa=D', 'https://x.example/story'],
    ['https://news.google.com/news/url?url=https%3A%2F%2Fx.example%2Fz&ct=1', 'https://x.example/z'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = canonicalizeUrl('HTTP://X.example:80/a/b?z=1&utm_source=x&a=2#f');
    expect(canonicalizeUrl(once)).toBe(once);
  });

  it('keeps the path case and trailing slash, which servers may tell apart', () => {
    expect(canonicalizeUrl('https://x.example/Path/')).toBe('https://x.example/Path/');
  });

  it('throws on what is not a URL', () => {
    expect(() => canonicalizeUrl('not a url')).toThrow(TypeError);
  });
});

describe('redirectors', () => {
  it('reads the article URL out of an old-style Google News RSS link', () => {
    const target = 'https://www.example-paper.com/world/2026/11/27/story.html';
    // What such an id holds: a protobuf with the URL as a length-prefixed string field.
    const id = Buffer.concat([Buffer.from([0x08, 0x13, 0x22, target.length]), Buffer.from(target), Buffer.from([0xd2, 0x01, 0x00])]).toString('base64url');
    expect(unwrapRedirectorUrl(`https://news.google.com/rss/articles/${id}?oc=5`)).toBe(target);
    expect(canonicalizeUrl(`https://news.google.com/rss/articles/${id}?oc=5`)).toBe(target);
  });

  it('leaves a new-style opaque Google News id alone', () => {
    const opaque = 'https://news.google.com/rss/articles/AU_yqLPQxq9?oc=5';
    expect(unwrapRedirectorUrl(opaque)).toBe(opaque);
  });

  it('leaves ordinary links alone', () => {
    expect(unwrapRedirectorUrl('https://x.example/url?q=https://y.example/')).toBe('https://x.example/url?q=https://y.example/');
  });

  it('names the redirectors that must be followed to learn their target', () => {
    expect(isOpaqueRedirector('http://feedproxy.google.com/~r/Example/~3/abc/story')).toBe(true);
    expect(isOpaqueRedirector('https://news.google.com/rss/articles/CBMiXmh0dHBz?oc=5')).toBe(true);
    expect(isOpaqueRedirector('https://x.example/story')).toBe(false);
  });
});

describe('preferredArticleUrl', () => {
  const page = 'https://www.news.example/2026/11/story?utm_source=x';

  it('takes the page canonical link, canonicalized, when it is on the same site', () => {
    expect(preferredArticleUrl(page, 'https://news.example/2026/11/story#top')).toBe('https://news.example/2026/11/story');
    expect(preferredArticleUrl(page, '/2026/11/story-amp-free')).toBe('https://www.news.example/2026/11/story-amp-free');
    expect(preferredArticleUrl(page, 'https://amp.news.example/s')).toBe('https://amp.news.example/s');
  });

  it('keeps the fetched URL when the canonical is missing, broken, on another site or the home page', () => {
    const fallback = 'https://www.news.example/2026/11/story';
    expect(preferredArticleUrl(page, null)).toBe(fallback);
    expect(preferredArticleUrl(page, 'http://[bad')).toBe(fallback);
    expect(preferredArticleUrl(page, 'https://original-paper.example/story')).toBe(fallback);
    expect(preferredArticleUrl(page, 'https://www.news.example/')).toBe(fallback);
    expect(preferredArticleUrl(page, 'javascript:void(0)')).toBe(fallback);
  });
});

describe('itemIdentity', () => {
  const item = { url: 'https://x.example/a?utm_source=rss', publishedAt: '2026-11-20T10:00:00.000Z', updatedAt: null };

  it('keys an entry by canonical URL and its date, so an edited entry is a new version and a re-sent one is not', () => {
    expect(itemIdentity(item)).toEqual({ url: 'https://x.example/a', version: '2026-11-20T10:00:00.000Z' });
    expect(itemIdentity({ ...item, url: 'https://x.example/a?utm_medium=feed' })).toEqual(itemIdentity(item));
    expect(itemIdentity({ ...item, updatedAt: '2026-11-21T08:00:00.000Z' }).version).toBe('2026-11-21T08:00:00.000Z');
    expect(itemIdentity({ ...item, publishedAt: null }).version).toBe('');
  });
});
