import type { Document } from 'domhandler';
import { looksLikeArticleBody } from './furniture.ts';
import { isElement, namesOf, walkElements, type Element } from './tree.ts';

/** Landmarks of a page, noted in one walk so that no later step searches the whole tree for them. */
export interface PageSurvey {
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

function note(survey: PageSurvey, element: Element): void {
  const attrs = element.attribs;
  switch (element.name) {
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
  const names = namesOf(element);
  if (names && !survey.byline && BYLINE_CLASS.test(names)) survey.byline = element;
  if (!survey.markedBody && looksLikeArticleBody(element)) survey.markedBody = element;
}

export function surveyPage(root: Document): PageSurvey {
  const survey: PageSurvey = {
    htmlLang: null, meta: new Map(), links: new Map(), microdata: new Map(), title: null,
    firstHeading: null, firstTime: null, authorLinks: [], byline: null, markedBody: null,
  };
  for (const child of root.children) {
    if (isElement(child)) walkElements(child, (element) => note(survey, element));
  }
  return survey;
}
