import { endsArticle, isBoilerplateParagraph } from './boilerplate.ts';
import { looksLikeArticleBody } from './furniture.ts';
import { collapseWhitespace, type Element } from './tree.ts';
import type { ContentSelection } from './content.ts';
import { BLOCK_TAGS, linkDensity } from './text-stats.ts';

// Never body text: the title is reported separately, and embedded media carry no sentences.
const SKIPPED_TAGS = new Set(['h1', 'img', 'picture', 'source', 'figure', 'figcaption', 'caption', 'hr', 'head', 'title', 'meta', 'link']);
// Blocks that hold other blocks; when mostly links they are menus or related-link lists.
const GROUPING_TAGS = new Set(['div', 'section', 'ul', 'ol', 'dl', 'table', 'tbody', 'aside', 'nav', 'header', 'footer', 'article', 'main']);
const MAX_LINK_DENSITY = 0.5;
// A list whose items hold text of their own around their links (release notes, changelogs) is the
// article's; a list of bare links is a menu or related links. A list kept keeps what it nests (sub-lists of links).
const LIST_TAGS = new Set(['ul', 'ol']);
const MAX_LIST_LINK_DENSITY = 0.8;
// Boilerplate followed by less than this share of the text ends the article there: what trails a
// "Related posts" or "Leave a Reply" marker is lists of links, forms and comments.
const TAIL_SHARE = 0.25;

/** The article text of the selected containers as paragraphs, page furniture left out. */
export function renderParagraphs(selection: ContentSelection): string[] {
  const { excluded, stats } = selection;
  const paragraphs: string[] = [];
  let buffer: string[] = [];
  const flush = () => {
    if (buffer.length === 0) return;
    const text = collapseWhitespace(buffer.join(''));
    buffer = [];
    if (text) paragraphs.push(text);
  };
  // Recursive: the document is at most MAX_DEPTH deep (document.ts).
  const visit = (element: Element, inList: boolean) => {
    if (excluded.has(element) || SKIPPED_TAGS.has(element.name)) return;
    const isBlock = BLOCK_TAGS.has(element.name);
    const isList = LIST_TAGS.has(element.name);
    if (isBlock && GROUPING_TAGS.has(element.name) && !inList && !looksLikeArticleBody(element)) {
      if (linkDensity(stats.get(element)) > (isList ? MAX_LIST_LINK_DENSITY : MAX_LINK_DENSITY)) return;
    }
    if (isBlock) flush();
    for (const child of element.children) {
      if (child.type === 'text') buffer.push(child.data);
      else if (child.type === 'tag') visit(child, inList || isList);
    }
    if (isBlock) flush();
  };
  for (const container of selection.containers) visit(container, false);
  flush();
  return cleanParagraphs(paragraphs);
}

function cleanParagraphs(paragraphs: string[]): string[] {
  const total = paragraphs.reduce((sum, text) => sum + text.length, 0);
  const kept: string[] = [];
  let seen = 0;
  for (const text of paragraphs) {
    seen += text.length;
    if (isBoilerplateParagraph(text)) {
      if (total - seen < total * TAIL_SHARE && endsArticle(text)) break;
      continue;
    }
    kept.push(text);
  }
  return kept;
}
