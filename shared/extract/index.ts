import { decodeBytes } from '../encoding/index.ts';
import { detectLanguage } from '../language/index.ts';
import { findCommentBlocks } from './comments.ts';
import { selectContent, selectRuleContent } from './content.ts';
import { isBoilerplateParagraph } from './boilerplate.ts';
import { loadDocument, removeNodes } from './document.ts';
import { stripParagraphs, type FeedRules } from './feed-rules.ts';
import { selectFurniture } from './furniture.ts';
import { extractMetadata } from './metadata.ts';
import { renderParagraphs } from './render.ts';
import { surveyPage } from './survey.ts';
import { computeTextStats, type PageStats } from './text-stats.ts';
import { collapseWhitespace, isElement, walkElements, type Element } from './tree.ts';

export type { FeedRules } from './feed-rules.ts';

/** Bump when the output for the same input changes, so stored articles can be re-extracted. */
export const EXTRACTOR_VERSION = '2.2.0';

export interface ExtractedArticle {
  title: string | null;
  authors: string[];
  /** ISO 8601 with offset. */
  publishedAt: string | null;
  modifiedAt: string | null;
  /** ISO 639-1 code. */
  language: string | null;
  /** The article body: paragraphs, in-body headings, list items and quotes separated by blank lines. */
  text: string;
  excerpt: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  leadImage: string | null;
  wordCount: number;
}

export interface ExtractOptions {
  /** The HTTP Content-Type header the bytes came with, for their charset. */
  contentType?: string | null;
  /** The feed's own rules (feed-rules.ts), validated when they were stored. */
  rules?: FeedRules | null;
}

const EXCERPT_CHARS = 300;

/**
 * Extracts the article of an HTML page: clean body text without page furniture, plus metadata.
 * Pure and synchronous; never throws (a page it cannot read yields an empty article).
 */
export function extractArticle(input: string | Uint8Array, url: string, options: ExtractOptions = {}): ExtractedArticle {
  try {
    const html = typeof input === 'string' ? input : decodeBytes(input, { contentType: options.contentType, kind: 'html' }).text;
    return extractFromHtml(html, url, options.rules ?? {});
  } catch {
    return emptyArticle();
  }
}

/**
 * The steps, each in its own module: parse and drop what never holds text (document.ts); apply the
 * feed's remove rules (feed-rules.ts); note the page's landmarks (survey.ts) and read its metadata
 * (metadata.ts); find the article's containers by scoring, furniture left out (content.ts,
 * furniture.ts), or take the feed's content rule; render them as paragraphs, boilerplate paragraphs
 * dropped (render.ts, boilerplate.ts); strip the feed's strip-text rules.
 */
function extractFromHtml(html: string, url: string, rules: FeedRules): ExtractedArticle {
  const { $, root, body, jsonLd } = loadDocument(html);
  if (rules.remove?.length) removeNodes($(rules.remove.join(', ')).toArray().filter(isElement));
  const survey = surveyPage(root);
  const metadata = extractMetadata(survey, jsonLd, url);
  const stats = computeTextStats(body);
  const scoring = { stats, markedBody: survey.markedBody, furniture: selectFurniture($), comments: findCommentBlocks(body, stats) };
  const ruleContent = rules.content ? outermostWithText($(rules.content).toArray().filter(isElement), stats) : [];
  const selection = ruleContent.length > 0 ? selectRuleContent(ruleContent, scoring) : selectContent(body, scoring);
  const rendered = dropTitleLine(renderParagraphs(selection), metadata.title);
  // The page's own markup, where the feed's rule points, beats the JSON-LD copy.
  const structuredBody = ruleContent.length > 0 ? null : metadata.structuredBody;
  const paragraphs = stripParagraphs(preferStructuredBody(rendered, structuredBody), rules.stripText);
  const text = paragraphs.join('\n\n');
  return {
    title: metadata.title,
    authors: metadata.authors,
    publishedAt: metadata.publishedAt,
    modifiedAt: metadata.modifiedAt,
    language: detectLanguage(text || (metadata.title ?? ''), metadata.declaredLanguage),
    text,
    excerpt: metadata.description ?? excerptOf(paragraphs),
    canonicalUrl: metadata.canonicalUrl,
    siteName: metadata.siteName,
    leadImage: metadata.leadImage ?? firstImage(selection.containers, url),
    wordCount: countWords(text),
  };
}

