import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from './index.ts';

const FEED_URL = 'https://news.example/feeds/main.xml';

function parseError(body: string | Uint8Array): FeedParseError {
  try {
    parseFeed(body, FEED_URL);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedParseError);
    return error as FeedParseError;
  }
  throw new Error('expected parseFeed to throw');
}

describe('parseFeed: RSS 2.0', () => {
  const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
  <channel>
    <title>Example &amp; Co News</title>
    <link>https://news.example/</link>
    <atom:link href="https://news.example/feeds/main.xml" rel="self"/>
    <item>
      <title>First story</title>
      <link>https://news.example/2026/first?utm_source=rss</link>
      <guid isPermaLink="false">story-1</guid>
      <description>&lt;p&gt;The &lt;b&gt;summary&lt;/b&gt; text&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>Full <em>body</em> &amp; more</p>]]></content:encoded>
      <author>jane@news.example (Jane Roe)</author>
      <dc:creator>John Doe</dc:creator>
      <pubDate>Tue, 24 Nov 2026 08:15:00 +0100</pubDate>
      <category>World</category>
      <category>Europe</category>
      <enclosure url="https://cdn.news.example/a.mp3" type="audio/mpeg" length="12345"/>
      <media:content url="/img/a.jpg" type="image/jpeg"/>
    </item>
    <item>
      <title>Second story</title>
      <link>/2026/second</link>
      <pubDate>Mon, 23 Nov 2026 17:00:00 GMT</pubDate>
    </item>
    <item>
      <title>Guid is the link</title>
      <guid>https://news.example/2026/third</guid>
    </item>
    <item>
      <title>Feedburner item</title>
      <link>https://feedproxy.google.com/~r/example/~3/abc/</link>
      <feedburner:origLink>https://news.example/2026/fourth</feedburner:origLink>
    </item>
    <item><media:title>Link as attribute</media:title><link href="/2026/fifth"/></item>
    <item><title>No link at all</title><description>dropped</description></item>
  </channel>
</rss>`;
  const feed = parseFeed(rss, FEED_URL);

  it('reads the channel', () => {
    expect(feed).toMatchObject({ format: 'rss', title: 'Example & Co News', link: 'https://news.example/' });
  });

  it('reads every field of an item', () => {
    expect(feed.items[0]).toEqual({
      url: 'https://news.example/2026/first?utm_source=rss',
      id: 'story-1',
      title: 'First story',
      summary: 'The summary text',
      contentHtml: '<p>Full <em>body</em> &amp; more</p>',
      authors: ['Jane Roe', 'John Doe'],
      publishedAt: '2026-11-24T07:15:00.000Z',
      updatedAt: null,
      categories: ['World', 'Europe'],
      enclosures: [
        { url: 'https://cdn.news.example/a.mp3', type: 'audio/mpeg', length: 12345 },
        { url: 'https://news.example/img/a.jpg', type: 'image/jpeg', length: null },
      ],
    });
  });

  it('resolves relative links against the feed URL and falls back to a permalink guid', () => {
    expect(feed.items[1].url).toBe('https://news.example/2026/second');
    expect(feed.items[2]).toMatchObject({ url: 'https://news.example/2026/third', id: 'https://news.example/2026/third' });
  });

  it('prefers feedburner:origLink over the feedproxy redirector link', () => {
    expect(feed.items[3].url).toBe('https://news.example/2026/fourth');
  });

  it('takes a link given as an href attribute and a media:title when there is no title', () => {
    expect(feed.items[4]).toMatchObject({ url: 'https://news.example/2026/fifth', title: 'Link as attribute' });
  });

  it('keeps document order and drops items without any link', () => {
    expect(feed.items.map((i) => i.title)).toEqual(['First story', 'Second story', 'Guid is the link', 'Feedburner item', 'Link as attribute']);
  });
});

describe('parseFeed: RSS 0.9x and 1.0 (RDF)', () => {
  it('reads RSS 0.91', () => {
    const feed = parseFeed(
      `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><link>http://old.example/</link><language>en</language>
