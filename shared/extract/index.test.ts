import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, countWords, extractArticle } from './index.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name));
const paragraphsOf = (text: string) => text.split('\n\n');

describe('extractArticle on a syndicated WordPress page', () => {
  const seed = readFileSync(path.join(import.meta.dirname, '..', '..', 'data', 'seeds', 'scraped-article.txt'), 'utf8').trim().split('\n\n');
  const articleParagraphs = seed.slice(0, seed.indexOf('Source link'));
  const article = extractArticle(fixture('wordpress-syndicated.html'), 'https://worldnewsdaily.example/?p=4312', { contentType: 'text/html; charset=UTF-8' });

  it('keeps every article paragraph, in order, each as its own paragraph', () => {
    expect(paragraphsOf(article.text)).toEqual(articleParagraphs);
  });

  it('keeps the in-body heading', () => {
    expect(paragraphsOf(article.text)).toContain('Russia leading supplier of oil to China');
  });

  it.each(['Source link', 'By wy9m6', 'Leave a Reply', 'Your email address will not be published', 'Required fields are marked', 'Save my name', 'Share this', 'Related', 'Posted in', 'About wy9m6', 'Recent Posts', 'cookies', 'Skip to content', 'Post navigation'])(
    'leaves out the page furniture %j',
    (boilerplate) => {
      expect(article.text).not.toContain(boilerplate);
    },
  );

  it('reads the metadata', () => {
    expect(article).toMatchObject({
      title: 'Putin tells Xi Russia-China ties are ‘best in history’',
      authors: ['wy9m6'],
      publishedAt: '2022-12-30T14:05:00Z',
      modifiedAt: '2022-12-30T16:40:12Z',
      language: 'en',
      canonicalUrl: 'https://worldnewsdaily.example/2022/12/30/putin-tells-xi-ties-best-in-history/',
      siteName: 'World News Daily',
      leadImage: 'https://worldnewsdaily.example/wp-content/uploads/2022/12/putin-xi.jpg',
      excerpt: articleParagraphs[0],
    });
    expect(article.wordCount).toBeGreaterThan(450);
  });
});

describe('extractArticle on a news page with JSON-LD', () => {
  const article = extractArticle(fixture('news-jsonld.html'), 'https://www.dailyledger.example/news/storm-floods-coastal-towns?utm_source=feed');

  it('takes metadata from JSON-LD and OpenGraph', () => {
    expect(article).toMatchObject({
      title: 'Storm floods coastal towns as rivers burst banks',
      authors: ['Maria Lopez', 'Tom Becker'],
      publishedAt: '2024-03-08T06:30:00+01:00',
      modifiedAt: '2024-03-08T09:15:00+01:00',
      canonicalUrl: 'https://www.dailyledger.example/news/storm-floods-coastal-towns',
      siteName: 'The Daily Ledger',
      leadImage: 'https://cdn.dailyledger.example/img/flood.jpg',
      excerpt: 'Heavy rain overnight sent rivers over their banks in a dozen coastal towns.',
      language: 'en',
    });
  });

  it('keeps paragraphs, in-body headings, list items and quotes as separate paragraphs', () => {
    const paragraphs = paragraphsOf(article.text);
    expect(paragraphs[0]).toMatch(/^Heavy rain overnight/);
    expect(paragraphs).toContain('Warnings stay in place');
    expect(paragraphs).toContain('switch off gas and electricity if water enters the house,');
    expect(paragraphs).toContain('We are doing everything we can to reach the people who are still cut off by the water.');
    expect(paragraphs[paragraphs.length - 1]).toMatch(/^The regional council said/);
  });

  it.each(['Storm floods coastal towns as rivers burst banks', 'By Maria Lopez', 'Photo: Ledger Staff', 'Advertisement', 'cookies', 'Sign up', 'newsletter', 'Related', 'insurance', 'Tags', 'Share on', 'Most read', 'All rights reserved'])(
    'leaves out the title, byline, caption and furniture %j',
    (boilerplate) => {
      expect(article.text).not.toContain(boilerplate);
    },
  );
});

