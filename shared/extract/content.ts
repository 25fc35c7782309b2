// Scoring: which elements hold the article. Blocks with sentences credit their ancestors, Readability
// style; furniture (furniture.ts) is left out first, and a feed's content rule confines the search.
import { looksLikeArticleBody, looksLikeFurniture, looksLikeGallery } from './furniture.ts';
import { walkElements, namesOf, textContent, type Element } from './tree.ts';
import { BLOCK_TAGS, linkDensity, type PageStats, type TextStats } from './text-stats.ts';

export interface ContentSelection {
  /** The elements holding the article, in document order. */
  containers: Element[];
  /** Furniture subtrees to leave out when rendering the containers. */
  excluded: Set<Element>;
  stats: PageStats;
}

/** What scoring reads of a page besides its tree. */
export interface ScoringInput {
  stats: PageStats;
  /** The element the markup names as the article body, if any: never left out as furniture. */
  markedBody: Element | null;
  /** Elements that known plugin markup marks as furniture (furniture.ts selectFurniture). */
  furniture: Set<Element>;
  /** Readers' comments found by their shape (comments.ts): left out whatever share of the page they hold. */
  comments: Set<Element>;
}

// A paragraph shorter than this says little about where the article is.
const MIN_PARAGRAPH_CHARS = 25;
// A list item counts half a paragraph: citation and link lists are comma-rich items that would
// otherwise outscore the prose they follow (Readability scores no list items at all).
const LIST_ITEM_CREDIT = 0.5;
// A furniture-looking element holding more than this share of the page's text is a layout
// wrapper (a page-wide <form>, a "main-sidebar-layout" div), not furniture.
const WRAPPER_SHARE = 0.5;

// A gallery holding most of the page's text is the page (a photo essay) unless at least this many
// prose paragraphs lie outside it: then it is a slideshow embedded in an article, its captions
// shown one at a time (or only on a click), and it stays furniture.
const GALLERY_ARTICLE_PARAGRAPHS = 3;

// Credit at which tag and class weights count in full.
const WEIGHT_FULL_CREDIT = 10;

const PARAGRAPH_TAGS = new Set(['p', 'pre', 'li', 'dd', 'dt', 'blockquote', 'address', 'figcaption', 'summary', 'th']);

const TAG_WEIGHT: Record<string, number> = {
  div: 5, article: 10, main: 5, section: 2, pre: 3, td: 3, blockquote: 3,
  address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3,
  h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5,
};

const CONTENT_CLASS = /(?:^| )(?:article|body|content|entry|h ?entry|main|page|post|text|blog|story)(?: |$)/;

function classWeight(element: Element): number {
  if (looksLikeArticleBody(element)) return 50;
  const names = namesOf(element);
  return names && CONTENT_CLASS.test(names) ? 25 : 0;
}

const parentOf = (element: Element): Element | null => (element.parent?.type === 'tag' ? element.parent : null);

function isGalleryInArticle(gallery: Element, body: Element, stats: PageStats): boolean {
  if (!looksLikeGallery(gallery)) return false;
  let prose = 0;
  walkElements(body, (element) => {
    if (element === gallery) return false;
    if (isSentenceLike(element, stats.get(element))) prose++;
    return prose < GALLERY_ARTICLE_PARAGRAPHS;
  });
  return prose >= GALLERY_ARTICLE_PARAGRAPHS;
}

/** Furniture subtrees, sparing layout wrappers and anything that holds the marked article body. */
function findExcluded(body: Element, { stats, markedBody, furniture, comments }: ScoringInput): Set<Element> {
  const total = stats.get(body)?.chars ?? 0;
  const markedAncestors = new Set<Element>();
  for (let node = markedBody; node; node = parentOf(node)) markedAncestors.add(node);
  const excluded = new Set<Element>();
  walkElements(body, (element) => {
    if (element === body || markedAncestors.has(element) || element.name === 'a') return true;
    if (comments.has(element)) {
      excluded.add(element);
      return false;
    }
    if (!furniture.has(element) && !looksLikeFurniture(element)) return true;
    if ((stats.get(element)?.chars ?? 0) > total * WRAPPER_SHARE && !isGalleryInArticle(element, body, stats)) return true;
    excluded.add(element);
    return false;
  });
  return excluded;
}