<item><title>Old item</title><link>http://old.example/1</link><description>Plain</description></item></channel></rss>`,
      FEED_URL,
    );
    expect(feed).toMatchObject({ format: 'rss', title: 'Old', items: [{ url: 'http://old.example/1', title: 'Old item', summary: 'Plain', id: null }] });
  });

  it('reads RSS 1.0 with items beside the channel, dc:date and rdf:about', () => {
    const feed = parseFeed(
      `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://rdf.example/"><title>RDF News</title><link>http://rdf.example/</link>
    <items><rdf:Seq><rdf:li rdf:resource="http://rdf.example/a"/></rdf:Seq></items></channel>
  <item rdf:about="http://rdf.example/a"><title>RDF item</title><link>http://rdf.example/a</link>
    <dc:date>2026-11-20T10:00:00+02:00</dc:date><dc:creator>Ann</dc:creator><dc:subject>Tech</dc:subject></item>
  <item rdf:about="http://rdf.example/b"><title>No link element</title></item>
</rdf:RDF>`,
      FEED_URL,
    );
    expect(feed.format).toBe('rdf');
    expect(feed.title).toBe('RDF News');
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({ url: 'http://rdf.example/a', id: 'http://rdf.example/a', authors: ['Ann'], categories: ['Tech'], publishedAt: '2026-11-20T08:00:00.000Z' });
    expect(feed.items[1].url).toBe('http://rdf.example/b');
  });
});

describe('parseFeed: Atom', () => {
  it('reads Atom 1.0 with xml:base, link relations, content types and inherited authors', () => {
    const feed = parseFeed(
      `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example/blog/">
  <title type="html">Atom &lt;i&gt;Blog&lt;/i&gt;</title>
  <link rel="self" href="feed.atom"/><link href="/"/>
  <author><name>Feed Author</name></author>
  <entry>
    <title>Entry one</title>
    <link rel="self" href="entries/1.atom"/>
    <link rel="alternate" type="text/html" href="posts/one"/>
    <link rel="enclosure" href="media/one.mp3" type="audio/mpeg" length="99"/>
    <id>urn:uuid:1</id>
    <published>2026-11-20T10:00:00Z</published>
    <updated>2026-11-21T11:30:00.5-05:00</updated>
    <summary>Short</summary>
    <content type="html">&lt;p&gt;Escaped &amp;amp; HTML&lt;/p&gt;</content>
    <category term="science" label="Science"/>
  </entry>
  <entry xml:base="https://other.example/x/">
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">XHTML <b>title</b></div></title>
    <link href="two"/>
    <id>urn:uuid:2</id>
    <updated>2026-11-19T09:00:00Z</updated>
    <author><name>Entry Author</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline <a href="/y">XHTML</a></p></div></content>
  </entry>
  <entry><title>Text content</title><link href="three"/><content>a &lt; b</content></entry>
</feed>`,
      FEED_URL,
    );
    expect(feed).toMatchObject({ format: 'atom', title: 'Atom Blog', link: 'https://atom.example/' });
    expect(feed.items[0]).toEqual({
      url: 'https://atom.example/blog/posts/one',
      id: 'urn:uuid:1',
      title: 'Entry one',
      summary: 'Short',
      contentHtml: '<p>Escaped &amp; HTML</p>',
      authors: ['Feed Author'],
      publishedAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-21T16:30:00.500Z',
      categories: ['science'],
      enclosures: [{ url: 'https://atom.example/blog/media/one.mp3', type: 'audio/mpeg', length: 99 }],
    });
    expect(feed.items[1]).toMatchObject({
      url: 'https://other.example/x/two',
      title: 'XHTML title',
      authors: ['Entry Author'],
      contentHtml: '<p>Inline <a href="/y">XHTML</a></p>',
      publishedAt: null,
      updatedAt: '2026-11-19T09:00:00.000Z',
    });
    expect(feed.items[2]).toMatchObject({ url: 'https://atom.example/blog/three', contentHtml: '<p>a &lt; b</p>' });
  });

  it('reads Atom 0.3 (issued, modified, escaped content)', () => {
    const feed = parseFeed(
      `<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
<link rel="alternate" type="text/html" href="http://atom03.example/"/>
<entry><title>Old entry</title><link rel="alternate" type="text/html" href="http://atom03.example/1"/><id>tag:atom03,1</id>
<issued>2004-01-02T03:04:05Z</issued><modified>2004-01-03T00:00:00Z</modified>
<content type="text/html" mode="escaped">&lt;p&gt;Hi&lt;/p&gt;</content></entry></feed>`,
      FEED_URL,
    );
    expect(feed).toMatchObject({ format: 'atom', title: 'Old Atom', link: 'http://atom03.example/' });
    expect(feed.items[0]).toMatchObject({
      url: 'http://atom03.example/1',
      publishedAt: '2004-01-02T03:04:05.000Z',
      updatedAt: '2004-01-03T00:00:00.000Z',
      contentHtml: '<p>Hi</p>',
    });
  });
});

