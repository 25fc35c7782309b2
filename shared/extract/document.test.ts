import { describe, expect, it } from 'vitest';
import { loadDocument, MAX_DEPTH, MAX_ELEMENTS } from './document.ts';
import { isElement, textContent, walkElements, type Element } from './tree.ts';

// A compact picture of a tree: elements as tag(children), text quoted.
function shape(element: Element): string {
  const children = element.children.map((child) => (isElement(child) ? shape(child) : child.type === 'text' ? JSON.stringify(child.data) : ''));
  return `${element.name}(${children.filter(Boolean).join(',')})`;
}
const bodyShape = (html: string) => loadDocument(html).body.children.filter(isElement).map(shape).join(',');

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

describe('loadDocument', () => {
  it('recovers as browsers do: implied end tags, entities in text and attributes', () => {
    expect(bodyShape('<body><p>one<p>two<div>three</div><ul><li>a<li>b</ul></body>')).toBe('p("one"),p("two"),div("three"),ul(li("a"),li("b"))');
    const { body } = loadDocument('<body><a href="/?a=1&amp;b=&gt;2">caf&eacute; &#8220;x&#x201D;</a></body>');
    const link = body.children.find(isElement)!;
    expect(link.attribs.href).toBe('/?a=1&b=>2');
    expect(textContent(link)).toBe('café “x”');
  });

  it('keeps JSON-LD aside and drops scripts, styles, form controls and hidden subtrees', () => {
    const html = '<html><head><script>if (a < b) { document.write("<p>no</p>") }</script><style>p{}</style>' +
      '<script type="application/ld+json">{"@type":"NewsArticle"}</script></head><body><div>a<div hidden><p>b</p></div>' +
      '<span style="display: none">c</span><svg><text>d</text></svg><form><button>e</button>f</form></div></body></html>';
    const { body, jsonLd } = loadDocument(html);
    expect(jsonLd).toEqual(['{"@type":"NewsArticle"}']);
    expect(body.children.filter(isElement).map(shape).join()).toBe('div("a",form("f"))');
  });

  it('gives a page without <body> one, holding the whole page', () => {
    const { body, root } = loadDocument('<p>x</p>text');
    expect(root.children).toEqual([body]);
    expect(textContent(body)).toBe('xtext');
  });

  it('flattens nesting deeper than its limit into the deepest kept element', () => {
    const { body } = loadDocument(`<body>${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}after</body>`);
    let depth = 0;
    walkElements(body, (element) => {
      let level = 0;
      for (let node: Element | null = element; node && node !== body; node = node.parent as Element | null) level++;
      depth = Math.max(depth, level);
    });
    expect(depth).toBeLessThanOrEqual(MAX_DEPTH);
    expect(textContent(body)).toBe('deepafter');
  });

  it('makes at most MAX_ELEMENTS elements, keeping the text of the rest', () => {
    const { body } = loadDocument(`<body>${'<b>x</b>'.repeat(MAX_ELEMENTS + 1000)}</body>`);
    let count = 0;
    walkElements(body, () => void count++);
    expect(count).toBeLessThanOrEqual(MAX_ELEMENTS);
    expect(textContent(body).length).toBe(MAX_ELEMENTS + 1000);
  });

  it.each([
    ['"<a" with no ">"', '<a '.repeat(300_000)],
    ['unclosed quotes', '<a x=">'.repeat(300_000)],
    ['unclosed comments', '<!--'.repeat(300_000)],
    ['stray "<"', '<'.repeat(1_000_000)],
    ['unclosed scripts', '<script>'.repeat(200_000)],
    ['unclosed inline elements', '<p><b><i><u>'.repeat(100_000)],
    ['stray end tags', '</p>'.repeat(200_000)],
  ])('stays linear on hostile markup: %s', (_, html) => {
    expect(cpuMs(() => loadDocument(html))).toBeLessThan(1500);
  });
});
