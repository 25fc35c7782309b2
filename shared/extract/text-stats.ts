import type { Element } from './tree.ts';

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

export type PageStats = Map<Element, TextStats>;

// Elements that break text into separate paragraphs. Everything else (including unknown custom
// elements) flows inline with its surrounding text.
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption', 'picture', 'br',
]);

function isSpace(code: number): boolean {
  return code <= 0x20 || code === 0xa0 || code === 0xfeff || code === 0x3000 || (code >= 0x2000 && code <= 0x200b);
}

function measure(text: string): { chars: number; commas: number } {
  let chars = 0;
  let commas = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) continue;
    chars++;
    // Commas and semicolons in Latin, CJK and Arabic script.
    if (code === 0x2c || code === 0x3b || code === 0xff0c || code === 0x3001 || code === 0x60c) commas++;
  }
  return { chars, commas };
}

/**
 * The text statistics of every element under `root`, in one bottom-up pass. Recursive: the document
 * is at most MAX_DEPTH deep (document.ts).
 */
export function computeTextStats(root: Element): PageStats {
  const stats: PageStats = new Map();
  const visit = (element: Element, insideLink: boolean): TextStats => {
    const inLink = insideLink || element.name === 'a';
    const result: TextStats = { chars: 0, linkChars: 0, ownChars: 0, ownLinkChars: 0, ownCommas: 0 };
    for (const child of element.children) {
      if (child.type === 'text') {
        const { chars, commas } = measure(child.data);
        result.chars += chars;
        result.ownChars += chars;
        result.ownCommas += commas;
        if (inLink) {
          result.linkChars += chars;
          result.ownLinkChars += chars;
        }
        continue;
      }
      if (child.type !== 'tag') continue;
      const childStats = visit(child, inLink);
      result.chars += childStats.chars;
      result.linkChars += childStats.linkChars;
      if (!BLOCK_TAGS.has(child.name)) {
        result.ownChars += childStats.ownChars;
        result.ownLinkChars += childStats.ownLinkChars;
        result.ownCommas += childStats.ownCommas;
      }
    }
    stats.set(element, result);
    return result;
  };
  visit(root, false);
  return stats;
}

export function linkDensity(stats: TextStats | undefined): number {
  return stats && stats.chars > 0 ? stats.linkChars / stats.chars : 0;
}
