import { Parser } from 'htmlparser2';

/** A light element tree: only what extraction needs, built in one pass without a DOM library. */
export interface Element {
  tag: string;
  attrs: Record<string, string>;
  /**
   * The class names and id, lowercased, with '-' and '_' read as spaces and the names joined by
   * NAME_SEPARATOR ("entry-content has_video" -> "entry content | has video"): what class-name
   * heuristics match.
   */
  names: string;
  children: Node[];
  parent: Element | null;
}
export type Node = Element | string;

export const NAME_SEPARATOR = ' | ';

// Subtrees that never hold article text. Their content is not even kept, which also keeps
// memory low on script-heavy pages.
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'video', 'audio', 'select', 'textarea', 'button', 'input', 'dialog', 'map',
]);

// Deeper nesting than this is flattened into its ancestor: no real article needs it, and it
// keeps every later walk shallow on hostile pages.
const MAX_DEPTH = 200;

export interface ParsedDocument {
  root: Element;
  /** Bodies of closed <script type="application/ld+json"> blocks, in document order. */
  jsonLd: string[];
}

export function isElement(node: Node): node is Element {
  return typeof node !== 'string';
}

function isHidden(attrs: Record<string, string>): boolean {
  if ('hidden' in attrs || attrs['aria-hidden'] === 'true') return true;
  const style = attrs.style;
  return style !== undefined && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

const SCRIPT_OR_STYLE_OPEN = /<(script|style)\b([^>]{0,2000})>/gi;
const CLOSE_TAG = { script: /<\/script\s*>/gi, style: /<\/style\s*>/gi };

/**
 * Cuts <script> and <style> elements out before tokenizing: they are often most of a page's bytes,
 * and native regex scans skip them far faster than the tokenizer's character loop. JSON-LD bodies
 * are kept aside. Linear: an unclosed element ends the scan and is left to the parser.
 */
function stripScripts(html: string, jsonLd: string[]): string {
  const parts: string[] = [];
  let kept = 0;
  SCRIPT_OR_STYLE_OPEN.lastIndex = 0;
  for (let open = SCRIPT_OR_STYLE_OPEN.exec(html); open; open = SCRIPT_OR_STYLE_OPEN.exec(html)) {
    const bodyStart = SCRIPT_OR_STYLE_OPEN.lastIndex;
    const tag = open[1].toLowerCase() === 'script' ? 'script' : 'style';
    const closing = CLOSE_TAG[tag];
    closing.lastIndex = bodyStart;
    const close = closing.exec(html);
    if (!close) break;
    if (tag === 'script' && /ld\+json/i.test(open[2])) jsonLd.push(html.slice(bodyStart, close.index));
    parts.push(html.slice(kept, open.index));
    kept = close.index + close[0].length;
    SCRIPT_OR_STYLE_OPEN.lastIndex = kept;
  }
  if (kept === 0) return html;
  parts.push(html.slice(kept));
  return parts.join('');
}

function namesOf(attrs: Record<string, string>): string {
  const { class: className, id } = attrs;
  if (!className && !id) return '';
  // Native replaces instead of split/map/join: this runs for every element with a class.
  return `${className ?? ''} ${id ?? ''}`.trim().toLowerCase().replace(/\s+/g, '\u0000').replace(/[-_]+/g, ' ').replace(/\u0000/g, NAME_SEPARATOR);
}

/**
 * Parses HTML into the light tree. `onElement` sees every kept element as it opens (its children
 * are not there yet), so callers can note landmarks without walking the tree again.
 */
export function parseHtml(html: string, onElement?: (element: Element) => void): ParsedDocument {
  const root: Element = { tag: '#root', attrs: {}, names: '', children: [], parent: null };
  const jsonLd: string[] = [];
  // One frame per open tag: the element it created, or null when the tag was dropped or flattened.
  const frames: Array<Element | null> = [];
  let current = root;
  let depth = 0;
  let skipping = 0;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (skipping > 0) {
          skipping++;
          frames.push(null);
          return;
        }
        if (DROPPED.has(name) || isHidden(attrs)) {
          skipping = 1;
          frames.push(null);
          return;
        }
        if (depth >= MAX_DEPTH) {
          frames.push(null);
          return;
        }
        const element: Element = { tag: name, attrs, names: namesOf(attrs), children: [], parent: current };
        current.children.push(element);
        onElement?.(element);
        current = element;
        depth++;
        frames.push(element);
      },
      ontext(text) {
        if (skipping > 0) return;
        const last = current.children[current.children.length - 1];
        if (typeof last === 'string') current.children[current.children.length - 1] = last + text;
        else current.children.push(text);
      },
      onclosetag() {
        const frame = frames.pop();
        if (frame === undefined) return;
        if (skipping > 0) {
          skipping--;
          return;
        }
        if (frame && frame.parent) {
          current = frame.parent;
          depth--;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(stripScripts(html, jsonLd));
  return { root, jsonLd };
}

/** Depth-first, document-order visit of elements; `visit` returns false to skip a subtree. */
export function walkElements(from: Element, visit: (element: Element) => boolean | void): void {
  const stack: Element[] = [from];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (visit(element) === false) continue;
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i];
      if (typeof child !== 'string') stack.push(child);
    }
  }
}

export function findFirst(from: Element, predicate: (element: Element) => boolean): Element | null {
  let found: Element | null = null;
  walkElements(from, (element) => {
    if (found) return false;
    if (predicate(element)) {
      found = element;
      return false;
    }
    return true;
  });
  return found;
}

/** All text under an element, whitespace collapsed. */
export function textContent(element: Element): string {
  const parts: string[] = [];
  const stack: Node[] = [element];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') parts.push(node);
    else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return collapseWhitespace(parts.join(''));
}

export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u200c\u200d\ufeff]+/g, ' ').trim();
}
