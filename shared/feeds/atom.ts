import { parseFeedDate } from './dates.ts';
import { httpUrl, uniqueNonBlank } from './links.ts';
import { enclosuresOf } from './media.ts';
import { htmlToText, nonBlank } from './text.ts';
import type { FeedItem, ParsedFeed } from './types.ts';
import { child, childElements, children, childText, innerXml, textOf, type XmlElement } from './xml.ts';

/** Atom 1.0 and the older Atom 0.3 (issued/modified, mode="escaped"), also when the namespace is missing. */
export function parseAtom(root: XmlElement): ParsedFeed {
  const ns = [root.ns, 'atom'];
  const feedAuthors = authorsOf(root, ns);
  return {
    title: textConstruct(child(root, 'title', ns)),
    link: alternateLink(root, ns),
    format: 'atom',
    items: children(root, 'entry', ns)
      .map((entry) => atomEntry(entry, ns, feedAuthors))
      .filter((item): item is FeedItem => item !== null),
  };
}

function atomEntry(entry: XmlElement, ns: string[], feedAuthors: string[]): FeedItem | null {
  const url = httpUrl(childText(entry, 'origLink', ['feedburner']), entry.base) ?? alternateLink(entry, ns);
  if (!url) return null;
  const authors = authorsOf(entry, ns);
  return {
    url,
    id: childText(entry, 'id', ns),
    title: textConstruct(child(entry, 'title', ns)),
    summary: textConstruct(child(entry, 'summary', ns)),
    contentHtml: contentHtml(child(entry, 'content', ns)),
    authors: authors.length > 0 ? authors : feedAuthors,
    publishedAt: firstDate(entry, ['published', 'issued', 'created'], ns),
    updatedAt: firstDate(entry, ['updated', 'modified'], ns),
    categories: uniqueNonBlank(children(entry, 'category', ns).map((c) => c.attrs.term ?? c.attrs.label ?? textOf(c))),
    enclosures: enclosuresOf(entry),
  };
}

/** rel="alternate" (the default rel), preferring an HTML one when several are given. */
function alternateLink(element: XmlElement, ns: string[]): string | null {
  const alternates = children(element, 'link', ns).filter((l) => (l.attrs.rel ?? 'alternate') === 'alternate');
  const preferred = alternates.find((l) => /html/i.test(l.attrs.type ?? 'text/html')) ?? alternates[0];
  return preferred ? httpUrl(preferred.attrs.href, preferred.base) : null;
}

function authorsOf(element: XmlElement, ns: string[]): string[] {
  return uniqueNonBlank(children(element, 'author', ns).map((a) => childText(a, 'name', ns) ?? childText(a, 'email', ns)));
}

function firstDate(entry: XmlElement, names: string[], ns: string[]): string | null {
  for (const name of names) {
    const date = parseFeedDate(childText(entry, name, ns));
    if (date) return date;
  }
  return null;
}

/** Plain text of an Atom text construct (type text, html or xhtml). */
function textConstruct(element: XmlElement | undefined): string | null {
  if (!element) return null;
  return htmlToText(element.attrs.type === 'xhtml' ? innerXml(xhtmlDiv(element)) : textOf(element));
}

function contentHtml(element: XmlElement | undefined): string | null {
  if (!element || element.attrs.src) return null;
  const type = (element.attrs.type ?? 'text').toLowerCase();
  if (type === 'xhtml' || element.attrs.mode === 'xml') return nonBlank(innerXml(xhtmlDiv(element)));
  if (element.attrs.mode === 'base64') return nonBlank(Buffer.from(textOf(element), 'base64').toString('utf8'));
  const text = nonBlank(textOf(element));
  if (!text) return null;
  if (type === 'html' || type === 'text/html' || element.attrs.mode === 'escaped') return text;
  return `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`;
}

/** type="xhtml" content is wrapped in one xhtml:div that is not part of the content. */
function xhtmlDiv(element: XmlElement): XmlElement {
  const elements = childElements(element);
  const onlyDiv = elements.length === 1 && elements[0].name === 'div' ? elements[0] : undefined;
  return onlyDiv ?? element;
}
