// The page as a cheerio document: htmlparser2 builds the tree (cheerio/slim's parser, measured ten times
// faster than parse5 on the benchmark pages: bench/extract/parsers.ts), within bounds that keep every later
// step linear, and no tree is built for what never holds article text.
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

// Elements that never hold article text, and what the page hides from readers: the selector
// `script, style, ..., [hidden], [aria-hidden="true"], [style*="display:none" i], ...` (document.test.ts
// checks the two agree). Tested while parsing, so that no tree is built for them at all: script and
// style text is most of a page's bytes, and the memory it held was most of extraction's garbage. MathML
// <math> is not among them: a formula is part of its sentence.
const NEVER_TEXT_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'select', 'textarea', 'button', 'input', 'dialog', 'map', 'xmp', 'noembed', 'noframes',
]);
const HIDING_STYLE = /display:none|display: none|visibility:hidden|visibility: hidden/i;

export function isNeverText(name: string, attribs: Record<string, string>): boolean {
  return NEVER_TEXT_TAGS.has(name) || Object.hasOwn(attribs, 'hidden') || attribs['aria-hidden'] === 'true' ||
    (attribs.style !== undefined && HIDING_STYLE.test(attribs.style));
}

const JSON_LD_TYPE = /ld\+json/i;

// What the handler did with each open tag.
const NOT_MADE = 0;
const MADE = 1;
const NEVER_TEXT = 2;

/**
 * A DomHandler that stops making elements past MAX_ELEMENTS, builds nothing for never-text subtrees
 * (their elements still count towards the limit) and keeps the text of JSON-LD scripts aside. The tree
 * is the one that building everything and then removing the never-text subtrees would give.
 */
class BoundedHandler extends DomHandler {
  private readonly open: number[] = [];
  private count = 0;
  /** Open never-text elements. */
  private dropping = 0;
  private jsonLdText: string | null = null;
  private jsonLdAt = -1;
  readonly jsonLd: string[] = [];
  private bodySeen = false;
  /** True when the first <body> is never text itself or sits in a never-text subtree. */
  bodyDropped = false;

  constructor(private readonly drop: boolean) {
    super();
  }

  get openTags(): number {
    return this.open.length;
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    if (this.count >= MAX_ELEMENTS) {
      this.open.push(NOT_MADE);
      return;
    }
    this.count++;
    if (name === 'script' && this.jsonLdText === null && attribs.type !== undefined && JSON_LD_TYPE.test(attribs.type)) {
      this.jsonLdText = '';
      this.jsonLdAt = this.open.length;
    }
    const neverText = this.drop && (this.dropping > 0 || isNeverText(name, attribs));
    if (name === 'body' && !this.bodySeen) {
      this.bodySeen = true;
      this.bodyDropped = neverText;
    }
    if (neverText) {
      // Text on either side of a removed element stays two text nodes.
      if (this.dropping++ === 0) this.lastNode = null;
      this.open.push(NEVER_TEXT);
      return;
    }
    this.open.push(MADE);
    super.onopentag(name, attribs);
  }

  override onclosetag(): void {
    const state = this.open.pop();
    if (this.jsonLdAt === this.open.length) {
      this.jsonLd.push(this.jsonLdText!);
      this.jsonLdText = null;
      this.jsonLdAt = -1;
    }
    if (state === MADE) super.onclosetag();
    else if (state === NEVER_TEXT && --this.dropping === 0) this.lastNode = null;
  }

  override ontext(data: string): void {
    if (this.jsonLdText !== null) this.jsonLdText += data;
    if (this.dropping === 0) super.ontext(data);
  }

  override oncomment(data: string): void {
    if (this.dropping === 0) super.oncomment(data);
  }

  override oncommentend(): void {
    if (this.dropping === 0) super.oncommentend();
  }

  override oncdatastart(): void {
    if (this.dropping === 0) super.oncdatastart();
  }

  override oncdataend(): void {
    if (this.dropping === 0) super.oncdataend();
  }

  override onprocessinginstruction(name: string, data: string): void {
    if (this.dropping === 0) super.onprocessinginstruction(name, data);
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

function parse(html: string, drop: boolean): BoundedHandler {
  const handler = new BoundedHandler(drop);
  new BoundedParser(handler).end(html);
  return handler;
}

export function loadDocument(html: string): PageDocument {
  let handler = parse(html, true);
  if (handler.bodyDropped) {
    // The page hides its <body> (or wraps it in a never-text element): the body found in the whole tree
    // is still what scoring reads, detached from it, as when removal came after finding the body.
    handler = parse(html, false);
    const body = bodyOf(handler.root);
    const doomed: Element[] = [];
    for (const child of handler.root.children) if (isElement(child)) walkElements(child, (element) => void (isNeverText(element.name, element.attribs) && doomed.push(element)));
    removeNodes(doomed);
    return { $: load(handler.root), root: handler.root, body, jsonLd: handler.jsonLd };
  }
  const { root } = handler;
  const body = bodyOf(root);
  return { $: load(root), root, body, jsonLd: handler.jsonLd };
}
