import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { NAME_SEPARATOR, type Element } from './dom.ts';

/**
 * A small HTML tokenizer and tree builder, made for extraction speed: native regex scans find tags
 * and attributes (far faster than a character-by-character state machine on 100 KB pages), raw
 * text such as scripts is skipped in one search, and entities are decoded only in text that has
 * them. Tree building follows the usual browser-like recoveries: implied end tags (a <p> closed
 * by a block, an <li> by the next <li>...), void elements, end tags closing what they match.
 */

export interface ParsedDocument {
  root: Element;
  /** Bodies of closed <script type="application/ld+json"> blocks, in document order. */
  jsonLd: string[];
}

// A tag's name and its attributes up to the first quote or ">", in one sticky match.
const TAG_START = /\/?([A-Za-z][^\t\n\f\r />]*)([^>"']*)/y;
const QUOTED_TAG_END = /(?:[^>"']|"[^"]*"|'[^']*')*>/y;
const COMMENT_END = /--!?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

// Elements whose content is not markup; it is skipped in one search for the end tag (and kept
// only for JSON-LD scripts and titles).
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'iframe', 'xmp', 'noembed', 'noframes']);
const RAW_TEXT_END: Record<string, RegExp> = Object.fromEntries([...RAW_TEXT].map((tag) => [tag, new RegExp(`</${tag}\\s*>`, 'gi')]));

// Subtrees that never hold article text; not even kept, which also keeps memory low.
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'select', 'textarea', 'button', 'input', 'dialog', 'map', 'xmp', 'noembed', 'noframes',
]);

const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

const P = new Set(['p']);
const CLOSED_BY: Record<string, Set<string>> = {
  tr: new Set(['tr', 'th', 'td']), th: new Set(['th']), td: new Set(['thead', 'th', 'td']), li: new Set(['li']),
  option: new Set(['option']), optgroup: new Set(['optgroup', 'option']), dd: new Set(['dd', 'dt']), dt: new Set(['dd', 'dt']),
  rt: new Set(['rt', 'rp']), rp: new Set(['rt', 'rp']), tbody: new Set(['thead', 'tbody']), tfoot: new Set(['thead', 'tbody']),
  body: new Set(['head', 'link', 'script']),
};
for (const tag of ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul']) {
  CLOSED_BY[tag] = P;
}

// Deeper nesting than this is flattened into its ancestor: no real article needs it, and it keeps
// every later walk shallow on hostile pages.
const MAX_DEPTH = 200;
// An end tag looks this far up the open elements for its start tag; further is treated as stray.
const MAX_END_TAG_SEARCH = 64;

interface Frame {
  tag: string;
  /** The element receiving children while this frame is open: its own, or its ancestor's. */
  container: Element;
  depth: number;
}

interface Token {
  index: number;
  end: number;
  /** Lowercase tag name; undefined for comments, doctypes and processing instructions. */
  tag: string | undefined;
  closing: boolean;
  attributes: string;
}

/**
 * The next tag or comment at or after `from`, or null when none is left. Each search only moves
 * forward from the last token, so a page is tokenized in linear time even when it is hostile
 * (thousands of "<a" with no ">", unclosed quotes or comments).
 */
function nextToken(html: string, from: number): Token | null {
  for (let lt = html.indexOf('<', from); lt !== -1; lt = html.indexOf('<', lt + 1)) {
    const next = html.charCodeAt(lt + 1);
    if (next === 0x21 && html.startsWith('<!--', lt)) {
      COMMENT_END.lastIndex = lt + 4;
      const close = COMMENT_END.exec(html);
      return { index: lt, end: close ? COMMENT_END.lastIndex : html.length, tag: undefined, closing: false, attributes: '' };
    }
    if (next === 0x21 || next === 0x3f) {
      const gt = html.indexOf('>', lt);
      return { index: lt, end: gt === -1 ? html.length : gt + 1, tag: undefined, closing: false, attributes: '' };
    }
    TAG_START.lastIndex = lt + 1;
    const start = TAG_START.exec(html);
    if (!start) continue; // a "<" that starts no tag is text
    let end = TAG_START.lastIndex;
    if (end >= html.length) return null; // an unterminated tag: the rest is text
    const tag = start[1].toLowerCase();
    const closing = next === 0x2f;
    if (html.charCodeAt(end) === 0x3e) return { index: lt, end: end + 1, tag, closing, attributes: start[2] };
    // A quoted attribute value may hold ">"; an unclosed quote falls back to the first ">".
    const attributesStart = end - start[2].length;
    QUOTED_TAG_END.lastIndex = attributesStart;
    if (QUOTED_TAG_END.exec(html)) end = QUOTED_TAG_END.lastIndex - 1;
    else {
      end = html.indexOf('>', end);
      if (end === -1) return null;
    }
    return { index: lt, end: end + 1, tag, closing, attributes: html.slice(attributesStart, end) };
  }
  return null;
}

