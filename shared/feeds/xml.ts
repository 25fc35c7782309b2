import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { Parser } from 'htmlparser2';

/**
 * A small namespace-aware element tree over htmlparser2's forgiving XML tokenizer: real feeds carry
 * unescaped '&', HTML entities such as &nbsp; and unclosed tags, which strict XML parsers reject.
 */
export interface XmlElement {
  /** Local name, e.g. 'item' for both <item> and <rss:item>. */
  name: string;
  /** Short key of the namespace (see NAMESPACES), the undeclared prefix itself, or '' for none. */
  ns: string;
  /** Attributes by qualified name as written, values entity-decoded. */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Effective xml:base, an absolute URL when one could be resolved. */
  base: string;
}

export type XmlNode = XmlElement | string;

const NAMESPACES: Record<string, string> = {
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns': 'atom',
  'http://purl.org/rss/1.0': 'rss',
  'http://my.netscape.com/rdf/simple/0.9': 'rss',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns': 'rdf',
  'http://purl.org/dc/elements/1.1': 'dc',
  'http://purl.org/dc/terms': 'dcterms',
  'http://purl.org/rss/1.0/modules/content': 'content',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.sitemaps.org/schemas/sitemap/0.9': 'sitemap',
  'http://www.google.com/schemas/sitemap/0.84': 'sitemap',
  'http://www.google.com/schemas/sitemap-news/0.9': 'news',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
};

// Prefixes used without (or with a misspelt) declaration still mean what everyone means by them.
const WELL_KNOWN_PREFIXES = new Set(['atom', 'dc', 'dcterms', 'content', 'media', 'news', 'feedburner', 'itunes', 'rdf', 'xhtml']);

const keyCache = new Map<string, string>();

function namespaceKey(uri: string | undefined, prefix: string): string {
  if (uri === undefined) return prefix;
  const cacheKey = `${prefix} ${uri}`;
  let key = keyCache.get(cacheKey);
  if (key === undefined) {
    key = resolveNamespaceKey(uri, prefix);
    if (keyCache.size < 1000) keyCache.set(cacheKey, key);
  }
  return key;
}

function resolveNamespaceKey(uri: string | undefined, prefix: string): string {
  if (uri !== undefined) {
    const known = NAMESPACES[uri.trim().toLowerCase().replace(/[/#]+$/, '')];
    if (known) return known;
    if (WELL_KNOWN_PREFIXES.has(prefix)) return prefix;
    return uri === '' ? '' : `{${uri}}`;
  }
  return prefix;
}

const MAX_DEPTH = 256;
const NO_PREFIXES: ReadonlyMap<string, string> = new Map();

interface Scope {
  element: XmlElement;
  prefixes: ReadonlyMap<string, string>;
}

/** Parses XML leniently; never throws. Returns the root elements (normally one). */
export function parseXml(text: string, documentUrl: string): XmlElement[] {
  const roots: XmlElement[] = [];
  const stack: Scope[] = [];
  let inCdata = false;
  let droppedDepth = 0;

  const parser = new Parser(
    {
      onopentag(qname, rawAttrs) {
        const parent = stack[stack.length - 1];
        // Scopes share their parent's prefix map unless they declare a namespace themselves.
        let prefixes = parent?.prefixes ?? NO_PREFIXES;
        const attrs = rawAttrs; // htmlparser2 hands over a fresh object per tag: decode in place
        for (const key in attrs) {
          const value = attrs[key];
          const decoded = value.includes('&') ? decodeHTMLAttribute(value) : value;
          attrs[key] = decoded;
          if (key === 'xmlns' || key.startsWith('xmlns:')) {
            const own = prefixes === (parent?.prefixes ?? NO_PREFIXES) ? new Map(prefixes) : (prefixes as Map<string, string>);
            own.set(key === 'xmlns' ? '' : key.slice(6), decoded);
            prefixes = own;
          }
        }
        const colon = qname.indexOf(':');
        const prefix = colon > 0 ? qname.slice(0, colon) : '';
        const name = colon > 0 ? qname.slice(colon + 1) : qname;
        const parentBase = parent?.element.base ?? documentUrl;
        const element: XmlElement = {
          name,
          ns: namespaceKey(prefixes.get(prefix), prefix),
          attrs,
          children: [],
          base: attrs['xml:base'] ? resolveUrl(attrs['xml:base'], parentBase) ?? parentBase : parentBase,
        };
        if (stack.length >= MAX_DEPTH) {
          droppedDepth++; // pathological nesting: drop it, keep the rest
          return;
        }
        if (parent) parent.element.children.push(element);
        else roots.push(element);
        stack.push({ element, prefixes });
      },
      onclosetag() {
        if (droppedDepth > 0) droppedDepth--;
        else stack.pop();
      },
      ontext(text) {
        const parent = stack[stack.length - 1];
        if (parent) parent.element.children.push(inCdata || !text.includes('&') ? text : decodeHTML(text));
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.write(text);
  parser.end();
  return roots;
}

export function resolveUrl(href: string, base: string): string | null {
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string');
}

/** First child with this local name in one of the namespaces (any namespace when omitted). */
export function child(element: XmlElement, name: string, namespaces?: readonly string[]): XmlElement | undefined {
  for (const c of element.children) {
    if (typeof c !== 'string' && c.name === name && (!namespaces || namespaces.includes(c.ns))) return c;
  }
  return undefined;
}

export function children(element: XmlElement, name: string, namespaces?: readonly string[]): XmlElement[] {
  return childElements(element).filter((c) => c.name === name && (!namespaces || namespaces.includes(c.ns)));
}

/** All descendant text, concatenated. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  const only = element.children.length === 1 ? element.children[0] : undefined;
  if (typeof only === 'string') return only;
  let out = '';
  for (const c of element.children) out += typeof c === 'string' ? c : textOf(c);
  return out;
}

/** Trimmed text of the first matching child, or null when absent or blank. */
export function childText(element: XmlElement, name: string, namespaces?: readonly string[]): string | null {
  const text = textOf(child(element, name, namespaces)).trim();
  return text === '' ? null : text;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** The element's children serialized back to markup (for Atom type="xhtml" content). */
export function innerXml(element: XmlElement): string {
  let out = '';
  for (const c of element.children) {
    if (typeof c === 'string') {
      out += escapeText(c);
      continue;
    }
    const attrs = Object.entries(c.attrs)
      .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
      .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
      .join('');
    out += `<${c.name}${attrs}>${innerXml(c)}</${c.name}>`;
  }
  return out;
}
