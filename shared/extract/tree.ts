// Small helpers over the document cheerio holds (domhandler nodes): walks that keep their own stack, so
// no page is deep enough to overflow the call stack, and the text and class names extraction reads.
import type { AnyNode, Element } from 'domhandler';

export type { AnyNode, Element };

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Depth-first, document-order visit of elements; `visit` returns false to skip a subtree. */
export function walkElements(from: Element, visit: (element: Element) => boolean | void): void {
  const stack: Element[] = [from];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (visit(element) === false) continue;
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i];
      if (isElement(child)) stack.push(child);
    }
  }
}

/** All text under a node, whitespace collapsed (comments left out). */
export function textContent(node: AnyNode): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'text') parts.push(current.data);
    else if ('children' in current) for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]);
  }
  return collapseWhitespace(parts.join(''));
}

export const NAME_SEPARATOR = ' | ';

// Class names repeat across a page and across pages of a site; the cache is cleared when it grows so
// that a long-lived process does not keep every name it ever saw.
const namesCache = new Map<string, string>();
const NAMES_CACHE_LIMIT = 20_000;

/**
 * The class names and id, lowercased, with '-' and '_' read as spaces and the names joined by
 * NAME_SEPARATOR ("entry-content has_video" -> "entry content | has video"): what class-name
 * heuristics match.
 */
export function namesOf(element: Element): string {
  const { class: className, id } = element.attribs;
  if (!className && !id) return '';
  const raw = id ? (className ? `${className} ${id}` : id) : className;
  let names = namesCache.get(raw);
  if (names === undefined) {
    names = normalizeNames(raw);
    if (namesCache.size >= NAMES_CACHE_LIMIT) namesCache.clear();
    namesCache.set(ownCopy(raw), names);
  }
  return names;
}

// An attribute value the parser sliced out of the page keeps the whole page's text alive in V8; a key
// kept across pages must be a string of its own, or the cache holds on to every page it saw.
function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

function normalizeNames(raw: string): string {
  return raw
    .toLowerCase()
    .trim()
    .split(/\s+/)
    .map((name) => name.replace(/[-_]+/g, ' ').trim())
    .filter(Boolean)
    .join(NAME_SEPARATOR);
}

const WHITESPACE_RUN = /[\s\u00a0\u200b\u200c\u200d\ufeff]+/g;

/** Whitespace as the regex class \s and String.prototype.trim define it. */
function isWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code >= 0xa0 && (code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 ||
    code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff);
}

// Whitespace as WHITESPACE_RUN matches it (\s and the zero-width spaces), one character at a time.
function isCollapsible(code: number): boolean {
  return isWhitespace(code) || (code >= 0x200b && code <= 0x200d);
}

/** True when collapsing would change nothing: single plain spaces between words, none at the ends. */
function isCollapsed(text: string): boolean {
  let previousSpace = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isCollapsible(code)) previousSpace = false;
    else if (code !== 0x20 || previousSpace) return false;
    else previousSpace = true;
  }
  return !previousSpace || text.length === 0;
}

export function collapseWhitespace(text: string): string {
  // Most text needs at most trimming; checking that costs far less than rebuilding it.
  const trimmed = text.trim();
  return isCollapsed(trimmed) ? trimmed : text.replace(WHITESPACE_RUN, ' ').trim();
}
