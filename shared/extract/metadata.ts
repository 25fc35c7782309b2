import { collapseWhitespace, textContent, walkElements, type Element } from './tree.ts';
import { normalizeDate } from './dates.ts';
import { findArticleObject, findObjectOfType, jsonLdObjects, names, stringValue } from './json-ld.ts';
import type { PageSurvey } from './survey.ts';

export interface PageMetadata {
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  description: string | null;
  /** The article text the page's JSON-LD carries, if any (often the whole body, as plain text). */
  structuredBody: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  leadImage: string | null;
  /** The language the page declares (html lang, Content-Language, og:locale), unvalidated. */
  declaredLanguage: string | null;
}

function resolveUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function microdataValue(element: Element | undefined): string | null {
  if (!element) return null;
  const attrs = element.attribs;
  if (attrs.content ?? attrs.datetime) return attrs.content ?? attrs.datetime;
  if (element.name === 'img') return attrs.src ?? null;
  return element.name === 'meta' || element.name === 'link' ? attrs.href ?? null : textContent(element) || null;
}

const TITLE_SEPARATORS = /\s+(?:[|\-–—·•»:]|::)\s+/;

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The headline without the " | Site Name" part that <title> and og:title usually carry. */
export function cleanTitle(raw: string, siteName: string | null, host: string, heading: string | null): string {
  const title = collapseWhitespace(raw);
  if (heading && heading.length >= 10 && comparable(title).includes(comparable(heading))) return collapseWhitespace(heading);
  const parts = title.split(TITLE_SEPARATORS);
  if (parts.length < 2) return title;
  const site = siteName ? comparable(siteName) : '';
  const hostWords = host.replace(/^www\./, '').split('.').slice(0, -1).map(comparable).filter(Boolean);
  const isSite = (part: string) => {
    const key = comparable(part);
    return key !== '' && ((site !== '' && (key === site || site.includes(key) || key.includes(site))) || hostWords.some((word) => key === word || key.includes(word)));
  };
  let kept = parts;
  if (isSite(kept[kept.length - 1])) kept = kept.slice(0, -1);
  else if (isSite(kept[0])) kept = kept.slice(1);
  else if (kept.length >= 2 && kept[kept.length - 1].split(/\s+/).length <= 3 && kept.slice(0, -1).join(' ').split(/\s+/).length >= 4) kept = kept.slice(0, -1);
  // Rebuild with the original separators by cutting the same span out of the title.
  const start = title.indexOf(kept[0]);
  const last = kept[kept.length - 1];
  const end = title.lastIndexOf(last) + last.length;
  return start >= 0 && end > start ? title.slice(start, end) : kept.join(' - ');
}

const BYLINE_PREFIX = /^(?:by|written by|posted by|von|por|par|de|автор|авторы|текст)\s*:?\s+/i;
const NAME_SEPARATORS = /\s*(?:,|;|&|\band\b|\bund\b|\by\b|\bet\b|\bи\b|\|)\s*/i;

/** Person names from byline-like strings: no "By", no URLs, e-mails or sentences. */
export function cleanAuthors(values: string[]): string[] {
  const seen = new Set<string>();
  const authors: string[] = [];
  for (const value of values) {
    for (const piece of collapseWhitespace(value).replace(BYLINE_PREFIX, '').split(NAME_SEPARATORS)) {
      const name = piece.replace(BYLINE_PREFIX, '').replace(/^[\s\-–—:]+|[\s\-–—:]+$/g, '');
      if (!name || name.length > 60 || name.split(/\s+/).length > 6) continue;
      if (/[@/]|^https?:|www\./i.test(name) || !/\p{L}/u.test(name)) continue;
      const key = name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      authors.push(name);
    }
  }
  return authors;
}

function firstOf(...values: Array<string | null | undefined>): string | null {
  for (const value of values) {
    const text = value?.trim();
    if (text) return text;
  }
  return null;
}

