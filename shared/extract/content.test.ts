import { describe, expect, it } from 'vitest';
import { findCommentBlocks } from './comments.ts';
import { selectContent } from './content.ts';
import { loadDocument } from './document.ts';
import { selectFurniture } from './furniture.ts';
import { renderParagraphs } from './render.ts';
import { surveyPage } from './survey.ts';
import { computeTextStats } from './text-stats.ts';

function articleText(html: string): string[] {
  const { $, root, body } = loadDocument(html);
  const stats = computeTextStats(body);
  const scoring = { stats, markedBody: surveyPage(root).markedBody, furniture: selectFurniture($), comments: findCommentBlocks(body, stats) };
  return renderParagraphs(selectContent(body, scoring));
}

const sentence = (topic: string) => `${topic} was discussed at length on Monday, and officials said that more details, figures and plans would follow later this week.`;
const links = (n: number) => `<ul>${Array.from({ length: n }, (_, i) => `<li><a href="/${i}">Another headline number ${i} about something else</a></li>`).join('')}</ul>`;

describe('selectContent and renderParagraphs', () => {
  it('finds the article among menus, link lists and a sidebar', () => {
    const html = `<body><div class="menu">${links(8)}</div><div class="main"><div class="story"><p>${sentence('Trade')}</p><p>${sentence('Energy')}</p><p>${sentence('Farming')}</p></div></div><div class="sidebar"><p>${sentence('Sport')}</p>${links(10)}</div></body>`;
    expect(articleText(html)).toEqual([sentence('Trade'), sentence('Energy'), sentence('Farming')]);
  });

  it('keeps every chunk of an article split into sibling sections with promos between', () => {
    const chunk = (topic: string) => `<div class="grid"><div class="article-chunk"><p>${sentence(topic)}</p><p>${sentence(topic + ' policy')}</p></div><div class="rail">${links(3)}</div></div>`;
    const html = `<body><main><div class="chunks">${chunk('Trade')}<div class="promo-banner"><p>Subscribe for just one euro a month and read everything.</p></div>${chunk('Energy')}</div></main></body>`;
    expect(articleText(html)).toEqual([sentence('Trade'), sentence('Trade policy'), sentence('Energy'), sentence('Energy policy')]);
  });

  it('keeps an article held in a layout wrapper named after the sidebar', () => {
    const html = `<body><div class="content-with-sidebar-wrp"><article><p>${sentence('Trade')}</p><p>${sentence('Energy')}</p></article><aside>${links(5)}</aside></div><footer><p>${sentence('Copyright')}</p></footer></body>`;
    expect(articleText(html)).toEqual([sentence('Trade'), sentence('Energy')]);
  });

  it('cuts the article at a boilerplate marker followed by little text', () => {
    const html = `<body><article><p>${sentence('Trade')}</p><p>${sentence('Energy')}</p><p>${sentence('Farming')}</p><p>Related posts:</p><p>Gas prices rise again</p></article></body>`;
    expect(articleText(html)).toEqual([sentence('Trade'), sentence('Energy'), sentence('Farming')]);
  });

  it('widens over documentation sections whose headings (with an anchor link) weigh as much as their text', () => {
    // Each section: a heading, a sentence or two, an edit link. The first holds a list and outscores the rest.
    const heading = (i: number, topic: string) => `<h2>How the ${topic.toLowerCase()} setting changes the defaults of every new project<a href="#s${i}">#</a></h2>`;
    const first = `<div class="doc-section" id="s0">${heading(0, 'Trade')}<ul>${['Trade', 'Trade policy', 'Tariffs', 'Quotas'].map((t) => `<li>${sentence(t)}</li>`).join('')}</ul><div><a href="#">Edit</a></div></div>`;
    const section = (i: number, topic: string) => `<div class="doc-section" id="s${i}">${heading(i, topic)}<p>${topic} settings apply to every project in the workspace, and they can be changed later in the console.</p><div><a href="#">Edit</a></div></div>`;
    const topics = ['Energy', 'Farming', 'Fishing', 'Mining'];
    const html = `<body><nav>${links(6)}</nav><main><div class="wrap"><div class="toc">${links(5)}</div><div class="docs">${first}${topics.map((t, i) => section(i + 1, t)).join('')}</div></div></main></body>`;
    const text = articleText(html);
    for (const topic of topics) expect(text).toContain(`${topic} settings apply to every project in the workspace, and they can be changed later in the console.`);
  });

  it('does not widen over a most-read block whose teasers are headings over excerpts cut off with an ellipsis', () => {
    const teaser = (topic: string) => `<div class="box-item"><h3>${topic} prices are rising again, experts say</h3><p>On Monday the ${topic.toLowerCase()} ministers said that prices, fees and charges would all go up again next year, while…</p></div>`;
    const html = `<body><div class="wrap"><div class="story"><p>${sentence('Trade')}</p><p>${sentence('Energy')}</p><p>${sentence('Farming')}</p><p>${sentence('Fishing')}</p></div>` +
      `<div class="box-2"><h2>Most read today</h2>${teaser('Gas')}${teaser('Rent')}</div></div></body>`;
    expect(articleText(html)).toEqual(['Trade', 'Energy', 'Farming', 'Fishing'].map(sentence));
  });

  it('keeps the prose of a page whose reference list holds more commas than its paragraphs', () => {
    const topics = ['Trade', 'Energy', 'Farming', 'Fishing', 'Mining', 'Housing', 'Transport', 'Health'];
    const citation = (i: number) => `<li>Jones, Matthew; Ormrod, Joan (${2000 + i}), Time Travel in Popular Media, McFarland &amp; Company, ISBN 978078647807${i}</li>`;
    const html = `<body><main><div class="prose">${topics.map((t) => `<p>${sentence(t)}</p>`).join('')}</div>${links(12)}` +
      `<div class="refs"><h2>References</h2><div class="columns"><ol>${Array.from({ length: 14 }, (_, i) => citation(i)).join('')}</ol></div></div></main></body>`;
    expect(articleText(html)).toEqual(expect.arrayContaining(topics.map(sentence)));
  });

  it('still takes an article written as a list of steps', () => {
    const step = (topic: string) => `<li>${sentence(topic)}</li>`;
    const html = `<body><nav>${links(8)}</nav><main><h2>How to do it</h2><ol class="steps">${['Trade', 'Energy', 'Farming', 'Fishing'].map(step).join('')}</ol></main><footer>${links(6)}</footer></body>`;
    expect(articleText(html)).toEqual(expect.arrayContaining(['Trade', 'Energy', 'Farming', 'Fishing'].map(sentence)));
  });

  it('keeps lists whose items hold text around their links, with their nested lists of bare links', () => {
    const note = (who: string, what: string) => `<li>${who} fixed <a href="/bug/1">${what}</a> for add-ons</li>`;
    const html = `<body><article><p>${sentence('Trade')}</p><p>${sentence('Energy')}</p><h4>Add-ons</h4>` +
      `<ul>${note('Ann', 'an issue with revoked permissions')}${note('Bo', 'a crash on startup in safe mode')}${note('Cy', 'the broken icon cache')}</ul>` +
      `<ul><li>Work in progress:<ul><li><a href="/bug/2">Bug 2 – Fullscreen window loses focus</a></li><li><a href="/bug/3">Bug 3 – Add telemetry for windows</a></li></ul></li></ul>` +
      `<p>${sentence('Farming')}</p><p>${sentence('Fishing')}</p></article></body>`;
    expect(articleText(html)).toEqual([
      sentence('Trade'), sentence('Energy'), 'Add-ons', 'Ann fixed an issue with revoked permissions for add-ons', 'Bo fixed a crash on startup in safe mode for add-ons',
      'Cy fixed the broken icon cache for add-ons', 'Work in progress:', 'Bug 2 – Fullscreen window loses focus', 'Bug 3 – Add telemetry for windows', sentence('Farming'), sentence('Fishing'),
    ]);
  });

  it('still leaves out lists of bare links inside the article, and menus with nested submenus', () => {
    const menu = `<ul><li><a href="/news">News</a><ul><li><a href="/world">World news</a></li><li><a href="/local">Local news</a></li></ul></li><li><a href="/sport">Sport</a></li></ul>`;
    const html = `<body><article><div class="x1">${menu}</div><p>${sentence('Trade')}</p><p>${sentence('Energy')}</p>${links(4)}<p>${sentence('Farming')}</p><p>${sentence('Fishing')}</p></article></body>`;
    expect(articleText(html)).toEqual(['Trade', 'Energy', 'Farming', 'Fishing'].map(sentence));
  });

  it('leaves out a photo gallery embedded in the article, its slide captions and its player buttons', () => {
    const slide = (i: number) => `<li><h3>${i} of 3</h3><p>Security forces stormed the museum on day ${i}, freeing hostages and ending a siege.</p><p>Photo: Agency</p></li>`;
    const gallery = `<div class="embed photo-gallery"><div><span>Full Screen</span><span>Autoplay</span><span>Close</span></div><ul>${[1, 2, 3].map(slide).join('')}</ul></div>`;
    const html = `<body><article><p>${sentence('Trade')}</p><p>${sentence('Energy')}</p>${gallery}<p>${sentence('Farming')}</p><p>${sentence('Fishing')}</p></article></body>`;
    expect(articleText(html)).toEqual(['Trade', 'Energy', 'Farming', 'Fishing'].map(sentence));
  });

  it('keeps a photo essay whose gallery holds most of the page text', () => {
    const slide = (topic: string) => `<li><p>${sentence(topic)}</p></li>`;
    const html = `<body><nav>${links(5)}</nav><div class="gallery"><ul>${['Trade', 'Energy', 'Farming', 'Fishing'].map(slide).join('')}</ul></div></body>`;
    expect(articleText(html)).toEqual(['Trade', 'Energy', 'Farming', 'Fishing'].map(sentence));
  });

  it('leaves out a slideshow embedded in an article even when its captions hold most of the page text', () => {
    // A gallery overlay of many captioned photos, shown one at a time, inside a story whose prose runs on around it.
    const slide = (i: number) => `<li><h2>${i}/12 Markets</h2><p>${sentence(`Photo ${i}`)}</p><p class="credits">Agency</p></li>`;
    const gallery = `<div class="full-gallery"><ul class="legends">${Array.from({ length: 12 }, (_, i) => slide(i + 1)).join('')}</ul></div>`;
    const html = `<body><article><p>${sentence('Trade')}</p><p>${sentence('Energy')}</p>${gallery}<p>${sentence('Farming')}</p><p>${sentence('Fishing')}</p></article></body>`;
    expect(articleText(html)).toEqual(['Trade', 'Energy', 'Farming', 'Fishing'].map(sentence));
  });

  it('keeps a photo essay with a short introduction whose gallery holds most of the page text', () => {
    const slide = (topic: string) => `<li><p>${sentence(topic)}</p></li>`;
    const html = `<body><nav>${links(5)}</nav><article><p>${sentence('Harvest')}</p><p>${sentence('Weather')}</p><div class="gallery"><ul>${['Trade', 'Energy', 'Farming', 'Fishing', 'Mining'].map(slide).join('')}</ul></div></article></body>`;
    expect(articleText(html)).toEqual(['Harvest', 'Weather', 'Trade', 'Energy', 'Farming', 'Fishing', 'Mining'].map(sentence));
  });

  it('keeps the article going past a byline and an in-body "Related: headline" link near its end', () => {
    // A digest of several short pieces, each under its own byline; a table headed "By changesets"; an
    // in-story link to another story: none of them says the article has ended.
    const html = `<body><article><p>${sentence('Trade')}</p><p>${sentence('Energy')}</p><p>${sentence('Farming')}</p><p>${sentence('Fishing')}</p><p>${sentence('Mining')}</p>` +
      `<p>By Nathan Willis</p><p>${sentence('Housing')}</p><table><tr><th>By changesets</th></tr><tr><td>Herbert Smith</td><td>63</td></tr></table>` +
      `<p><a href="/other">Related: Chicago is the most segregated city in America</a></p><p>${sentence('Poverty')}</p></article></body>`;
    expect(articleText(html)).toEqual([
      ...['Trade', 'Energy', 'Farming', 'Fishing', 'Mining', 'Housing'].map(sentence), 'Herbert Smith', '63', sentence('Poverty'),
    ]);
  });

  it('still ends the article at a "Related posts" heading or a "Posted by" line followed by little text', () => {
    const tail = (marker: string) => `<body><article>${['Trade', 'Energy', 'Farming', 'Fishing'].map((t) => `<p>${sentence(t)}</p>`).join('')}<p>${marker}</p><p>Gas prices rise again on Monday</p></article></body>`;
    for (const marker of ['Related posts:', 'Related Articles', 'Posted by Maria K. on March 3', 'Leave a Reply']) {
      expect(articleText(tail(marker))).toEqual(['Trade', 'Energy', 'Farming', 'Fishing'].map(sentence));
    }
  });

  it('falls back to the whole body when no block holds sentences', () => {
    expect(articleText('<body><span>Just a short note.</span></body>')).toEqual(['Just a short note.']);
  });
});