/** Scores the blocks that hold sentences, Readability-style, and credits their ancestors. */
function scoreCandidates(body: Element, excluded: Set<Element>, stats: PageStats): Map<Element, number> {
  const credits = new Map<Element, number>();
  walkElements(body, (element) => {
    if (excluded.has(element)) return false;
    if (!BLOCK_TAGS.has(element.name) || /^h\d$/.test(element.name)) return true;
    const own = stats.get(element);
    if (!own || own.ownChars < MIN_PARAGRAPH_CHARS || own.ownLinkChars / own.ownChars > 0.5) return true;
    // Text written straight into a div or cell (lines split by <br>) makes that element the
    // container; a paragraph's container is its parent. Long runs count as several paragraphs.
    const isParagraph = PARAGRAPH_TAGS.has(element.name);
    const paragraphs = isParagraph ? 1 : Math.max(1, Math.round(own.ownChars / 400));
    const score = (paragraphs + own.ownCommas + Math.min(3 * paragraphs, Math.floor(own.ownChars / 100))) * (element.name === 'li' ? LIST_ITEM_CREDIT : 1);
    let ancestor = isParagraph ? parentOf(element) : element;
    for (let level = 0; ancestor && level < 5; level++, ancestor = parentOf(ancestor)) {
      credits.set(ancestor, (credits.get(ancestor) ?? 0) + score / (level === 0 ? 1 : level === 1 ? 2 : level * 3));
      if (ancestor === body) break;
    }
    return true;
  });
  const scores = new Map<Element, number>();
  for (const [element, credit] of credits) {
    // Tag and class names vouch for a block only as far as it really holds sentences.
    const weight = ((TAG_WEIGHT[element.name] ?? 0) + classWeight(element)) * Math.min(1, credit / WEIGHT_FULL_CREDIT);
    scores.set(element, (credit + weight) * (1 - linkDensity(stats.get(element))));
  }
  return scores;
}

function isInside(node: Element, ancestor: Element): boolean {
  for (let current: Element | null = node; current; current = parentOf(current)) if (current === ancestor) return true;
  return false;
}

function commonAncestor(a: Element, b: Element): Element | null {
  for (let current: Element | null = a; current; current = parentOf(current)) if (isInside(b, current)) return current;
  return null;
}

// Articles cut into chunks (a body div per section, with ads or promos between) score as several
// strong candidates in nearby subtrees; their close common ancestor holds the whole article.
const SPLIT_SHARE = 0.5;
const SPLIT_MAX_LEVELS = 3;

function widenToSplitArticle(top: Element, topScore: number, scores: Map<Element, number>, body: Element): Element {
  let widened = top;
  for (const [candidate, score] of scores) {
    if (score < topScore * SPLIT_SHARE || isInside(candidate, widened) || isInside(widened, candidate)) continue;
    const ancestor = commonAncestor(widened, candidate);
    if (!ancestor || ancestor === body || !isInside(top, ancestor)) continue;
    let levels = 0;
    for (let current: Element | null = top; current && current !== ancestor; current = parentOf(current)) levels++;
    if (levels <= SPLIT_MAX_LEVELS) widened = ancestor;
  }
  return widened;
}

// Long articles split across sibling sections (a review with a section per heading, documentation,
// how-to steps) leave each section too little text to outscore the best one, so the best one is widened
// upward while its ancestors add paragraphs and little else.
const SECTION_LEVELS = 6;
const SECTION_MIN_GAIN = 80;
const SECTION_MIN_PARAGRAPH_SHARE = 0.6;
const SECTION_MAX_LINK_DENSITY = 0.3;

const SECTION_MIN_MEAN_PARAGRAPH = 80;

interface Prose {
  /** Characters in paragraphs: sentence blocks with few links. */
  paragraphChars: number;
  /** Of those, the <p> elements and their characters (list items and cells may be short; teasers are short <p>s). */
  pChars: number;
  ps: number;
  /** All characters and link characters outside the excluded furniture, section headings left out. */
  chars: number;
  linkChars: number;
}

const IN_BODY_HEADING = /^h[2-6]$/;
// A paragraph cut off with an ellipsis is a teaser's excerpt of another page, not the article's prose.
const isExcerpt = (node: Element) => /(?:…|\.\.\.)\s*$/.test(textContent(node));