describe('parseFeed: JSON Feed', () => {
  it('reads JSON Feed 1.1 with authors, tags, attachments and relative URLs', () => {
    const feed = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON News',
        home_page_url: 'https://json.example/',
        feed_url: 'https://json.example/feed.json',
        authors: [{ name: 'Desk' }],
        items: [
          {
            id: 1,
            url: '/a',
            title: 'JSON item',
            summary: 'Sum',
            content_html: '<p>Body</p>',
            date_published: '2026-11-20T10:00:00+01:00',
            date_modified: '2026-11-21T10:00:00Z',
            tags: ['x', 'y'],
            attachments: [{ url: 'https://json.example/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 5 }],
          },
          { id: '2', external_url: 'https://elsewhere.example/b', content_text: 'a < b', authors: [{ name: 'Ann' }] },
          { id: '3', title: 'no url: dropped' },
        ],
      }),
      FEED_URL,
    );
    expect(feed).toMatchObject({ format: 'json', title: 'JSON News', link: 'https://json.example/' });
    expect(feed.items).toEqual([
      {
        url: 'https://json.example/a',
        id: '1',
        title: 'JSON item',
        summary: 'Sum',
        contentHtml: '<p>Body</p>',
        authors: ['Desk'],
        publishedAt: '2026-11-20T09:00:00.000Z',
        updatedAt: '2026-11-21T10:00:00.000Z',
        categories: ['x', 'y'],
        enclosures: [{ url: 'https://json.example/a.mp3', type: 'audio/mpeg', length: 5 }],
      },
      expect.objectContaining({ url: 'https://elsewhere.example/b', id: '2', contentHtml: '<p>a &lt; b</p>', authors: ['Ann'] }),
    ]);
  });

  it('reads the single author of JSON Feed 1.0', () => {
    const feed = parseFeed(
      '{"version":"https://jsonfeed.org/version/1","title":"v1","author":{"name":"Solo"},"items":[{"id":"a","url":"https://v1.example/a"}]}',
      FEED_URL,
    );
    expect(feed.items[0].authors).toEqual(['Solo']);
  });
});

describe('parseFeed: sitemaps', () => {
  const sitemap = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://site.example/a</loc><lastmod>2026-11-20</lastmod></url>
  <url><loc>https://site.example/b</loc>
    <news:news><news:publication><news:name>Site</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-11-26T12:00:00+00:00</news:publication_date>
      <news:title>News &amp; more</news:title><news:keywords>politics, budget</news:keywords></news:news>
  </url>
</urlset>`;

  it('reads a sitemap and a Google News sitemap', () => {
    const feed = parseFeed(sitemap, FEED_URL);
    expect(feed.format).toBe('sitemap');
    expect(feed.items[0]).toMatchObject({ url: 'https://site.example/a', updatedAt: '2026-11-20T00:00:00.000Z', publishedAt: null, title: null });
    expect(feed.items[1]).toMatchObject({ url: 'https://site.example/b', title: 'News & more', publishedAt: '2026-11-26T12:00:00.000Z', categories: ['politics', 'budget'] });
  });

  it('reads a gzipped sitemap from bytes', () => {
    expect(parseFeed(gzipSync(Buffer.from(sitemap)), FEED_URL).items).toHaveLength(2);
  });

  it('reads a sitemap index as one item per child sitemap', () => {
    const feed = parseFeed(
      `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://site.example/s1.xml.gz</loc><lastmod>2026-11-01T00:00:00Z</lastmod></sitemap></sitemapindex>`,
      FEED_URL,
    );
    expect(feed).toMatchObject({ format: 'sitemapindex', items: [{ url: 'https://site.example/s1.xml.gz', updatedAt: '2026-11-01T00:00:00.000Z' }] });
  });

  it('refuses a gzip bomb', () => {
    expect(parseError(gzipSync(Buffer.alloc(80 * 1024 * 1024, 0x20))).code).toBe('TOO_LARGE');
  });
});

