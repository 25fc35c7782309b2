// The page as a cheerio document: htmlparser2 builds the tree (cheerio/slim's parser, measured ten times
// faster than parse5 on the benchmark pages: bench/extract/parsers.ts), within bounds that keep every later
// step linear, and what never holds article text is taken out with one selection.
import { load, type CheerioAPI } from 'cheerio/slim';
import { Element, type Document } from 'domhandler';
import { DomHandler, Parser } from 'htmlparser2';
import { isElement, walkElements } from './tree.ts';

export interface PageDocument {
  $: CheerioAPI;
  root: Document;
  /** The <body>, or an element made to hold the whole page when the markup has none. */
  body: Element;
  /** Bodies of <script type="application/ld+json"> blocks, in document order. */
  jsonLd: string[];
}

// Deeper nesting than this is flattened into the deepest open element: no real article needs it, and it
// keeps the parser's open-element stack, every walk and every selector match shallow on hostile pages.
export const MAX_DEPTH = 200;
// Elements past this many are not made (their text still flows into the open element): a page of a
// million tags costs the memory of this many, and selections over it stay bounded.
export const MAX_ELEMENTS = 200_000;

/** A DomHandler that stops making elements past MAX_ELEMENTS. */
class BoundedHandler extends DomHandler {
  private readonly made: boolean[] = [];
  private count = 0;

  get openTags(): number {
    return this.made.length;
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    const make = this.count < MAX_ELEMENTS;
    this.made.push(make);
    if (!make) return;
    this.count++;
    super.onopentag(name, attribs);
  }

  override onclosetag(): void {
    if (this.made.pop()) super.onclosetag();
  }
}

/**
 * htmlparser2's Parser, told to ignore start tags beyond MAX_DEPTH open elements. Its open-element
 * stack grows at the front and end tags search it, so without a bound a page of unclosed tags would
 * take quadratic time.
 */
class BoundedParser extends Parser {
  constructor(private readonly handler: BoundedHandler) {
    super(handler, { decodeEntities: true });
  }

  override onopentagname(start: number, endIndex: number): void {
    if (this.handler.openTags < MAX_DEPTH) super.onopentagname(start, endIndex);
  }
}

// Subtrees that never hold article text, and what the page hides from readers.
const NEVER_TEXT = [
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'select', 'textarea', 'button', 'input', 'dialog', 'map', 'xmp', 'noembed', 'noframes',
  '[hidden]', '[aria-hidden="true"]',
  '[style*="display:none" i]', '[style*="display: none" i]', '[style*="visibility:hidden" i]', '[style*="visibility: hidden" i]',
].join(', ');

const JSON_LD = 'script[type*="ld+json" i]';

/**
 * Takes nodes out of the tree in one pass over their parents. cheerio's remove() searches and splices
 * each parent's child list per node, quadratic on a page of many siblings.
 */
export function removeNodes(nodes: Iterable<Element>): void {
  const doomed = new Set(nodes);
  const parents = new Set<Element | Document>();
  for (const node of doomed) if (node.parent) parents.add(node.parent as Element | Document);
  for (const parent of parents) {
    const kept = parent.children.filter((child) => !doomed.has(child as Element));
    kept.forEach((child, i) => {
      child.prev = kept[i - 1] ?? null;
      child.next = kept[i + 1] ?? null;
    });
    parent.children = kept;
  }
  for (const node of doomed) node.parent = node.prev = node.next = null;
}

function bodyOf(root: Document): Element {
  let body: Element | null = null;
  for (const child of root.children) {
    if (!isElement(child)) continue;
    walkElements(child, (element) => {
      if (element.name === 'body') body ??= element;
      return !body;
    });
  }
  if (body) return body;
  // htmlparser2 does not imply a <body> as browsers do; scoring wants one element over the page, and
  // selections want few children at the root (css-select dedupes the root's children quadratically).
  const made = new Element('body', {}, root.children);
  made.children.forEach((child) => (child.parent = made));
  made.parent = root;
  root.children = [made];
  return made;
}

export function loadDocument(html: string): PageDocument {
  const handler = new BoundedHandler();
  new BoundedParser(handler).end(html);
  const { root } = handler;
  const body = bodyOf(root);
  const $ = load(root);
  const jsonLd = $(JSON_LD).toArray().map((script) => $(script).text());
  removeNodes($(NEVER_TEXT).toArray().filter(isElement));
  return { $, root, body, jsonLd };
}
