// Selections over a whole page that test few elements: every selector of a list needs its subject to
// carry some tag name, class, id or attribute, so one walk gathers the elements that carry one (as a
// browser's rule hash does) and cheerio matches the selector against those alone. On a page of
// thousands of elements and a list of dozens of selectors, that skips nearly all of the tests.
import type { CheerioAPI } from 'cheerio/slim';
import { isTraversal, parse, type Selector } from 'css-what';
import { isElement, walkElements, type Element } from './tree.ts';

interface SubjectKeys {
  tags: Set<string>;
  classes: Set<string>;
  ids: Set<string>;
  attributes: Set<string>;
  /** Some selector's subject has no such key (`*`, `:not(...)` alone): every element is a candidate. */
  any: boolean;
}

/** A key the subject of one selector must carry, or null when it needs none. */
function keyOf(subject: Selector[], keys: SubjectKeys): boolean {
  for (const token of subject) {
    if (token.type === 'tag' && token.namespace == null) {
      keys.tags.add(token.name.toLowerCase());
      return true;
    }
    // '!=' matches elements without the attribute; names of Object.prototype would read as present.
    if (token.type !== 'attribute' || token.namespace != null || token.action === 'not') continue;
    const name = token.name.toLowerCase();
    if (name in Object.prototype) continue;
    // Class and id names match case-sensitively outside quirks mode, which cheerio does not use.
    if (name === 'class' && token.action === 'element' && token.ignoreCase !== true) keys.classes.add(token.value);
    else if (name === 'id' && token.action === 'equals' && token.ignoreCase !== true) keys.ids.add(token.value);
    else keys.attributes.add(name);
    return true;
  }
  return false;
}

const keysCache = new Map<string, SubjectKeys>();

function keysOf(selector: string): SubjectKeys {
  let keys = keysCache.get(selector);
  if (keys) return keys;
  keys = { tags: new Set(), classes: new Set(), ids: new Set(), attributes: new Set(), any: false };
  for (const tokens of parse(selector)) {
    let start = tokens.length;
    while (start > 0 && !isTraversal(tokens[start - 1])) start--;
    if (!keyOf(tokens.slice(start), keys)) keys.any = true;
  }
  keysCache.set(selector, keys);
  return keys;
}

const CLASS_SEPARATOR = /\s+/;

function carriesKey(element: Element, keys: SubjectKeys): boolean {
  if (keys.tags.has(element.name)) return true;
  const { attribs } = element;
  for (const name of keys.attributes) if (Object.hasOwn(attribs, name)) return true;
  if (attribs.id !== undefined && keys.ids.has(attribs.id)) return true;
  if (attribs.class && keys.classes.size > 0) for (const name of attribs.class.split(CLASS_SEPARATOR)) if (keys.classes.has(name)) return true;
  return false;
}

/**
 * The elements of the page that match `selector`, as `$(selector)` finds them (in document order).
 * For the project's own selector lists: their keys are read once per process and kept.
 */
export function selectAll($: CheerioAPI, selector: string): Element[] {
  const keys = keysOf(selector);
  if (keys.any) return $(selector).toArray().filter(isElement);
  const candidates: Element[] = [];
  for (const child of $.root()[0].children) {
    if (isElement(child)) walkElements(child, (element) => void (carriesKey(element, keys) && candidates.push(element)));
  }
  return candidates.length > 0 ? $(candidates).filter(selector).toArray().filter(isElement) : [];
}