describe('parseFeed: malformed but common', () => {
  it('survives unescaped ampersands, HTML entities, raw HTML in titles and a missing namespace declaration', () => {
    const feed = parseFeed(
      `<rss version="2.0"><channel><title>Tom & Jerry&nbsp;News</title>
<item><title>Fish &amp;amp; Chips: <b>bold</b> claims &eacute;t&eacute;</title><link>https://x.example/a?b=1&c=2</link>
<dc:creator>Undeclared Prefix</dc:creator><description>AT&T &copy; 2026</description></item></channel></rss>`,
      FEED_URL,
    );
    expect(feed.title).toBe('Tom & Jerry News');
    expect(feed.items[0]).toMatchObject({
      url: 'https://x.example/a?b=1&c=2',
      title: 'Fish & Chips: bold claims été',
      authors: ['Undeclared Prefix'],
      summary: 'AT&T © 2026',
    });
  });

  it('gives null for dates it cannot read instead of failing the item', () => {
    const feed = parseFeed('<rss><channel><item><link>https://x.example/a</link><pubDate>sometime last week</pubDate></item></channel></rss>', FEED_URL);
    expect(feed.items[0].publishedAt).toBeNull();
  });

  it('skips a UTF-8 BOM in bytes and in text, and stray text before the root', () => {
    const xml = '<rss><channel><title>BOM</title></channel></rss>';
    expect(parseFeed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]), FEED_URL).title).toBe('BOM');
    expect(parseFeed(`\uFEFF${xml}`, FEED_URL).title).toBe('BOM');
    expect(parseFeed(`\n<br />\n<b>Warning</b>: something in feed.php\n<?xml version="1.0"?>${xml}`, FEED_URL).title).toBe('BOM');
  });

  it('decodes a windows-1251 feed from its XML declaration', () => {
    const xml = '<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>Новости</title><item><title>Байкал</title><link>https://ru.example/1</link></item></channel></rss>';
    const feed = parseFeed(iconv.encode(xml, 'windows-1251'), FEED_URL);
    expect(feed.title).toBe('Новости');
    expect(feed.items[0].title).toBe('Байкал');
  });

  it('decodes by the Content-Type charset when the document does not say', () => {
    const xml = '<rss><channel><title>Привет</title></channel></rss>';
    expect(parseFeed(iconv.encode(xml, 'koi8-r'), FEED_URL, { contentType: 'text/xml; charset=koi8-r' }).title).toBe('Привет');
  });

  it('never expands entities a DTD declares (no external entities, no billion laughs)', () => {
    const feed = parseFeed(
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<rss><channel><title>&xxe;&lol2;</title><item><title>ok</title><link>https://x.example/1</link></item></channel></rss>`,
      FEED_URL,
    );
    expect(feed.title).toBe('&xxe;&lol2;');
    expect(feed.items).toHaveLength(1);
  });

  it('drops pathologically deep nesting without losing the items after it', () => {
    const deep = `${'<x>'.repeat(400)}${'</x>'.repeat(400)}`;
    const feed = parseFeed(`<rss><channel><item>${deep}<link>https://x.example/1</link></item><item><link>https://x.example/2</link></item></channel></rss>`, FEED_URL);
    expect(feed.items.map((i) => i.url)).toEqual(['https://x.example/1', 'https://x.example/2']);
  });

  it('keeps the items before an unclosed tag at the end', () => {
    const feed = parseFeed('<rss><channel><item><title>Kept</title><link>https://x.example/k</link></item><item><title>Cut', FEED_URL);
    expect(feed.items.map((i) => i.url)).toEqual(['https://x.example/k']);
  });
});

describe('parseFeed: typed errors', () => {
  it.each([
    ['an empty body', '', 'EMPTY'],
    ['whitespace', '  \n ', 'EMPTY'],
    ['an HTML page', '<!DOCTYPE html><html><head><title>x</title></head><body></body></html>', 'NOT_A_FEED'],
    ['other XML', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', 'NOT_A_FEED'],
    ['plain text', 'Service Unavailable', 'MALFORMED'],
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": [', 'MALFORMED'],
    ['JSON that is no feed', '{"status": "ok"}', 'NOT_A_FEED'],
    ['a corrupt gzip body', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]), 'MALFORMED'],
  ])('refuses %s with a typed error', (_what, body, code) => {
    const error = parseError(body);
    expect(error.code).toBe(code);
    expect(error.name).toBe('FeedParseError');
  });
});
