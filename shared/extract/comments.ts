// Readers' comments found by their shape, whatever the markup names them: a run of sibling blocks built
// alike, each with a short meta line (an author or a "Posted by", and a time) above or below a text of
// its own, written by more than one person. Class names can say nothing (hashed CSS modules), so this
// reads structure and text only; the named markup (comment lists, schema.org Comment, microformats)
// is in furniture.ts.
import { walkElements, textContent, type Element } from './tree.ts';
import { linkDensity, type PageStats } from './text-stats.ts';

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
// Times and dates as comment systems print them, absolute and relative, in the languages we ingest most.
const TIME_TEXT = new RegExp(
  [
    '\\b\\d{1,2}:\\d{2}(?:\\s*[ap]\\.?m\\.?)?',
    '\\b\\d+\\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|w|months?|mo|years?|y)\\s+ago\\b',
    '\\b(?:yesterday|today|just now)\\b',
    `\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`,
    `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}\\b`,
    '\\b\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}\\b',
    '\\b\\d{4}-\\d{2}-\\d{2}\\b',
    '(?:hace|il y a|vor)\\s+\\d+',
    '\\d+\\s+\\S+\\s+назад',
  ].join('|'),
  'iu',
);

// A meta line is short; a comment is longer than its meta line and shorter than an article.
const META_MAX_CHARS = 120;
const MIN_BODY_CHARS = 15;
const MAX_ITEM_CHARS = 6000;
// Elements looked at for one item's meta line, and items looked at on one page: bounded work.
const META_SEARCH_LIMIT = 200;
const ITEM_LIMIT = 20_000;
// A run whose comments hold this share of their parent's text takes the parent (its heading, its
// "load more") with it.
const PARENT_SHARE = 0.7;

// Links and buttons of a comment's tool row: never its author.
const ACTION_TEXT = /^(?:reply|permalink|report|flag|like|likes|share|quote|edit|delete|upvote|downvote|\d+ (?:likes?|points?|replies|votes?))$/i;
const AUTHOR_MAX_CHARS = 60;

/**
 * An item's author as its meta line shows it: the text of the short line holding a time, without the
 * time, or else the first short text before the body that is not a heading or a tool-row word; null
 * when the item has no time or no author (a timeline entry, a live blog's untitled post).
 */
function metaAuthor(item: Element, stats: PageStats): string | null {
  const itemChars = stats.get(item)?.chars ?? 0;
  let withTime = null as string | null;
  let timeChars = 0;
  let firstShort = null as string | null;
  let seen = 0;
  walkElements(item, (element) => {
    if (withTime !== null || ++seen > META_SEARCH_LIMIT) return false;
    if (element === item) return true;
    const chars = stats.get(element)?.chars ?? 0;
    if (chars === 0) return false;
    if (chars > META_MAX_CHARS) return true;
    if (itemChars - chars < MIN_BODY_CHARS) return false;
    const text = textContent(element);
    const time = text.match(TIME_TEXT);
    if (!time && !hasTimeElement(element)) {
      if (firstShort === null && chars <= AUTHOR_MAX_CHARS && !/^h\d$/.test(element.name) && !ACTION_TEXT.test(text) && /\p{L}{2}/u.test(text)) {
        firstShort = normalize(text);
      }
      return true;
    }
    timeChars = chars;
    const rest = normalize(time ? text.replace(time[0], ' ') : text);
    withTime = /\p{L}{2}/u.test(rest) ? rest : '';
    return false;
  });
  if (withTime === null) return null;
  const author = withTime || firstShort;
  if (!author || itemChars - timeChars - (withTime ? 0 : author.length) < MIN_BODY_CHARS) return null;
  return author;
}

const normalize = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().toLowerCase();

function hasTimeElement(element: Element): boolean {
  let time = false;
  walkElements(element, (node) => {
    if (node.name === 'time') time = true;
    return !time;
  });
  return time;
}

const PAIR_MAX_CHARS = 1500;
// Text between two items that is not theirs: embedded posts (tweets, quoted posts) sit between an
// article's paragraphs, while a thread's comments follow one another.
const BETWEEN_MAX_CHARS = 25;

/** True when no block of other text stands between the first and the last item. */
function isRun(parent: Element, items: Set<Element>, stats: PageStats): boolean {
  let inside = false;
  let remaining = items.size;
  for (const child of parent.children) {
    if (child.type !== 'tag') continue;
    if (items.has(child)) {
      inside = true;
      if (--remaining === 0) return true;
      continue;
    }
    if (inside && (stats.get(child)?.chars ?? 0) > BETWEEN_MAX_CHARS) return false;
  }
  return true;
}

const signature = (element: Element) => `${element.name}.${element.attribs.class ?? ''}`;

/** The comment blocks under `root` (items, or whole runs with their parent), found by their shape. */
export function findCommentBlocks(root: Element, stats: PageStats): Set<Element> {
  const found = new Set<Element>();
  let budget = ITEM_LIMIT;
  walkElements(root, (parent) => {
    if (found.has(parent) || budget <= 0) return false;
    const groups = new Map<string, Element[]>();
    for (const child of parent.children) {
      if (child.type !== 'tag') continue;
      const chars = stats.get(child)?.chars ?? 0;
      if (chars < MIN_BODY_CHARS || chars > MAX_ITEM_CHARS || linkDensity(stats.get(child)) > 0.5) continue;
      const key = signature(child);
      const group = groups.get(key);
      if (group) group.push(child);
      else groups.set(key, [child]);
    }
    const comments: Element[] = [];
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      budget -= group.length;
      const authors = new Map<Element, string>();
      for (const item of group) {
        const author = metaAuthor(item, stats);
        if (author !== null) authors.set(item, author);
      }
      // A live blog's posts carry one byline; comments come from more than one reader.
      if (authors.size < 2 || authors.size * 2 < group.length || new Set(authors.values()).size < 2) continue;
      const items = [...authors.keys()];
      // Two big blocks alike are more likely layout columns than a thread.
      if (items.length === 2 && items.some((item) => (stats.get(item)?.chars ?? 0) > PAIR_MAX_CHARS)) continue;
      if (!isRun(parent, new Set(items), stats)) continue;
      comments.push(...items);
    }
    if (comments.length === 0) return true;
    const commentChars = comments.reduce((sum, item) => sum + (stats.get(item)?.chars ?? 0), 0);
    if (parent !== root && commentChars >= PARENT_SHARE * (stats.get(parent)?.chars ?? 0)) found.add(parent);
    else for (const item of comments) found.add(item);
    return true;
  });
  return found;
}