function firstDate(...values: Array<string | null | undefined>): string | null {
  for (const value of values) {
    const date = normalizeDate(value);
    if (date) return date;
  }
  return null;
}

function firstWithItemprop(from: Element, itemprop: string): Element | null {
  let found: Element | null = null;
  walkElements(from, (element) => {
    if (found) return false;
    if (element.attribs.itemprop === itemprop) found = element;
    return !found;
  });
  return found;
}

function visibleAuthors(survey: PageSurvey): string[] {
  const byMicrodata = survey.microdata.get('author');
  if (byMicrodata) {
    const name = firstWithItemprop(byMicrodata, 'name');
    const value = microdataValue(name ?? byMicrodata);
    if (value) return [value];
  }
  if (survey.authorLinks.length > 0) return survey.authorLinks.map(textContent);
  return survey.byline ? [textContent(survey.byline)] : [];
}

export function extractMetadata(survey: PageSurvey, jsonLd: string[], url: string): PageMetadata {
  const { meta, links, microdata } = survey;
  const heading = survey.firstHeading && (textContent(survey.firstHeading) || null);
  const titleTag = survey.title && (textContent(survey.title) || null);
  const objects = jsonLdObjects(jsonLd);
  const article = findArticleObject(objects) ?? {};
  const publisher = article.publisher ?? findObjectOfType(objects, /^(?:\w+:)?(?:NewsMediaOrganization|Organization|WebSite)$/);
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    // A bad URL only loses the host-based title cleaning and URL resolution.
  }

  const siteName = firstOf(meta.get('og:site_name'), stringValue(publisher), meta.get('application-name'));
  const rawTitle = firstOf(meta.get('og:title'), stringValue(article.headline), meta.get('twitter:title'), microdataValue(microdata.get('headline')), titleTag, heading);
  const title = rawTitle ? cleanTitle(rawTitle, siteName, host, heading) : null;

  const metaAuthors = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl']
    .map((key) => meta.get(key))
    .filter((value): value is string => Boolean(value) && !/^https?:/i.test(value!));
  let authors = cleanAuthors(names(article.author));
  if (authors.length === 0) authors = cleanAuthors(metaAuthors);
  if (authors.length === 0) authors = cleanAuthors(visibleAuthors(survey));

  const publishedAt = firstDate(
    stringValue(article.datePublished), meta.get('article:published_time'), meta.get('og:published_time'),
    microdataValue(microdata.get('datePublished')), meta.get('pubdate'), meta.get('publishdate'), meta.get('publish-date'),
    meta.get('parsely-pub-date'), meta.get('sailthru.date'), meta.get('dc.date.issued'), meta.get('dcterms.created'),
    meta.get('dc.date'), meta.get('date'), stringValue(article.dateCreated), survey.firstTime?.attribs.datetime,
  );
  const modifiedAt = firstDate(
    stringValue(article.dateModified), meta.get('article:modified_time'), meta.get('og:updated_time'),
    microdataValue(microdata.get('dateModified')), meta.get('dcterms.modified'), meta.get('last-modified'),
  );

  const image = firstOf(meta.get('og:image:secure_url'), meta.get('og:image'), stringValue(article.image), meta.get('twitter:image'), meta.get('twitter:image:src'), microdataValue(microdata.get('image')));

  return {
    title,
    authors,
    publishedAt,
    modifiedAt,
    structuredBody: stringValue(article.articleBody),
    description: firstOf(meta.get('og:description'), meta.get('description'), meta.get('twitter:description'), stringValue(article.description)),
    canonicalUrl: resolveUrl(firstOf(links.get('canonical'), meta.get('og:url'), stringValue(article.url)), url),
    siteName,
    leadImage: resolveUrl(image, url),
    declaredLanguage: firstOf(survey.htmlLang, meta.get('content-language'), meta.get('og:locale'), stringValue(article.inLanguage)),
  };
}
