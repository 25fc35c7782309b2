// Per-feed rules, written by users (config/feeds.json, `syndic feeds add|set`): a content selector, selectors
// to remove and text to strip. Validated before anything stores them, and kept to a selector grammar whose
// cost on a page is bounded: a rule can select and remove nodes, never run code or fetch anything.
import { createHash } from 'node:crypto';
import { load } from 'cheerio/slim';
import { parse as parseSelector, type Selector } from 'css-what';
import { z } from 'zod';

export interface FeedRules {
  /** Where the article body is: when it matches text, scoring stays inside the matches. */
  content?: string;
  /** What to take out of the page before anything reads it. */
  remove?: string[];
  /** Text to take out of the article's paragraphs: exact phrases, or patterns anchored with ^ or $. */
  stripText?: string[];
}

const MAX_SELECTOR_CHARS = 200;
const MAX_RULES = 10;
const MAX_STRIP_CHARS = 200;
const MAX_WILDCARDS = 3;
// Each descendant combinator walks up the ancestors of a candidate, and nested ones multiply: two keep a
// selector's cost within (elements x depth^2) on the bounded tree of document.ts.
const MAX_DESCENDANT_COMBINATORS = 2;

// Pseudo-classes whose cost does not grow with the number of siblings, the page text or nesting.
const ALLOWED_PSEUDOS = new Set(['not', 'is', 'where', 'has', 'first-child', 'empty']);
const ALLOWED_TRAVERSALS = new Set(['descendant', 'child', 'adjacent']);

function checkTokens(selectors: Selector[][], insideHas: boolean): string | null {
  for (const sequence of selectors) {
    let descendants = 0;
    for (const token of sequence) {
      if (token.type === 'pseudo-element') return `pseudo-elements (::${token.name}) select no element`;
      if (token.type === 'descendant' && ++descendants > MAX_DESCENDANT_COMBINATORS) return `at most ${MAX_DESCENDANT_COMBINATORS} descendant combinators (spaces) in a row`;
      if (['adjacent', 'child', 'descendant', 'parent', 'sibling', 'column-combinator'].includes(token.type) && !ALLOWED_TRAVERSALS.has(token.type)) {
        return `the ${token.type} combinator is not allowed (allowed: descendant, '>' and '+')`;
      }
      if (token.type !== 'pseudo') continue;
      if (!ALLOWED_PSEUDOS.has(token.name)) return `:${token.name} is not allowed (allowed: ${[...ALLOWED_PSEUDOS].map((name) => `:${name}`).join(' ')})`;
      if (token.name === 'has' && insideHas) return ':has() inside :has() is not allowed';
      if (Array.isArray(token.data)) {
        const problem = checkTokens(token.data, insideHas || token.name === 'has');
        if (problem) return problem;
      }
    }
  }
  return null;
}

/** Why a selector cannot be a rule, or null when it can. */
export function selectorProblem(selector: string): string | null {
  if (selector.trim() === '') return 'empty selector';
  if (selector.length > MAX_SELECTOR_CHARS) return `longer than ${MAX_SELECTOR_CHARS} characters`;
  let tokens: Selector[][];
  try {
    tokens = parseSelector(selector);
  } catch (error) {
    return `not a CSS selector (${(error as Error).message})`;
  }
  const problem = checkTokens(tokens, false);
  if (problem) return problem;
  try {
    load('<p></p>')(selector);
  } catch (error) {
    return `not supported (${(error as Error).message})`;
  }
  return null;
}

function wildcards(pattern: string): number {
  return pattern.split('*').length - 1;
}

/** Why a strip-text entry cannot be a rule, or null when it can. */
export function stripTextProblem(text: string): string | null {
  if (text.trim() === '') return 'empty text';
  if (text.length > MAX_STRIP_CHARS) return `longer than ${MAX_STRIP_CHARS} characters`;
  const anchored = text.startsWith('^') || text.endsWith('$');
  if (!anchored && text.includes('*')) return "'*' only works in a pattern anchored with ^ or $";
  if (wildcards(text) > MAX_WILDCARDS) return `at most ${MAX_WILDCARDS} '*' in a pattern`;
  return null;
}