function proseOf(element: Element, excluded: Set<Element>, stats: PageStats): Prose {
  const prose: Prose = { paragraphChars: 0, pChars: 0, ps: 0, chars: 0, linkChars: 0 };
  walkElements(element, (node) => {
    if (excluded.has(node)) return false;
    const own = stats.get(node);
    if (!own) return false;
    // A section's heading is neither prose nor chrome; a teaser's linked title is chrome.
    if (IN_BODY_HEADING.test(node.name) && linkDensity(own) < 0.5) return false;
    prose.chars += own.ownChars;
    prose.linkChars += own.ownLinkChars;
    if (PARAGRAPH_TAGS.has(node.name) && own.ownChars >= MIN_PARAGRAPH_CHARS && own.ownLinkChars / own.ownChars < 0.5 && !isExcerpt(node)) {
      prose.paragraphChars += own.ownChars;
      if (node.name === 'p') {
        prose.pChars += own.ownChars;
        prose.ps++;
      }
    }
    return true;
  });
  return prose;
}

function widenOverSections(top: Element, body: Element, excluded: Set<Element>, stats: PageStats): Element {
  let widened = top;
  let best = proseOf(top, excluded, stats);
  let ancestor = parentOf(top);
  for (let level = 0; ancestor && ancestor !== body && level < SECTION_LEVELS; level++, ancestor = parentOf(ancestor)) {
    if (excluded.has(ancestor)) break;
    const prose = proseOf(ancestor, excluded, stats);
    // Judged on what the ancestor adds: teaser lists, bios and link rows add short or linked text.
    const gain = prose.paragraphChars - best.paragraphChars;
    const added = prose.chars - best.chars;
    if (gain < SECTION_MIN_GAIN) continue;
    if (gain < SECTION_MIN_PARAGRAPH_SHARE * added || prose.linkChars - best.linkChars > SECTION_MAX_LINK_DENSITY * added) break;
    if (prose.pChars - best.pChars < SECTION_MIN_MEAN_PARAGRAPH * (prose.ps - best.ps)) break;
    [widened, best] = [ancestor, prose];
  }
  return widened;
}

function isSentenceLike(element: Element, stats: TextStats | undefined): boolean {
  if (!stats || element.name !== 'p') return false;
  const density = linkDensity(stats);
  if (stats.chars > 80) return density < 0.25;
  return stats.chars > 0 && density === 0;
}

/** The article's containers under `body` (the page's <body>, or what a feed's content rule matched). */
export function selectContent(body: Element, input: ScoringInput): ContentSelection {
  const { stats } = input;
  const excluded = findExcluded(body, input);
  const scores = scoreCandidates(body, excluded, stats);

  let top: Element | null = null;
  let topScore = 0;
  for (const [element, score] of scores) {
    if (score > topScore) [top, topScore] = [element, score];
  }
  if (!top || !parentOf(top) || top === body) return { containers: [body], excluded, stats };
  top = widenOverSections(widenToSplitArticle(top, topScore, scores, body), body, excluded, stats);
  const parent = parentOf(top);
  if (!parent || top === body) return { containers: [top], excluded, stats };

  // Articles split into sibling blocks (a lead paragraph, then a body div) keep every part.
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class;
  const containers = parent.children.filter((sibling): sibling is Element => {
    if (sibling.type !== 'tag' || excluded.has(sibling)) return false;
    if (sibling === top) return true;
    const bonus = topClass && sibling.attribs.class === topClass ? topScore * 0.2 : 0;
    if ((scores.get(sibling) ?? 0) + bonus >= threshold) return true;
    return isSentenceLike(sibling, stats.get(sibling));
  });
  return { containers, excluded, stats };
}

/**
 * The containers when a feed's content rule matched: the matches themselves, the outermost of them in
 * document order; the furniture inside is still left out.
 */
export function selectRuleContent(matches: Element[], input: ScoringInput): ContentSelection {
  const excluded = new Set<Element>();
  for (const match of matches) for (const element of findExcluded(match, input)) excluded.add(element);
  return { containers: matches, excluded, stats: input.stats };
}
