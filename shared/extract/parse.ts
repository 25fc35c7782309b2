import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { isWhitespace, NAME_SEPARATOR, type Element } from './dom.ts';

/**
 * A small HTML tokenizer and tree builder, made for extraction speed: tags and attributes are read
 * by one scan over their characters that slices out only the names and values extraction keeps
 * (regex matches with captures cost more than the scan itself on 100 KB pages), raw text such as
 * scripts is skipped in one search, and entities are decoded only in text that has them. Tree
 * building follows the usual browser-like recoveries: implied end tags (a <p> closed by a block,
 * an <li> by the next <li>...), void elements, end tags closing what they match.
 */

export interface ParsedDocument {
  root: Element;
  /** Bodies of closed <script type="application/ld+json"> blocks, in document order. */
  jsonLd: string[];
}

const COMMENT_END = /--!?>/g;

/** What tree building needs to know of a tag name, found with one lookup per tag. */
interface TagKind {
  /** The lowercase name; one shared string per known tag, so later lookups by tag stay cheap. */
  name: string;
  isVoid: boolean;
  /** For elements whose content is not markup: the search for their end tag. */
  rawTextEnd: RegExp | null;
  /** Subtrees that never hold article text; not even kept, which also keeps memory low. */
  dropped: boolean;
  /** Open elements that this start tag implicitly closes. */
  closes: Set<string> | null;
}

// Elements whose content is not markup; it is skipped in one search for the end tag (and kept
// only for JSON-LD scripts and titles).
const RAW_TEXT = ['script', 'style', 'textarea', 'title', 'noscript', 'iframe', 'xmp', 'noembed', 'noframes'];

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

// Tags common in news pages besides those above, so that they too get their one shared name.
const COMMON_TAGS = [
  'a', 'abbr', 'b', 'caption', 'center', 'cite', 'code', 'em', 'font', 'head', 'html', 'i', 'label', 'mark', 'picture',
  'q', 's', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'thead', 'time', 'u',
];

function tagKind(name: string): TagKind {
  const end = RAW_TEXT.includes(name) ? new RegExp(`</${name}\\s*>`, 'gi') : null;
  return { name, isVoid: VOID.has(name), rawTextEnd: end, dropped: DROPPED.has(name), closes: CLOSED_BY[name] ?? null };
}

const KNOWN_TAGS = new Map(
  [...RAW_TEXT, ...DROPPED, ...VOID, ...Object.keys(CLOSED_BY), ...COMMON_TAGS].map((name) => [name, tagKind(name)]),
);

function lowerSlice(html: string, start: number, end: number, mixedCase: boolean): string {
  const text = html.slice(start, end);
  return mixedCase ? text.toLowerCase() : text;
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
  /** Undefined for comments, doctypes and processing instructions. */
  kind: TagKind | undefined;
  closing: boolean;
  /** Where the attributes are in the HTML: from after the tag name up to the closing ">". */
  attributesStart: number;
  attributesEnd: number;
}


// Characters after which a name needs String.prototype.toLowerCase: ASCII capitals and anything
// beyond ASCII (which toLowerCase maps by Unicode rules).
function needsLowerCase(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || code >= 0x80;
}

function isAsciiLetter(code: number): boolean {
  return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
}

// Ends a tag name: tab, line feed, form feed, carriage return, space, "/" and ">".
function endsTagName(code: number): boolean {
  return code === 0x20 || code === 0x2f || code === 0x3e || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

/**
 * Where a tag whose attributes hold a quote at `quoteAt` ends: at the first ">" outside quoted
 * values, or, when a quote is left open, at the first ">" after that quote; -1 when there is none.
 */
function quotedTagEnd(html: string, quoteAt: number): number {
  for (let i = quoteAt; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (code === 0x3e) return i;
    if (code === 0x22 || code === 0x27) {
      const close = html.indexOf(code === 0x22 ? '"' : "'", i + 1);
      if (close === -1) break;
      i = close;
    }
  }
  return html.indexOf('>', quoteAt);
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
      return { index: lt, end: close ? COMMENT_END.lastIndex : html.length, kind: undefined, closing: false, attributesStart: 0, attributesEnd: 0 };
    }
    if (next === 0x21 || next === 0x3f) {
      const gt = html.indexOf('>', lt);
      return { index: lt, end: gt === -1 ? html.length : gt + 1, kind: undefined, closing: false, attributesStart: 0, attributesEnd: 0 };
    }
    const closing = next === 0x2f;
    const nameStart = closing ? lt + 2 : lt + 1;
    if (!isAsciiLetter(html.charCodeAt(nameStart))) continue; // a "<" that starts no tag is text
    let mixedCase = false;
    let nameEnd = nameStart;
    for (; nameEnd < html.length; nameEnd++) {
      const code = html.charCodeAt(nameEnd);
      if (endsTagName(code)) break;
      if (needsLowerCase(code)) mixedCase = true;
    }
    // The attributes run to the first ">", unless a quoted value comes first.
    let end = nameEnd;
    for (; end < html.length; end++) {
      const code = html.charCodeAt(end);
      if (code === 0x3e || code === 0x22 || code === 0x27) break;
    }
    if (end >= html.length) return null; // an unterminated tag: the rest is text
    if (html.charCodeAt(end) !== 0x3e) {
      end = quotedTagEnd(html, end);
      if (end === -1) return null;
    }
    const name = lowerSlice(html, nameStart, nameEnd, mixedCase);
    const kind = KNOWN_TAGS.get(name) ?? { name, isVoid: false, rawTextEnd: null, dropped: false, closes: null };
    return { index: lt, end: end + 1, kind, closing, attributesStart: nameEnd, attributesEnd: end };
  }
  return null;
}

