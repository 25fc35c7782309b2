import { describe, expect, it } from 'vitest';
import type { Element, Node } from './dom.ts';
import { parseHtml } from './parse.ts';

// A compact picture of a tree: elements as tag(children), text quoted.
function shape(node: Node): string {
  if (typeof node === 'string') return JSON.stringify(node);
  return `${node.tag}(${node.children.map(shape).join(',')})`;
}
const parsed = (html: string) => parseHtml(html).root.children.map(shape).join(',');

describe('parseHtml', () => {
  it('builds nested elements with lowercased tags and attributes', () => {
    const { root } = parseHtml('<DIV Class="A b"><P ID=x>Hi <B>there</B></P></DIV>');
    expect(root.children.map(shape).join()).toBe('div(p("Hi ",b("there")))');
    const div = root.children[0] as Element;
    expect(div.attrs).toEqual({ class: 'A b' });
    expect((div.children[0] as Element).attrs).toEqual({ id: 'x' });
  });

  it('closes a paragraph when a block or another paragraph opens, and list items at the next item', () => {
    expect(parsed('<p>one<p>two<div>three</div>')).toBe('p("one"),p("two"),div("three")');
    expect(parsed('<ul><li>a<li>b</ul>')).toBe('ul(li("a"),li("b"))');
    expect(parsed('<table><tr><td>a<td>b<tr><td>c</table>')).toBe('table(tr(td("a"),td("b")),tr(td("c")))');
  });

  it('lets an end tag close the unclosed elements inside it, and ignores stray end tags', () => {
    expect(parsed('<div><span><b>x</div>y</span></i>')).toBe('div(span(b("x"))),"y"');
  });

  it('keeps void elements empty', () => {
    expect(parsed('<p>a<br>b<img src="i.png">c</p>')).toBe('p("a",br(),"b",img(),"c")');
  });

  it('decodes entities in text and attributes', () => {
    const { root } = parseHtml('<a href="/?a=1&amp;b=&gt;2">caf&eacute; &#8220;x&#x201D; &amp</a>');
    const link = root.children[0] as Element;
    expect(link.attrs.href).toBe('/?a=1&b=>2');
    expect(link.children).toEqual(['café “x” &']);
  });

  it('reads quoted attribute values containing ">"', () => {
    const { root } = parseHtml('<div content="a > b" class=\'c>d\' id=plain>text</div>');
    expect(root.children.map(shape).join()).toBe('div("text")');
    expect((root.children[0] as Element).attrs).toEqual({ content: 'a > b', class: 'c>d', id: 'plain' });
  });

  it('keeps only the attributes extraction reads', () => {
    const { root } = parseHtml('<img src="a.png" srcset="b.png 2x" alt="x" onclick="go()" class="c" Data-Src="d.png">');
    expect((root.children[0] as Element).attrs).toEqual({ src: 'a.png', class: 'c', 'data-src': 'd.png' });
  });

  it('skips scripts and styles, keeping JSON-LD bodies aside', () => {
    const html = '<head><script>if (a < b) { document.write("<p>no</p>") }</script><style>p{}</style>' +
      '<script type="application/ld+json">{"@type":"NewsArticle"}</script></head><p>yes</p>';
    const { root, jsonLd } = parseHtml(html);
    expect(root.children.map(shape).join()).toBe('head(),p("yes")');
    expect(jsonLd).toEqual(['{"@type":"NewsArticle"}']);
  });

  it('keeps the title as text, markup and all', () => {
    expect(parsed('<title>A <b> &amp; B</title><p>x</p>')).toBe('title("A <b> & B"),p("x")');
  });

  it('drops hidden subtrees and elements that never hold article text', () => {
    expect(parsed('<div>a<div hidden><p>b</p></div><span style="display: none">c</span><svg><text>d</text></svg><form><button>e</button>f</form></div>'))
      .toBe('div("a",form("f"))');
  });

  it('ignores comments and doctypes, and treats stray "<" as text', () => {
    expect(parsed('<!doctype html><!-- <p>no</p> --><p>1 < 2</p><?php x ?>')).toBe('p("1 < 2")');
  });

  it('ends the document at an unclosed script or comment', () => {
    expect(parsed('<p>a</p><script>never closed <p>b</p>')).toBe('p("a")');
    expect(parsed('<p>a</p><!-- never closed <p>b</p>')).toBe('p("a")');
  });

  it('flattens nesting deeper than its limit into the deepest kept element', () => {
    const { root } = parseHtml(`${'<div>'.repeat(1000)}deep${'</div>'.repeat(1000)}after`);
    let depth = 0;
    let node: Element = root;
    while (typeof node.children[0] === 'object') {
      node = node.children[0];
      depth++;
    }
    expect(depth).toBe(200);
    expect(node.children).toEqual(['deep']);
    expect(root.children[root.children.length - 1]).toBe('after');
  });

  it('tells the caller about each kept element as it opens', () => {
    const seen: string[] = [];
    parseHtml('<html><body><p>x</p><script>y</script><b hidden>z</b></body></html>', (element) => seen.push(element.tag));
    expect(seen).toEqual(['html', 'body', 'p']);
  });

  it.each([
    ['"<a" with no ">"', '<a '.repeat(300_000)],
    ['unclosed quotes', '<a x=">'.repeat(300_000)],
    ['unclosed comments', '<!--'.repeat(300_000)],
    ['stray "<"', '<'.repeat(1_000_000)],
    ['unclosed scripts', '<script>'.repeat(200_000)],
    ['unclosed inline elements', '<p><b><i><u>'.repeat(100_000)],
  ])('stays linear on hostile markup: %s', (_, html) => {
    const before = process.cpuUsage();
    parseHtml(html);
    const { user, system } = process.cpuUsage(before);
    expect((user + system) / 1000).toBeLessThan(1000);
  });
});