function isHidden(attrs: Record<string, string>): boolean {
  if ('hidden' in attrs || attrs['aria-hidden'] === 'true') return true;
  const style = attrs.style;
  return style !== undefined && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

// The attributes extraction reads; others are not kept, which keeps elements small and alike.
const KEPT_ATTRIBUTES = new Set([
  'class', 'id', 'style', 'hidden', 'aria-hidden', 'role', 'itemprop', 'property', 'name', 'content', 'http-equiv',
  'href', 'rel', 'src', 'data-src', 'datetime', 'lang', 'xml:lang', 'type', 'charset',
]);

function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(source); match; match = ATTRIBUTE.exec(source)) {
    const name = match[1].toLowerCase();
    if (!KEPT_ATTRIBUTES.has(name) || attrs[name] !== undefined) continue;
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    attrs[name] = value.indexOf('&') === -1 ? value : decodeHTMLAttribute(value);
  }
  return attrs;
}

const NAME_BREAKS = /[-_]+|\s+/g;

function namesOf(attrs: Record<string, string>): string {
  const { class: className, id } = attrs;
  if (!className && !id) return '';
  const raw = id ? (className ? `${className} ${id}` : id) : className;
  // One regex pass: this runs for every element with a class, so it is kept cheap.
  return raw.trim().toLowerCase().replace(NAME_BREAKS, (gap) => (gap[0] === '-' || gap[0] === '_' ? ' ' : NAME_SEPARATOR));
}

function appendText(parent: Element, raw: string): void {
  const text = raw.includes('&') ? decodeHTML(raw) : raw;
  const children = parent.children;
  const last = children[children.length - 1];
  if (typeof last === 'string') children[children.length - 1] = last + text;
  else children.push(text);
}

/**
 * Parses HTML into the light element tree. `onElement` sees every kept element as it opens (its
 * children are not there yet), so callers can note landmarks without walking the tree again.
 */
export function parseHtml(html: string, onElement?: (element: Element) => void): ParsedDocument {
  const root: Element = { tag: '#root', attrs: {}, names: '', children: [], parent: null, stats: null };
  const jsonLd: string[] = [];
  const stack: Frame[] = [];
  // While above zero, the stack holds a dropped subtree from this height up: nothing is kept.
  let skipFrom = 0;
  const containerOf = () => (stack.length > 0 ? stack[stack.length - 1].container : root);
  const popTo = (height: number) => {
    stack.length = height;
    if (skipFrom > height) skipFrom = 0;
  };

  let textStart = 0;
  for (let token = nextToken(html, 0); token; token = nextToken(html, textStart)) {
    if (token.index > textStart && skipFrom === 0) appendText(containerOf(), html.slice(textStart, token.index));
    textStart = token.end;
    const tag = token.tag;
    if (tag === undefined) continue; // comment, doctype or processing instruction

    if (token.closing) {
      // End tag: close up to the matching open element, if it is near enough.
      if (VOID.has(tag)) continue;
      for (let i = stack.length - 1; i >= 0 && i >= stack.length - MAX_END_TAG_SEARCH; i--) {
        if (stack[i].tag === tag) {
          popTo(i);
          break;
        }
      }
      continue;
    }

    const closes = CLOSED_BY[tag];
    if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1].tag)) popTo(stack.length - 1);

    if (RAW_TEXT.has(tag)) {
      const attrs = token.attributes && (tag === 'script' || tag === 'title') ? parseAttributes(token.attributes) : {};
      const end = RAW_TEXT_END[tag];
      end.lastIndex = token.end;
      const close = end.exec(html);
      const body = html.slice(token.end, close ? close.index : html.length);
      if (tag === 'script' && /ld\+json/i.test(attrs.type ?? '')) {
        if (close) jsonLd.push(body);
      } else if (tag === 'title' && skipFrom === 0) {
        const title: Element = { tag, attrs, names: namesOf(attrs), children: [], parent: containerOf(), stats: null };
        title.parent!.children.push(title);
        onElement?.(title);
        if (body) appendText(title, body);
      }
      if (!close) {
        // An unclosed script or comment-like element runs to the end of the document.
        textStart = html.length;
        break;
      }
      textStart = close.index + close[0].length;
      continue;
    }

    if (skipFrom > 0) {
      // Inside a dropped subtree (icons drawn in SVG, say) attributes are not even read.
      if (!VOID.has(tag)) stack.push({ tag, container: containerOf(), depth: stack[stack.length - 1]?.depth ?? 0 });
      continue;
    }
    const attrs = token.attributes ? parseAttributes(token.attributes) : {};
    const parent = containerOf();
    const depth = stack.length > 0 ? stack[stack.length - 1].depth : 0;
    if (DROPPED.has(tag) || isHidden(attrs)) {
      if (!VOID.has(tag)) {
        stack.push({ tag, container: parent, depth });
        skipFrom = stack.length;
      }
      continue;
    }
    let container = parent;
    if (depth < MAX_DEPTH) {
      const element: Element = { tag, attrs, names: namesOf(attrs), children: [], parent, stats: null };
      parent.children.push(element);
      onElement?.(element);
      container = element;
    }
    if (!VOID.has(tag)) stack.push({ tag, container, depth: container === parent ? depth : depth + 1 });
  }
  if (textStart < html.length && skipFrom === 0) appendText(containerOf(), html.slice(textStart));
  return { root, jsonLd };
}

