import type { FeedEnclosure } from './types.ts';
import { httpUrl } from './links.ts';
import { children, type XmlElement } from './xml.ts';

function toLength(value: string | undefined): number | null {
  const n = Number(value);
  return value && Number.isFinite(n) && n >= 0 ? n : null;
}

/** RSS <enclosure>, Atom rel="enclosure" links and media:content (also inside media:group). */
export function enclosuresOf(item: XmlElement): FeedEnclosure[] {
  const found: FeedEnclosure[] = [];
  const add = (href: string | undefined, base: string, type: string | undefined, length: string | undefined) => {
    const url = httpUrl(href, base);
    if (url && !found.some((e) => e.url === url)) found.push({ url, type: type ?? null, length: toLength(length) });
  };
  for (const e of children(item, 'enclosure', ['', 'rss'])) add(e.attrs.url, e.base, e.attrs.type, e.attrs.length);
  for (const l of children(item, 'link', ['atom', ''])) {
    if (l.attrs.rel === 'enclosure') add(l.attrs.href, l.base, l.attrs.type, l.attrs.length);
  }
  const groups = [item, ...children(item, 'group', ['media'])];
  for (const g of groups) {
    for (const m of children(g, 'content', ['media'])) add(m.attrs.url, m.base, m.attrs.type, m.attrs.fileSize);
  }
  return found;
}
