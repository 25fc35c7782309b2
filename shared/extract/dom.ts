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
  /** Filled in by computeTextStats; a field rather than a map because every step reads it. */
  stats: TextStats | null;
}

export interface TextStats {
  /** Visible characters (whitespace excluded) in the whole subtree. */
  chars: number;
  /** Of those, characters inside links. */
  linkChars: number;
  /** Characters flowing inline in this element itself, outside nested blocks: its own paragraph. */
  ownChars: number;
  ownLinkChars: number;
  /** Commas (in several scripts) in that own text: a cheap sign of real sentences. */
  ownCommas: number;
}
export type Node = Element | string;

export const NAME_SEPARATOR = ' | ';

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

const WHITESPACE_RUN = /[\s\u00a0\u200b\u200c\u200d\ufeff]+/g;

/** Whitespace as the regex class \s and String.prototype.trim define it. */
export function isWhitespace(code: number): boolean {
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
