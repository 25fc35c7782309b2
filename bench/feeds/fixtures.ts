// 500-entry feeds built from real news text (BBC News corpus in the shared data folder, read at run time).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

interface Article {
  id: string;
  label: string;
  title: string;
  text: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedDir = process.env.SYNDIC_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');

export function loadArticles(count: number): Article[] {
  const file = path.join(sharedDir, 'corpora', 'bbc_news', 'train.jsonl.gz');
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
  if (lines.length < count) throw new Error(`${file} has ${lines.length} articles, ${count} needed`);
  return lines.slice(0, count).map((line) => JSON.parse(line) as Article);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paragraphs = (text: string) => text.split(/\n+/).map((p) => `<p>${esc(p)}</p>`).join('\n');
const slug = (a: Article) => a.id.replace(/^bbc\//, '').replace(/\.txt$/, '');
// Deterministic dates, one hour apart going back from the benchmark's reference date.
const dateOf = (i: number) => new Date(Date.UTC(2026, 10, 27, 6) - i * 3_600_000);

export function rssFeed(articles: Article[], site: string): string {
  const items = articles.map((a, i) => {
    const [lead] = a.text.split(/\n+/);
    return `<item>
  <title>${esc(a.title)}</title>
  <link>${site}/${slug(a)}.html?utm_source=rss&amp;utm_medium=feed</link>
  <guid isPermaLink="false">${a.id}</guid>
  <pubDate>${dateOf(i).toUTCString()}</pubDate>
  <dc:creator>BBC News</dc:creator>
  <category>${a.label}</category>
  <description>${esc(lead)}</description>
  <content:encoded><![CDATA[${paragraphs(a.text)}]]></content:encoded>
</item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Bench News</title><link>${site}/</link><description>500 stories</description>
${items.join('\n')}
</channel></rss>`;
}

export function atomFeed(articles: Article[], site: string): string {
  const entries = articles.map((a, i) => {
    const [lead] = a.text.split(/\n+/);
    return `<entry>
  <title>${esc(a.title)}</title>
  <link rel="alternate" type="text/html" href="${site}/${slug(a)}.html"/>
  <id>tag:bench,2026:${a.id}</id>
  <published>${dateOf(i).toISOString()}</published>
  <updated>${dateOf(i).toISOString()}</updated>
  <author><name>BBC News</name></author>
  <category term="${a.label}"/>
  <summary>${esc(lead)}</summary>
  <content type="html">${esc(paragraphs(a.text))}</content>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Bench News</title><link href="${site}/"/><id>tag:bench,2026:feed</id><updated>${dateOf(0).toISOString()}</updated>
${entries.join('\n')}
</feed>`;
}

export function jsonFeed(articles: Article[], site: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Bench News',
    home_page_url: `${site}/`,
    items: articles.map((a, i) => ({
      id: a.id,
      url: `${site}/${slug(a)}.html`,
      title: a.title,
      summary: a.text.split(/\n+/)[0],
      content_html: paragraphs(a.text),
      date_published: dateOf(i).toISOString(),
      authors: [{ name: 'BBC News' }],
      tags: [a.label],
    })),
  });
}
