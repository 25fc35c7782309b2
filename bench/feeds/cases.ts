// Format coverage and leniency cases: what a parser must get out of each document (entry count, and
// the first entry's absolute URL, title and date). Written from the specs and from the faults real
// feeds are known for; none is tuned to one parser.
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';

export interface CoverageCase {
  name: string;
  kind: 'format' | 'leniency';
  url: string;
  body: string | Uint8Array;
  expect: { count: number; url: string; title: string | null; publishedAt?: string };
}

const URL_ = 'https://feeds.example/feed';
const rssItem = (title: string, link: string, extra = '') => `<item><title>${title}</title><link>${link}</link>${extra}</item>`;
const rss = (items: string, head = '') => `${head}<rss version="2.0"><channel><title>Feed</title><link>https://feeds.example/</link>${items}</channel></rss>`;

const sitemap = `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://feeds.example/a</loc><lastmod>2026-11-20T10:00:00Z</lastmod></url><url><loc>https://feeds.example/b</loc></url></urlset>`;

export const CASES: CoverageCase[] = [
  {
    name: 'RSS 2.0',
    kind: 'format',
    url: URL_,
    body: rss(rssItem('One', 'https://feeds.example/1', '<pubDate>Tue, 24 Nov 2026 08:15:00 GMT</pubDate>') + rssItem('Two', 'https://feeds.example/2')),
    expect: { count: 2, url: 'https://feeds.example/1', title: 'One', publishedAt: '2026-11-24T08:15:00.000Z' },
  },
  {
    name: 'RSS 0.91',
    kind: 'format',
    url: URL_,
    body: '<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title><link>http://old.example/</link><item><title>Old one</title><link>http://old.example/1</link></item></channel></rss>',
    expect: { count: 1, url: 'http://old.example/1', title: 'Old one' },
  },
  {
    name: 'RSS 1.0 (RDF)',
    kind: 'format',
    url: URL_,
    body: `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="http://rdf.example/"><title>RDF</title><link>http://rdf.example/</link></channel><item rdf:about="http://rdf.example/a"><title>RDF one</title><link>http://rdf.example/a</link><dc:date>2026-11-20T10:00:00Z</dc:date></item></rdf:RDF>`,
    expect: { count: 1, url: 'http://rdf.example/a', title: 'RDF one', publishedAt: '2026-11-20T10:00:00.000Z' },
  },
  {
    name: 'Atom 1.0',
    kind: 'format',
    url: URL_,
    body: `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><entry><title>Entry</title><link rel="alternate" href="https://atom.example/e"/><id>urn:1</id><published>2026-11-20T10:00:00Z</published><updated>2026-11-21T10:00:00Z</updated></entry></feed>`,
    expect: { count: 1, url: 'https://atom.example/e', title: 'Entry', publishedAt: '2026-11-20T10:00:00.000Z' },
  },
  {
    name: 'Atom 1.0 with xml:base',
    kind: 'format',
    url: URL_,
    body: `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/blog/"><title>Based</title><entry><title>Relative</title><link href="posts/1"/><updated>2026-11-21T10:00:00Z</updated></entry></feed>`,
    expect: { count: 1, url: 'https://base.example/blog/posts/1', title: 'Relative' },
  },
  {
    name: 'Atom 0.3',
    kind: 'format',
    url: URL_,
    body: `<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title><entry><title>Old entry</title><link rel="alternate" type="text/html" href="http://atom03.example/1"/><issued>2004-01-02T03:04:05Z</issued></entry></feed>`,
    expect: { count: 1, url: 'http://atom03.example/1', title: 'Old entry', publishedAt: '2004-01-02T03:04:05.000Z' },
  },
  {
    name: 'JSON Feed 1.1',
    kind: 'format',
    url: URL_,
    body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'JSON', items: [{ id: '1', url: 'https://json.example/1', title: 'JSON one', date_published: '2026-11-20T10:00:00Z' }] }),
    expect: { count: 1, url: 'https://json.example/1', title: 'JSON one', publishedAt: '2026-11-20T10:00:00.000Z' },
  },
  { name: 'XML sitemap', kind: 'format', url: URL_, body: sitemap, expect: { count: 2, url: 'https://feeds.example/a', title: null } },
  {
    name: 'Google News sitemap',
    kind: 'format',
    url: URL_,
    body: `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://feeds.example/n</loc><news:news><news:publication><news:name>N</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-11-26T12:00:00Z</news:publication_date><news:title>News title</news:title></news:news></url></urlset>`,
    expect: { count: 1, url: 'https://feeds.example/n', title: 'News title', publishedAt: '2026-11-26T12:00:00.000Z' },
  },
  { name: 'gzipped sitemap (bytes)', kind: 'format', url: URL_, body: gzipSync(Buffer.from(sitemap)), expect: { count: 2, url: 'https://feeds.example/a', title: null } },
  {
    name: 'relative links (feed URL as base)',
    kind: 'leniency',
    url: URL_,
    body: rss(rssItem('Rel', '/2026/rel')),
    expect: { count: 1, url: 'https://feeds.example/2026/rel', title: 'Rel' },
  },
  {
    name: 'unescaped & in title and link',
    kind: 'leniency',
    url: URL_,
    body: rss(rssItem('Fish & Chips', 'https://feeds.example/a?b=1&c=2')),
    expect: { count: 1, url: 'https://feeds.example/a?b=1&c=2', title: 'Fish & Chips' },
  },
  {
    name: 'HTML entities (&nbsp; &eacute;) in XML',
    kind: 'leniency',
    url: URL_,
    body: rss(rssItem('Caf&eacute;&nbsp;news', 'https://feeds.example/cafe')),
    expect: { count: 1, url: 'https://feeds.example/cafe', title: 'Café news' },
  },
  {
    name: 'escaped HTML in title',
    kind: 'leniency',
    url: URL_,
    body: rss(rssItem('&lt;b&gt;Bold&lt;/b&gt; claim', 'https://feeds.example/bold')),
    expect: { count: 1, url: 'https://feeds.example/bold', title: 'Bold claim' },
  },
  {
    name: 'RFC 822 date with zone name, no seconds',
    kind: 'leniency',
    url: URL_,
    body: rss(rssItem('Dated', 'https://feeds.example/d', '<pubDate>24 Nov 2026 08:15 EST</pubDate>')),
    expect: { count: 1, url: 'https://feeds.example/d', title: 'Dated', publishedAt: '2026-11-24T13:15:00.000Z' },
  },
  {
    name: 'date without zone (must not use host time zone)',
    kind: 'leniency',
    url: URL_,
    body: rss(rssItem('Zoneless', 'https://feeds.example/z', '<pubDate>2026-11-24 08:15:00</pubDate>')),
    expect: { count: 1, url: 'https://feeds.example/z', title: 'Zoneless', publishedAt: '2026-11-24T08:15:00.000Z' },
  },
  {
    name: 'UTF-8 BOM and leading blank lines',
    kind: 'leniency',
    url: URL_,
    body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\n\n<?xml version="1.0"?>${rss(rssItem('BOM', 'https://feeds.example/bom'))}`)]),
    expect: { count: 1, url: 'https://feeds.example/bom', title: 'BOM' },
  },
  {
    name: 'windows-1251 bytes (declared in the XML declaration)',
    kind: 'leniency',
    url: URL_,
    body: iconv.encode(`<?xml version="1.0" encoding="windows-1251"?>${rss(rssItem('Байкал', 'https://feeds.example/ru'))}`, 'windows-1251'),
    expect: { count: 1, url: 'https://feeds.example/ru', title: 'Байкал' },
  },
  {
    name: 'PHP warning before the XML',
    kind: 'leniency',
    url: URL_,
    body: `<br />\n<b>Warning</b>: Cannot modify header information in <b>feed.php</b><br />\n<?xml version="1.0"?>${rss(rssItem('After junk', 'https://feeds.example/j'))}`,
    expect: { count: 1, url: 'https://feeds.example/j', title: 'After junk' },
  },
  {
    name: 'truncated document (first items kept)',
    kind: 'leniency',
    url: URL_,
    body: `<rss version="2.0"><channel><title>Cut</title>${rssItem('Whole', 'https://feeds.example/w')}<item><title>Cut off`,
    expect: { count: 1, url: 'https://feeds.example/w', title: 'Whole' },
  },
  {
    name: 'undeclared dc: prefix',
    kind: 'leniency',
    url: URL_,
    body: rss(rssItem('Undeclared', 'https://feeds.example/u', '<dc:date>2026-11-20T10:00:00Z</dc:date>')),
    expect: { count: 1, url: 'https://feeds.example/u', title: 'Undeclared', publishedAt: '2026-11-20T10:00:00.000Z' },
  },
];