function isHidden(attrs: Record<string, string>): boolean {
  if ('hidden' in attrs || attrs['aria-hidden'] === 'true') return true;
  const style = attrs.style;
  return style !== undefined && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

// The attributes extraction reads; others are not kept, which keeps elements small and alike.
// Each maps to one shared string, the key of every attribute object.
const KEPT_ATTRIBUTES = new Map([
  'class', 'id', 'style', 'hidden', 'aria-hidden', 'role', 'itemprop', 'property', 'name', 'content', 'http-equiv',
  'href', 'rel', 'src', 'data-src', 'datetime', 'lang', 'xml:lang', 'type', 'charset',
].map((name) => [name, name]));
const MAX_KEPT_NAME = Math.max(...[...KEPT_ATTRIBUTES.keys()].map((name) => name.length));

// An attribute name: anything up to whitespace, a quote, ">", "/" or "=".
function isAttributeNameChar(code: number): boolean {
  return code !== 0x22 && code !== 0x27 && code !== 0x3e && code !== 0x2f && code !== 0x3d && !isWhitespace(code);
}

function skipSpaces(html: string, from: number, to: number): number {
  while (from < to && isWhitespace(html.charCodeAt(from))) from++;
  return from;
}

/**
 * The kept attributes in html[from, to), first occurrence winning: names, then optionally "="
 * and a double-quoted, single-quoted or unquoted value (a quote left open starts an unquoted one).
 */
function parseAttributes(html: string, from: number, to: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  let i = from;
  while (i < to) {
    if (!isAttributeNameChar(html.charCodeAt(i))) {
      i++;
      continue;
    }
    const nameStart = i;
    let mixedCase = false;
    for (; i < to; i++) {
      const code = html.charCodeAt(i);
      if (!isAttributeNameChar(code)) break;
      if (needsLowerCase(code)) mixedCase = true;
    }
    const nameEnd = i;
    let valueStart = -1;
    let valueEnd = -1;
    let at = skipSpaces(html, nameEnd, to);
    if (at < to && html.charCodeAt(at) === 0x3d) {
      at = skipSpaces(html, at + 1, to);
      const first = at < to ? html.charCodeAt(at) : 0x3e;
      if (first === 0x22 || first === 0x27) {
        // Searching past `to` for a quote left open stays linear: it stops at the next quote.
        const close = html.indexOf(first === 0x22 ? '"' : "'", at + 1);
        if (close !== -1 && close < to) {
          valueStart = at + 1;
          valueEnd = close;
          i = close + 1;
        }
      }
      if (valueStart === -1 && first !== 0x3e) {
        let stop = at + 1;
        for (; stop < to; stop++) {
          const code = html.charCodeAt(stop);
          if (code === 0x3e || isWhitespace(code)) break;
        }
        valueStart = at;
        valueEnd = stop;
        i = stop;
      }
    }
    if (nameEnd - nameStart > MAX_KEPT_NAME) continue;
    const name = KEPT_ATTRIBUTES.get(lowerSlice(html, nameStart, nameEnd, mixedCase));
    if (name === undefined || attrs[name] !== undefined) continue;
    const value = valueStart === -1 ? '' : html.slice(valueStart, valueEnd);
    attrs[name] = value.indexOf('&') === -1 ? value : decodeHTMLAttribute(value);
  }
  return attrs;
}

function isNameBreak(code: number): boolean {
  return code === 0x2d || code === 0x5f;
}

// One scan rather than trim, lowercase and a regex replace: this runs for every element with a class.
function normalizeNames(raw: string): string {
  let text = raw.trim();
  let names = '';
  let copied = 0;
  let lowered = false;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (!lowered && needsLowerCase(code)) {
      // Lowercasing keeps what comes before: only ASCII that is not a capital.
      text = text.toLowerCase();
      lowered = true;
      continue;
    }
    const isBreak = isNameBreak(code);
    if (!isBreak && !isWhitespace(code)) {
      i++;
      continue;
    }
    // A run of "-" and "_" reads as a space; a run of whitespace separates two names.
    let end = i + 1;
    while (end < text.length && (isBreak ? isNameBreak(text.charCodeAt(end)) : isWhitespace(text.charCodeAt(end)))) end++;
    names += text.slice(copied, i) + (isBreak ? ' ' : NAME_SEPARATOR);
    copied = i = end;
  }
  return copied === 0 ? text : names + text.slice(copied);
}

