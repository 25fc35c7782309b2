import { describe, expect, it } from 'vitest';
import { loadDocument } from './document.ts';
import { selectAll } from './selection.ts';

const html = `<html><body><div id="Main" class="wrap  Post">
  <p class="a b" data-x="1">one</p><p class="A">two</p><section itemprop="comment"><p id="c1" class="reply">three</p></section>
  <ul class="share-buttons"><li><a href="/x" rel="author">four</a></li></ul><div itemtype="https://schema.org/Comment"><span>five</span></div>
</div></body></html>`;

describe('selectAll', () => {
  it.each([
    '.a', '.A', '.b, .reply', '#Main', '#main', 'p', 'P.a', '[data-x]', '[data-x="1"] + p', '[itemtype$="schema.org/Comment" i] span',
    'section > p', 'div p:not(.a)', '[class~="Post"]', '[id="main" i]', '[class*="share"] a', '*', ':not(p)', 'li:has(a), #c1',
    '[data-y!="z"]', '.share-buttons, #comments, [itemprop="comment"], .nothing',
  ])('finds what $(%j) finds', (selector) => {
    const { $ } = loadDocument(html);
    expect(selectAll($, selector)).toEqual($(selector).toArray());
  });
});
