import { looksLikeArticleBody } from './boilerplate.ts';
import type { Element } from './dom.ts';

/** Landmarks of a page, noted while it is parsed so that no later step walks the whole tree. */
export interface PageSurvey {
  body: Element | null;
  htmlLang: string | null;
  /** meta content by property/name/itemprop/http-equiv (lowercased), first occurrence wins. */
  meta: Map<string, string>;
  /** link href by rel. */
  links: Map<string, string>;
  /** First element carrying each microdata itemprop. */
  microdata: Map<string, Element>;
  title: Element | null;
  firstHeading: Element | null;
  firstTime: Element | null;
  authorLinks: Element[];
  byline: Element | null;
  /** The element the markup names as the article body (itemprop=articleBody, "entry-content"...). */
  markedBody: Element | null;
}

const BYLINE_CLASS = /(?:^| )(?:byline|author name|posted by|entry author)(?: |$)/;

export function createSurvey(): { survey: PageSurvey; note: (element: Element) => void } {
  const survey: PageSurvey = {
    body: null, htmlLang: null, meta: new Map(), links: new Map(), microdata: new Map(), title: null,
    firstHeading: null, firstTime: null, authorLinks: [], byline: null, markedBody: null,
  };
  const note = (element: Element) => {
    const { attrs } = element;
    switch (element.tag) {
      case 'meta': {
        const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? attrs['http-equiv'])?.toLowerCase();
        const content = attrs.content?.trim();
        if (key && content && !survey.meta.has(key)) survey.meta.set(key, content);
        break;
      }
      case 'link':
        if (attrs.href) for (const rel of (attrs.rel ?? '').toLowerCase().split(/\s+/)) if (rel && !survey.links.has(rel)) survey.links.set(rel, attrs.href);
        break;
      case 'html':
        survey.htmlLang ??= attrs.lang ?? attrs['xml:lang'] ?? null;
        break;
      case 'body':
        survey.body ??= element;
        break;
      case 'title':
        survey.title ??= element;
        break;
      case 'h1':
        survey.firstHeading ??= element;
        break;
      case 'time':
        if (attrs.datetime) survey.firstTime ??= element;
        break;
      case 'a':
        if (attrs.rel && /\bauthor\b/i.test(attrs.rel)) survey.authorLinks.push(element);
        break;
    }
    if (attrs.itemprop) for (const prop of attrs.itemprop.split(/\s+/)) if (!survey.microdata.has(prop)) survey.microdata.set(prop, element);
    if (element.names) {
      if (!survey.byline && BYLINE_CLASS.test(element.names)) survey.byline = element;
      if (!survey.markedBody && looksLikeArticleBody(element)) survey.markedBody = element;
    } else if (!survey.markedBody && attrs.itemprop === 'articleBody') {
      survey.markedBody = element;
    }
  };
  return { survey, note };
}
