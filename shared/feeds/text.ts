import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';

const SKIPPED = new Set(['script', 'style', 'template', 'noscript']);
// Tags that separate words when rendered; inline ones (b, a, span) must not split a word.
const BREAKING = new Set(['br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'figure', 'figcaption', 'hr', 'img']);

/**
 * Plain text of a string that may hold HTML (titles and descriptions are often escaped HTML, and
 * sometimes double-escaped): tags dropped, entities decoded, whitespace collapsed. Null when blank.
 */
export function htmlToText(input: string | null | undefined): string | null {
  if (input == null) return null;
  let text = input;
  if (!text.includes('<')) {
    if (text.includes('&')) text = decodeHTML(text);
  } else {
    let out = '';
    let skipDepth = 0;
    const parser = new Parser(
      {
        onopentagname(name) {
          if (SKIPPED.has(name)) skipDepth++;
          else if (BREAKING.has(name)) out += ' ';
        },
        onclosetag(name) {
          if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
          else if (BREAKING.has(name)) out += ' ';
        },
        ontext(chunk) {
          if (skipDepth === 0) out += chunk;
        },
      },
      { decodeEntities: true },
    );
    parser.write(text);
    parser.end();
    text = out;
  }
  const collapsed = text.replace(/[\s\u00a0]+/g, ' ').trim();
  return collapsed === '' ? null : collapsed;
}

/** Trimmed string, or null when blank. */
export function nonBlank(input: string | null | undefined): string | null {
  const trimmed = input?.trim();
  return trimmed ? trimmed : null;
}