describe.each([
  {
    name: 'ru-windows-1251.html', language: 'ru', title: 'В Москве открылся новый музей современного искусства', authors: ['Ирина Соколова'],
    first: 'В пятницу в центре Москвы', last: 'Музей работает ежедневно',
    boilerplate: ['Читайте также', 'Источник', 'Поделиться', 'Похожие новости', 'Добавить комментарий', 'Ваш адрес email не будет опубликован', 'Обязательные поля помечены', 'Сохранить моё имя', 'Популярное', 'Все права защищены'],
  },
  {
    name: 'es.html', language: 'es', title: 'El Gobierno aprueba un plan para ampliar la red de trenes de cercanías', authors: ['Lucía Fernández'],
    first: 'El Consejo de Ministros', last: 'Los alcaldes de varias ciudades',
    boilerplate: ['Te puede interesar', 'Fuente', 'se publicó primero en', 'Compartir', 'Etiquetas', 'Noticias relacionadas', 'Deja una respuesta', 'no será publicada', 'Los campos obligatorios', 'Guarda mi nombre', 'Lo más leído'],
  },
  {
    name: 'de.html', language: 'de', title: 'Stadtrat beschließt neues Radwegenetz', authors: ['Jonas Müller'],
    first: 'Der Stadtrat hat am Montagabend', last: 'Die Opposition kritisierte',
    boilerplate: ['Von Jonas Müller', 'Lesen Sie auch', 'Quelle', 'erschien zuerst auf', 'Teilen', 'Schlagwörter', 'Schreibe einen Kommentar', 'wird nicht veröffentlicht', 'Erforderliche Felder', 'Meinen Namen', 'Das könnte Sie auch interessieren', 'Cookies'],
  },
  {
    name: 'fr.html', language: 'fr', title: 'La ville inaugure une nouvelle médiathèque', authors: ['Claire Dubois'],
    first: 'La nouvelle médiathèque du centre-ville', last: 'Selon le maire',
    boilerplate: ['À lire aussi', 'Source', 'est apparu en premier sur', 'Partager', 'Catégories', 'Laisser un commentaire', 'ne sera pas publiée', 'Les champs obligatoires', 'Enregistrer mon nom', 'Articles récents', 'Tous droits réservés'],
  },
])('extractArticle on a $language page ($name)', ({ name, language, title, authors, first, last, boilerplate }) => {
  const article = extractArticle(fixture(name), 'https://example.org/article');

  it('decodes the page and reads title, authors and language', () => {
    expect(article).toMatchObject({ title, authors, language });
  });

  it('keeps the article from its first to its last paragraph', () => {
    const paragraphs = paragraphsOf(article.text);
    expect(paragraphs[0].startsWith(first)).toBe(true);
    expect(paragraphs[paragraphs.length - 1].startsWith(last)).toBe(true);
  });

  it('leaves out the local-language boilerplate', () => {
    for (const phrase of boilerplate) expect(article.text).not.toContain(phrase);
  });
});

