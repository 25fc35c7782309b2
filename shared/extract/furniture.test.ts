import { describe, expect, it } from 'vitest';
import { loadDocument } from './document.ts';
import { looksLikeArticleBody, looksLikeFurniture, selectFurniture } from './furniture.ts';
import { isElement } from './tree.ts';

const element = (html: string) => loadDocument(html).body.children.find(isElement)!;

describe('looksLikeFurniture', () => {
  it.each(['<nav>', '<aside>', '<div role="navigation">', '<div class="sharedaddy sd-sharing">', '<div id="comments" class="comments-area">',
    '<div class="footer-content">', '<div class="entry-meta">', '<section class="related-posts">', '<div class="ad-slot">',
    '<div class="wp-volt-gal pb-photo-gallery">', '<div class="type-gallery">', '<div class="slideshow">', '<ul class="image_carousel">'])('flags %s', (html) => {
    expect(looksLikeFurniture(element(html))).toBe(true);
  });

  it.each(['<div class="entry-content comments-enabled">', '<div class="content-sidebar-wrap">', '<div class="post">', '<p>', '<article class="post gallery">'])('spares %s', (html) => {
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

describe('selectFurniture', () => {
  it('selects the markup of comment forms, share bars, related posts and author boxes', () => {
    const { $ } = loadDocument(
      '<article><p>Text</p><div id="respond"><form></form></div><div class="sharedaddy">Share</div>' +
        '<div id="jp-relatedposts" class="jp-relatedposts">Related</div><div class="saboxplugin-wrap">About</div></article>',
    );
    expect([...selectFurniture($)].map((found) => found.attribs.id ?? found.attribs.class)).toEqual(['respond', 'sharedaddy', 'jp-relatedposts', 'saboxplugin-wrap']);
  });
});
