import { describe, expect, it } from 'vitest';
import { extractArticle } from './index.ts';

// Pages written to show each structure: an article of five paragraphs, then readers' comments in one
// markup or another. Class names are hashed where the structure alone must tell.
const paragraph = (i: number) =>
  `Paragraph ${i} of the story: the council met on Monday to discuss the budget, and members said that the ` +
  `plans for the new library, the bus depot and the swimming pool would be decided before the summer recess.`;
const article = `<article class="_k3j9"><h1>Council budget</h1>${[1, 2, 3, 4, 5].map((i) => `<p>${paragraph(i)}</p>`).join('')}</article>`;
const readers = [
  ['Maria K.', '3 hours ago', 'I could not disagree more, the library matters more than the pool for this town.'],
  ['tom1987', '5 hours ago', 'Does anyone know where the figures for the depot come from? They look far too low.'],
  ['Aisha Okafor', 'March 3, 2026 at 5:12 pm', 'Great piece, thanks. The recess date has moved twice already this year.'],
];
const page = (comments: string, after = '') => `<html><body><main>${article}${comments}</main>${after}</body></html>`;

function text(html: string): string {
  return extractArticle(html, 'https://news.example/story').text;
}

function expectArticleOnly(html: string): void {
  const result = text(html);
  for (const i of [1, 2, 3, 4, 5]) expect(result).toContain(paragraph(i));
  for (const [author, , comment] of readers) {
    expect(result).not.toContain(comment);
    expect(result).not.toContain(author);
  }
}

describe('readers\' comments', () => {
  it('leaves out blocks alike, each an author and a time above its text, whatever their class names', () => {
    const items = readers
      .map(([author, time, comment]) => `<div class="_x1"><div class="_x2"><a href="/u">${author}</a> · <a href="#p">${time}</a></div><div class="_x3">${comment}</div><div><a href="#">Reply</a> <a href="#">Permalink</a></div></div>`)
      .join('');
    expectArticleOnly(page(`<div class="_q7"><h3>3 Comments</h3>${items}</div>`));
  });

  it('leaves out "Posted by ... on ..." comments', () => {
    const items = readers.map(([author, time, comment]) => `<div class="_r"><p>${comment}</p><p class="_s">Posted by ${author} on ${time}</p></div>`).join('');
    expectArticleOnly(page(`<div>${items}</div>`));
  });

  it('leaves out comments in microformats, author and time in separate elements', () => {
    const items = readers
      .map(([author, time, comment]) => `<div class="h-entry p-comment h-cite"><div class="p-author h-card"><a class="p-name" href="/u">${author}</a></div><div class="e-content">${comment}</div><a class="u-url"><time class="dt-published" datetime="2026-03-03">${time}</time></a></div>`)
      .join('');
    expectArticleOnly(page(`<section class="_w">${items}</section>`));
  });

  it('leaves out schema.org Comment markup', () => {
    const items = readers
      .map(([author, time, comment]) => `<div itemprop="comment" itemscope itemtype="https://schema.org/Comment"><span itemprop="author">${author}</span> <span>${time}</span><div itemprop="text"><p>${comment}</p></div></div>`)
      .join('');
    expectArticleOnly(page(`<div class="_d">${items}</div>`));
  });

  it('leaves out comments loaded after the article, outside its column, even when they outweigh it', () => {
    const many = Array.from({ length: 12 }, (_, i) => readers[i % 3]);
    const items = many
      .map(([author, time, comment], i) => `<div class="_c"><span class="_a">${author}${i}</span> <span class="_t">${time}</span><p>${comment} ${comment}</p></div>`)
      .join('');
    expectArticleOnly(page('', `<footer>© News</footer><div class="_lazy">${items}</div>`));
  });

  it('keeps a live blog, whose posts carry one byline and a time each', () => {
    const posts = [1, 2, 3, 4]
      .map((i) => `<div class="_post"><div class="_meta">By Live Desk, 10:${10 + i}</div><p>${paragraph(10 + i)}</p></div>`)
      .join('');
    const result = text(`<html><body><main><h1>Live</h1><div class="_feed">${posts}</div></main></body></html>`);
    for (const i of [11, 12, 13, 14]) expect(result).toContain(paragraph(i));
  });

  it('keeps embedded posts between the article\'s paragraphs', () => {
    const embed = (author: string, time: string) => `<div><p>The plans are a disgrace to this town and its people.</p><p>— ${author} (@${author.replace(/\W/g, '')}) ${time}</p></div>`;
    const body = `<article><p>${paragraph(1)}</p>${embed('Maria K', 'March 3, 2026')}<p>${paragraph(2)}</p>${embed('Tom B', 'March 4, 2026')}<p>${paragraph(3)}</p></article>`;
    expect(text(`<html><body>${body}</body></html>`)).toContain('The plans are a disgrace');
  });

  it('keeps a dated timeline in the article', () => {
    const timeline = `<ul>${['March 3, 2026: the plan is published', 'April 1, 2026: the council votes', 'May 9, 2026: work begins'].map((t) => `<li>${t}</li>`).join('')}</ul>`;
    const result = text(`<html><body><article>${[1, 2].map((i) => `<p>${paragraph(i)}</p>`).join('')}${timeline}<p>${paragraph(3)}</p></article></body></html>`);
    expect(result).toContain('April 1, 2026: the council votes');
  });
});

describe('articles split across sibling sections', () => {
  const section = (i: number, heading: string) => `<div class="_sec"><div class="_in"><h2>${heading}</h2><p>${paragraph(i)}</p></div></div><div class="_ad">Advertisement</div>`;

  it('keeps every section of a long read, each too short to win alone', () => {
    const html = `<html><body><nav><a href="/">Home</a></nav><div class="_page"><h1>Review</h1><div class="_body">${[1, 2, 3, 4, 5, 6].map((i) => section(i, `Part ${i}`)).join('')}</div></div></body></html>`;
    const result = text(html);
    for (const i of [1, 2, 3, 4, 5, 6]) expect(result).toContain(paragraph(i));
  });

  it('keeps sections whose anchors are headings made into ids, even when a word looks like furniture', () => {
    const html = `<html><body><div class="content"><div id="sharing-the-plans-with-the-town" class="section"><h2>Sharing</h2>${[1, 2, 3].map((i) => `<p>${paragraph(i)}</p>`).join('')}</div><div id="what-comes-next-for-the-council" class="section"><h2>Next</h2>${[4, 5].map((i) => `<p>${paragraph(i)}</p>`).join('')}</div></div></body></html>`;
    const result = text(html);
    for (const i of [1, 2, 3, 4, 5]) expect(result).toContain(paragraph(i));
  });

  it('does not take in a list of teasers beside the article', () => {
    const teasers = [1, 2, 3, 4].map((i) => `<div class="_t"><a href="/s${i}">Another story ${i}</a><p>A short teaser for story ${i} here.</p></div>`).join('');
    const html = `<html><body><div class="_wrap"><div class="_art">${[1, 2, 3, 4].map((i) => `<p>${paragraph(i)}</p>`).join('')}</div><div class="_more"><h3>Recent</h3>${teasers}</div></div></body></html>`;
    expect(text(html)).not.toContain('A short teaser');
  });
});
