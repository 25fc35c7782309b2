import { load } from 'cheerio/slim';
import { DomHandler, Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { loadDocument, MAX_DEPTH, MAX_ELEMENTS, removeNodes } from './document.ts';
import { isElement, textContent, walkElements, type AnyNode, type Element } from './tree.ts';

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

// What loadDocument leaves out while parsing, as a selector: the tree must be the one that building the
// whole page and removing these would give.
const NEVER_TEXT_SELECTOR = [
  'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'select', 'textarea', 'button', 'input', 'dialog', 'map', 'xmp', 'noembed', 'noframes',
  '[hidden]', '[aria-hidden="true"]',
  '[style*="display:none" i]', '[style*="display: none" i]', '[style*="visibility:hidden" i]', '[style*="visibility: hidden" i]',
].join(', ');

function builtThenRemoved(html: string) {
  const handler = new DomHandler();
  new Parser(handler, { decodeEntities: true }).end(html);
  const $ = load(handler.root);
  const jsonLd = $('script[type*="ld+json" i]').toArray().map((script) => $(script).text());
  const body = $('body').get(0) ?? null;
  removeNodes($(NEVER_TEXT_SELECTOR).toArray().filter(isElement));
  return { root: handler.root, body, jsonLd };
}

// Every node, text nodes as they are split, with where it hangs.
function nodes(root: AnyNode): string[] {
  const out: string[] = [];
  const visit = (node: AnyNode, depth: number) => {
    out.push(`${depth} ${node.type} ${isElement(node) ? `${node.name} ${JSON.stringify(node.attribs)}` : 'data' in node ? JSON.stringify(node.data) : ''}`);
    if ('children' in node) node.children.forEach((child, i) => {
      expect(child.parent).toBe(node);
      expect(child.prev).toBe(node.children[i - 1] ?? null);
      visit(child, depth + 1);
    });
  };
  visit(root, 0);
  return out;
}

describe('loadDocument', () => {
  it.each([
    ['text around removed elements', '<body><p>a<script>x</script>b<!--c--><svg><p>d</p></svg>e</p>f<style>g</style>h</body>'],
    ['hiding attributes and styles', '<body><div>a<p hidden="">b</p><p aria-hidden="true">c</p><p aria-hidden="TRUE">d</p><p style="color:red; DISPLAY:NONE">e</p><p style="visibility: hidden">f</p>g</div></body>'],
    ['JSON-LD, also inside removed subtrees', '<head><script type="application/LD+JSON">{"a":1}</script></head><body><noscript><script type="application/ld+json">{"b":"<p>2</p>"}</script></noscript><template><p>t</p></template>x</body>'],
    ['no <body>', 'a<script>b</script>c<p>d<iframe>e</iframe></p><!doctype html>'],
    ['a hidden <body>', '<html><head><title>t</title></head><body style="display:none"><p>a<script>s</script>b</p></body></html>'],
    ['a <body> inside a removed element', '<html hidden><body><p>a<button>b</button>c</p></body></html><body><p>later</p></body>'],
    ['CDATA and comments in foreign content', '<body><svg><![CDATA[x]]><!--y--></svg><math><mi>z</mi></math>w</body>'],
  ])('builds the tree that removing never-text elements afterwards would: %s', (_, html) => {
    const expected = builtThenRemoved(html);
    const actual = loadDocument(html);
    expect(actual.jsonLd).toEqual(expected.jsonLd);
    if (expected.body) {
      expect(nodes(actual.root)).toEqual(nodes(expected.root));
      expect(nodes(actual.body)).toEqual(nodes(expected.body));
    } else {
      // The page had no <body>: loadDocument makes one over the whole page.
      expect(nodes(actual.body).slice(1)).toEqual(nodes(expected.root).slice(1));
    }
  });

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