describe('extractArticle input handling', () => {
  it('decodes windows-1251 bytes when only the HTTP header names the charset', () => {
    const html = readFileSync(path.join(import.meta.dirname, 'fixtures', 'ru-windows-1251.html')).toString('latin1').replace(/<meta http-equiv[^>]*>/, '');
    const article = extractArticle(Buffer.from(html, 'latin1'), 'https://example.org/', { contentType: 'text/html; charset=windows-1251' });
    expect(article.title).toBe('В Москве открылся новый музей современного искусства');
  });

  it('accepts an already decoded string', () => {
    const article = extractArticle(fixture('de.html').toString('utf8'), 'https://example.org/');
    expect(article.text).toMatch(/^Der Stadtrat hat/);
  });

  it('detects the language from the text when the page does not declare it', () => {
    const html = fixture('fr.html').toString('utf8').replace(' lang="fr-FR"', '');
    expect(extractArticle(html, 'https://example.org/').language).toBe('fr');
  });

  it('keeps a MathML formula as its text (its tokens joined, as the DOM joins them), inside its paragraph, while an SVG drawing stays out', () => {
    const prose = 'The roots of any quadratic equation follow from its three coefficients, and the formula below gives both of them at once.';
    const formula = '<math display="block"><mi>x</mi><mo>=</mo><mfrac><mrow><mo>−</mo><mi>b</mi></mrow><mrow><mn>2</mn><mi>a</mi></mrow></mfrac></math>';
    const html = `<html><body><article><p>${prose}</p><p>Solving gives ${formula} for every nonzero leading coefficient a.</p>` +
      `<p>${prose}</p><svg><text>Figure axis label</text></svg></article></body></html>`;
    const { text } = extractArticle(html, 'https://example.com/maths');
    expect(text).toContain('Solving gives x=−b2a for every nonzero leading coefficient a.');
    expect(text).not.toContain('Figure axis label');
  });

  it('keeps text written straight into a div with line breaks', () => {
    const lines = ['First line of the story, with enough words to count as a sentence.', 'Second line of the story, also long enough to be a paragraph.'];
    const html = `<html><body><div class="menu"><a href="/">Home</a> <a href="/news">News</a></div><div>${lines.join('<br><br>')}</div></body></html>`;
    expect(extractArticle(html, 'https://example.org/').text).toBe(lines.join('\n\n'));
  });

  it('takes the JSON-LD articleBody when the markup holds far less of the article', () => {
    const body = 'First paragraph of a story rendered by scripts, long enough to matter here.\n\nSecond paragraph, also only in the structured data of the page.';
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Story', articleBody: body })}</script></head><body><div id="app"><p>Loading…</p></div></body></html>`;
    expect(extractArticle(html, 'https://example.org/').text).toBe(body);
  });

  it('keeps the rendered article when it is as long as the JSON-LD articleBody', () => {
    const lines = ['Rendered first paragraph of the story, with enough words to be a sentence.', 'Rendered second paragraph, which the JSON-LD summary leaves out entirely.'];
    const html = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"A short summary."}</script></head><body><article><p>${lines[0]}</p><p>${lines[1]}</p></article></body></html>`;
    expect(extractArticle(html, 'https://example.org/').text).toBe(lines.join('\n\n'));
  });

  it('returns an empty article for empty input', () => {
    expect(extractArticle('', 'not a url')).toMatchObject({ title: null, text: '', wordCount: 0, authors: [] });
  });

  it('has a version to stamp records with', () => {
    expect(EXTRACTOR_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

// CPU time, not wall time: the test machines are shared, and other work must not fail these.
function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

describe('extractArticle robustness', () => {
  const tags = ['div', 'p', 'span', 'a', 'article', 'section', 'ul', 'li', 'h2', 'script', 'style', 'table', 'td', 'br', 'form', 'nav'];
  const htmlPiece = fc.oneof(
    fc.string(),
    fc.constantFrom(...tags).map((tag) => `<${tag} class="content comments share">`),
    fc.constantFrom(...tags).map((tag) => `</${tag}>`),
    fc.constantFrom('<!--', '-->', '<![CDATA[', '&amp;', '&#x0;', '&#99999999;', '<meta charset="bogus">', '<script type="application/ld+json">{"@type":"NewsArticle","author":', '<time datetime="2020-13-45">'),
  );

  it('never throws on random and mangled HTML, as a string or as bytes', () => {
    fc.assert(
      fc.property(fc.array(htmlPiece, { maxLength: 60 }), fc.string(), (pieces, url) => {
        const html = pieces.join('');
        for (const input of [html, Buffer.from(html, 'latin1')]) {
          const article = extractArticle(input, url);
          expect(typeof article.text).toBe('string');
          expect(Array.isArray(article.authors)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
      expect(typeof extractArticle(bytes, 'https://example.org/').text).toBe('string');
    }), { numRuns: 200 });
  });

  it('handles 10,000-deep nesting in well under 2 s of CPU', () => {
    const html = `<html><body>${'<div>'.repeat(10_000)}<p>Deep text that still has to come out of the page somehow.</p>${'</div>'.repeat(10_000)}</body></html>`;
    let text = '';
    expect(cpuMs(() => (text = extractArticle(html, 'https://example.org/').text))).toBeLessThan(2000);
    expect(text).toContain('Deep text');
  });

  it('extracts a 10 MB page in well under 2 s of CPU', () => {
    const paragraph = (i: number) => `<p>Officials said on day ${i} that the rain would continue, and that rivers, roads and rail lines could flood again.</p>`;
    const html = `<html><body><article>${Array.from({ length: 85_000 }, (_, i) => paragraph(i)).join('')}</article></body></html>`;
    expect(html.length).toBeGreaterThan(10_000_000);
    const bytes = Buffer.from(html);
    let wordCount = 0;
    expect(cpuMs(() => (wordCount = extractArticle(bytes, 'https://example.org/').wordCount))).toBeLessThan(2000);
    expect(wordCount).toBeGreaterThan(1_500_000);
  });
});

describe('countWords', () => {
  it('counts words of any script, keeping apostrophes and hyphens inside words', () => {
    expect(countWords("Don't stop — well-known co-op 2024's 3.5%")).toBe(7);
    expect(countWords('Привет, мир! Как дела?')).toBe(4);
    expect(countWords('São Paulo, Zürich; naïve café')).toBe(5);
  });

  it('counts each Chinese or Japanese character as a word', () => {
    expect(countWords('日本政府は本日')).toBe(7);
  });

  it('counts nothing in punctuation and space', () => {
    expect(countWords('  —  ')).toBe(0);
    expect(countWords('')).toBe(0);
  });
});