// Pages that render their article with scripts leave little in the markup, yet often carry the
// whole body in JSON-LD; when the markup gave far less than that, the JSON-LD body is the article.
const STRUCTURED_BODY_SHARE = 0.5;

function preferStructuredBody(paragraphs: string[], structuredBody: string | null): string[] {
  if (!structuredBody) return paragraphs;
  const renderedChars = paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
  if (renderedChars >= structuredBody.length * STRUCTURED_BODY_SHARE) return paragraphs;
  return structuredBody
    .split(/\n\s*\n|\r?\n/)
    .map(collapseWhitespace)
    .filter((paragraph) => paragraph !== '' && !isBoilerplateParagraph(paragraph));
}

/** The matches that hold text and are not inside another match, in document order. */
function outermostWithText(matches: Element[], stats: PageStats): Element[] {
  const matched = new Set(matches);
  return matches.filter((match) => {
    if (!stats.get(match)?.chars) return false;
    for (let node = match.parent; node && node.type === 'tag'; node = node.parent) if (matched.has(node)) return false;
    return true;
  });
}

function dropTitleLine(paragraphs: string[], title: string | null): string[] {
  return title && paragraphs[0] === title ? paragraphs.slice(1) : paragraphs;
}

function excerptOf(paragraphs: string[]): string | null {
  const first = paragraphs.find((paragraph) => paragraph.length >= 40) ?? paragraphs[0];
  if (!first) return null;
  if (first.length <= EXCERPT_CHARS) return first;
  const cut = first.slice(0, EXCERPT_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT_CHARS / 2))}…`;
}

// A walk rather than cheerio's find(): css-select dedupes the children of the context it searches
// with a quadratic scan, and an article container can have tens of thousands of paragraphs.
function firstImage(containers: Element[], url: string): string | null {
  for (const container of containers) {
    let src: string | undefined;
    walkElements(container, (element) => {
      if (element.name === 'img') src ||= element.attribs['data-src'] || element.attribs.src;
      return !src;
    });
    if (!src || src.startsWith('data:')) continue;
    try {
      return new URL(src, url).href;
    } catch {
      continue;
    }
  }
  return null;
}

function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

// Letters and digits of any script, told apart from spaces, punctuation and symbols by code
// point ranges: a regex with Unicode classes is several times slower on long texts.
function isWordChar(code: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  return code >= 0xc0 && code !== 0xd7 && code !== 0xf7 && !(code >= 0x2000 && code <= 0x2bff) &&
    !(code >= 0x3000 && code <= 0x303f) && !(code >= 0xd800 && code <= 0xdfff) && !(code >= 0xfe30 && code <= 0xfe4f) &&
    !(code >= 0xff00 && code <= 0xff20) && code !== 0xfeff;
}

/** Words, counting each Chinese or Japanese character as one, as word counts there usually do. */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isCjk(code)) {
      count++;
      inWord = false;
    } else if (isWordChar(code)) {
      if (!inWord) count++;
      inWord = true;
    } else if (!(inWord && (code === 0x27 || code === 0x2019 || code === 0x2d) && isWordChar(text.charCodeAt(i + 1)))) {
      // An apostrophe or hyphen between letters keeps one word ("don't", "well-known").
      inWord = false;
    }
  }
  return count;
}

function emptyArticle(): ExtractedArticle {
  return {
    title: null, authors: [], publishedAt: null, modifiedAt: null, language: null, text: '',
    excerpt: null, canonicalUrl: null, siteName: null, leadImage: null, wordCount: 0,
  };
}