const selector = z.string().superRefine((value, context) => {
  const problem = selectorProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: `invalid selector '${value}': ${problem}` });
});
const stripText = z.string().superRefine((value, context) => {
  const problem = stripTextProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: `invalid strip-text '${value}': ${problem}` });
});

export const feedRulesSchema = z
  .object({
    content: selector.optional(),
    remove: z.array(selector).max(MAX_RULES).optional(),
    stripText: z.array(stripText).max(MAX_RULES).optional(),
  })
  .strict();

export class FeedRulesError extends Error {
  override readonly name = 'FeedRulesError';
}

/** Validated rules, or a FeedRulesError naming every problem. */
export function parseFeedRules(value: unknown): FeedRules {
  const result = feedRulesSchema.safeParse(value);
  if (!result.success) throw new FeedRulesError(result.error.issues.map((issue) => issue.message).join('; '));
  return result.data;
}

export function hasRules(rules: FeedRules | null | undefined): rules is FeedRules {
  return Boolean(rules && (rules.content || rules.remove?.length || rules.stripText?.length));
}

/** What records carry to say which rules made them: 'none', or a hash of the rules. */
export function rulesVersion(rules: FeedRules | null | undefined): string {
  if (!hasRules(rules)) return 'none';
  const canonical = JSON.stringify([rules.content ?? null, rules.remove ?? [], rules.stripText ?? []]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

/**
 * Where a strip-text entry matches in a paragraph, as [start, end), or null. A plain entry is a phrase
 * found anywhere; '^' ties a pattern to the paragraph's start and '$' to its end, and '*' stands for any
 * text. Matched by searching for its literal pieces left to right: linear, whatever the pattern.
 */
export function matchStripText(entry: string, paragraph: string): [number, number] | null {
  const atStart = entry.startsWith('^');
  const atEnd = entry.endsWith('$') && entry.length > (atStart ? 1 : 0);
  if (!atStart && !atEnd) {
    const at = paragraph.indexOf(entry);
    return at === -1 ? null : [at, at + entry.length];
  }
  const pieces = entry.slice(atStart ? 1 : 0, atEnd ? -1 : undefined).split('*');
  const first = pieces[0];
  let start: number;
  if (atStart) {
    if (!paragraph.startsWith(first)) return null;
    start = 0;
  } else {
    start = paragraph.indexOf(first);
    if (start === -1) return null;
  }
  let cursor = start + first.length;
  for (let i = 1; i < pieces.length; i++) {
    const isLast = i === pieces.length - 1;
    if (isLast && atEnd) {
      const last = pieces[i];
      if (paragraph.length - last.length < cursor || !paragraph.endsWith(last)) return null;
      return [start, paragraph.length];
    }
    const at = paragraph.indexOf(pieces[i], cursor);
    if (at === -1) return null;
    cursor = at + pieces[i].length;
  }
  if (atEnd && pieces.length === 1 && cursor !== paragraph.length) {
    // A pattern without '*' anchored at the end: its text must close the paragraph.
    const at = paragraph.lastIndexOf(first);
    return at !== -1 && at + first.length === paragraph.length && (!atStart || at === 0) ? [at, paragraph.length] : null;
  }
  // A trailing '*' runs to the end of the paragraph.
  return [start, pieces[pieces.length - 1] === '' ? paragraph.length : cursor];
}

const isAnchored = (entry: string) => entry.startsWith('^') || entry.endsWith('$');

/** The paragraphs with every strip-text match taken out; paragraphs left empty are dropped. */
export function stripParagraphs(paragraphs: string[], entries: string[] | undefined): string[] {
  if (!entries?.length) return paragraphs;
  const kept: string[] = [];
  for (const paragraph of paragraphs) {
    let text = paragraph;
    for (const entry of entries) {
      if (!isAnchored(entry)) {
        if (text.includes(entry)) text = text.split(entry).join(' ');
        continue;
      }
      const match = matchStripText(entry, text);
      if (match) text = `${text.slice(0, match[0])} ${text.slice(match[1])}`;
    }
    text = text === paragraph ? text : text.replace(/\s+/g, ' ').trim();
    if (text) kept.push(text);
  }
  return kept;
}
