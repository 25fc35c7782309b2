// 500-entry feeds built from news text written for the project (data/topics-seed: whole articles, then briefs).
import { seedDocs } from '../../scripts/topics/corpus.ts';

interface Article {
  id: string;
  label: string;
  title: string;
  text: string;
}

export function loadArticles(count: number): Article[] {
  const docs = seedDocs().filter((doc) => doc.source === 'article' || doc.source === 'seed');
  docs.sort((a, b) => Number(b.source === 'article') - Number(a.source === 'article'));
  if (docs.length < count) throw new Error(`the project's text has ${docs.length} articles, ${count} needed`);
  return docs.slice(0, count).map((doc, i) => ({
    id: `project/${i + 1}`,
    label: doc.labels[0],
    title: doc.title ?? doc.text.split(' ').slice(0, 8).join(' '),
    text: doc.text,
  }));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paragraphs = (text: string) => text.split(/\n+/).map((p) => `<p>${esc(p)}</p>`).join('\n');
const slug = (a: Article) => a.id.replace(/^project\//, 'story-');
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