/** Element.names from the class and id; `seen` holds those of the page so far (most repeat). */
function namesOf(attrs: Record<string, string>, seen: Map<string, string>): string {
  const { class: className, id } = attrs;
  if (!className && !id) return '';
  const raw = id ? (className ? `${className} ${id}` : id) : className;
  let names = seen.get(raw);
  if (names === undefined) {
    names = normalizeNames(raw);
    seen.set(raw, names);
  }
  return names;
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
  const names = new Map<string, string>();
  const stack: Frame[] = [];
  // While above zero, the stack holds a dropped subtree from this height up: nothing is kept.
  let skipFrom = 0;
  const containerOf = () => (stack.length > 0 ? stack[stack.length - 1].container : root);
  const popTo = (height: number) => {
    // Popping one by one is cheaper than setting the length: usually it is one or two frames.
    while (stack.length > height) stack.pop();
    if (skipFrom > height) skipFrom = 0;
  };
  const attributesOf = (token: Token) =>
    token.attributesEnd > token.attributesStart ? parseAttributes(html, token.attributesStart, token.attributesEnd) : {};

  let textStart = 0;
  for (let token = nextToken(html, 0); token; token = nextToken(html, textStart)) {
    if (token.index > textStart && skipFrom === 0) appendText(containerOf(), html.slice(textStart, token.index));
    textStart = token.end;
    const kind = token.kind;
    if (kind === undefined) continue; // comment, doctype or processing instruction
    const tag = kind.name;

    if (token.closing) {
      // End tag: close up to the matching open element, if it is near enough.
      if (kind.isVoid) continue;
      for (let i = stack.length - 1; i >= 0 && i >= stack.length - MAX_END_TAG_SEARCH; i--) {
        if (stack[i].tag === tag) {
          popTo(i);
          break;
        }
      }
      continue;
    }

    const closes = kind.closes;
    if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1].tag)) popTo(stack.length - 1);

    const end = kind.rawTextEnd;
    if (end) {
      const attrs = tag === 'script' || tag === 'title' ? attributesOf(token) : {};
      end.lastIndex = token.end;
      const close = end.exec(html);
      const body = html.slice(token.end, close ? close.index : html.length);
      if (tag === 'script' && /ld\+json/i.test(attrs.type ?? '')) {
        if (close) jsonLd.push(body);
      } else if (tag === 'title' && skipFrom === 0) {
        const title: Element = { tag, attrs, names: namesOf(attrs, names), children: [], parent: containerOf(), stats: null };
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
      if (!kind.isVoid) stack.push({ tag, container: containerOf(), depth: stack[stack.length - 1]?.depth ?? 0 });
      continue;
    }
    const attrs = attributesOf(token);
    const parent = containerOf();
    const depth = stack.length > 0 ? stack[stack.length - 1].depth : 0;
    if (kind.dropped || isHidden(attrs)) {
      if (!kind.isVoid) {
        stack.push({ tag, container: parent, depth });
        skipFrom = stack.length;
      }
      continue;
    }
    let container = parent;
    if (depth < MAX_DEPTH) {
      const element: Element = { tag, attrs, names: namesOf(attrs, names), children: [], parent, stats: null };
      parent.children.push(element);
      onElement?.(element);
      container = element;
    }
    if (!kind.isVoid) stack.push({ tag, container, depth: container === parent ? depth : depth + 1 });
  }
  if (textStart < html.length && skipFrom === 0) appendText(containerOf(), html.slice(textStart));
  return { root, jsonLd };
}

