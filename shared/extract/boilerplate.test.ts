import { describe, expect, it } from 'vitest';
import { isBoilerplateParagraph, looksLikeArticleBody, looksLikeFurniture } from './boilerplate.ts';
import { parseHtml } from './parse.ts';
import type { Element } from './dom.ts';

const element = (html: string) => parseHtml(html).root.children[0] as Element;

describe('isBoilerplateParagraph', () => {
  it.each([
    'Source link', 'Source: Reuters', 'Read more at source', 'Read the original article at Example News',
    'The post Putin tells Xi ties are best appeared first on World News Daily.', 'By wy9m6', 'Leave a Reply',
    'Your email address will not be published. Required fields are marked *', 'Share this:', 'Related Posts',
    'Источник: ТАСС', 'Читайте также: как изменится набережная', 'La entrada X se publicó primero en Y.', 'Fuente: EFE',
    'Der Beitrag X erschien zuerst auf Y.', 'Lesen Sie auch: Parkgebühren steigen', "L'article X est apparu en premier sur Y.",
    'À lire aussi : le marché de Noël', 'Advertisement', 'Tags: politics, china',
  ])('recognises %j', (text) => {
    expect(isBoilerplateParagraph(text)).toBe(true);
  });

  it.each([
    'Putin said the source of the tension was the sanctions imposed by Western countries, not the talks.',
    'Russia leading supplier of oil to China',
    'Share prices fell sharply on Monday after the company warned that profits would be lower than expected this year.',
    'By the end of the year, officials expect the new line to carry more than a million passengers a month.',
  ])('keeps article sentences: %j', (text) => {
    expect(isBoilerplateParagraph(text)).toBe(false);
  });
});

describe('looksLikeFurniture', () => {
  it.each(['<nav>', '<aside>', '<div role="navigation">', '<div class="sharedaddy sd-sharing">', '<div id="comments" class="comments-area">',
    '<div class="footer-content">', '<div class="entry-meta">', '<section class="related-posts">', '<div class="ad-slot">'])('flags %s', (html) => {
    expect(looksLikeFurniture(element(html))).toBe(true);
  });

  it.each(['<div class="entry-content comments-enabled">', '<div class="content-sidebar-wrap">', '<div class="post">', '<p>'])('spares %s', (html) => {
    expect(looksLikeFurniture(element(html))).toBe(false);
  });
});

describe('looksLikeArticleBody', () => {
  it('recognises schema.org and common CMS body containers', () => {
    expect(looksLikeArticleBody(element('<div itemprop="articleBody">'))).toBe(true);
    expect(looksLikeArticleBody(element('<div class="td-post-content">'))).toBe(true);
    expect(looksLikeArticleBody(element('<section class="article__body">'))).toBe(true);
    expect(looksLikeArticleBody(element('<div class="sidebar">'))).toBe(false);
  });
});
