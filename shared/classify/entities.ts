import nlp from 'compromise';
import { resolveLanguage, type ClassifyInput } from './input.ts';
import { isPossessor, notAnOrganization, organizationsByShape } from './organizations.ts';
import { escapeRegex } from './text-match.ts';

export interface NamedCount {
  name: string;
  count: number;
}

export interface Entities {
  people: NamedCount[];
  places: NamedCount[];
  organizations: NamedCount[];
}

/** Bumped whenever the rules below change what is extracted, so stored records get rebuilt. */
export const ENTITIES_VERSION = 'entities-2';

// compromise tags English only; past this length tagging costs more time than it adds names.
export const MAX_ENTITY_TEXT_CHARS = 12_000;
const MAX_PER_KIND = 25;

// Titles compromise keeps inside a person's name ("President Vladimir Putin", "Mr. Putin").
const TITLES = new Set(
  `mr mrs ms miss dr prof sir dame lord lady president vice prime minister chancellor secretary senator sen
  rep representative governor gov mayor king queen prince princess pope general gen colonel col captain capt
  chief judge justice leader chairman chairwoman chair ceo coach st saint rev father sister brother professor
  sheikh`.split(/\s+/),
);

/** Trims possessives, punctuation, descriptions and titles: "eastern Ukraine's" -> "Ukraine", "Mr. Putin" -> "Putin". */
export function cleanName(raw: string, stripTitles: boolean): string {
  let words = raw
    .replace(/[^\p{L}\p{M}\p{N}&.'’\- ]/gu, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[.\-'’]+|[.\-]+$/g, ''))
    .filter(Boolean);
  // A possessive ends the name ("Ukraine's"); one inside it is part of it ("Women's Tennis Association").
  if (words.length > 0) words[words.length - 1] = words[words.length - 1].replace(/['’]s?$/u, '');
  // Leading lower-case words are descriptions, not the name ("eastern Ukraine", "the Kremlin"); so is
  // a possessor before it ("Chile's National Economic Prosecutor's Office").
  while (words.length > 1 && (!/\p{Lu}/u.test(words[0]) || isPossessor(words[0]))) words = words.slice(1);
  if (/^the$/i.test(words[0] ?? '')) words = words.slice(1);
  if (stripTitles) {
    while (words.length > 1 && TITLES.has(words[0].toLowerCase().replace(/\.$/, ''))) words = words.slice(1);
  }
  return words.join(' ');
}

const NAME_WORD = "\\p{Lu}[\\p{L}\\p{M}'’-]+";
// Lower-case particles inside names: "Erik ten Hag", "Ursula von der Leyen".
const PARTICLE = '(?:van|von|der|den|de|da|del|della|di|du|la|le|ten|ter|bin|al|el|dos|das)';
const FULL_NAME = `${NAME_WORD}(?:\\s+(?:${PARTICLE}\\s+)*${NAME_WORD}){1,3}`;
// A title before capitalised words marks a person the tagger may not know: "Prime Minister Rishi Sunak".
const TITLED_PERSON = new RegExp(
  `\\b(?:President|Prime Minister|Chancellor|Minister|Secretary|Senator|Governor|Mayor|Mr\\.?|Mrs\\.?|Ms\\.?|Dr\\.?|` +
    `[Cc]hief [Ee]xecutive|[Dd]irector|[Mm]anager|[Cc]oach|[Ll]eader|[Cc]aptain|[Jj]udge|[Ss]pokesman|[Ss]pokeswoman)` +
    `,?\\s+(${FULL_NAME})`,
  'gu',
);

/** People named right after a title, which the tagger misses when it does not know the name. */
export function titledPeople(text: string): string[] {
  return [...text.matchAll(TITLED_PERSON)].map((m) => m[1]);
}

/** "Taylor" found where the text says "Taylor Swift": a partial name grows to the full one it starts. */
export function completeName(text: string, name: string): string {
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}])${escapeRegex(name)}(?:\\s+(?:${PARTICLE}\\s+)*${NAME_WORD})+`, 'gu');
  const longest = text.match(pattern)?.sort((a, b) => b.length - a.length)[0];
  return longest ? longest.replace(/['’]s$/u, '') : name;
}

function tally(names: string[]): NamedCount[] {
  // Mentions differing only in case are one name, shown as first written.
  const byKey = new Map<string, NamedCount>();
  for (const name of names) {
    if (name.length < 2 || !/\p{Lu}/u.test(name)) continue;
    const key = name.toLowerCase();
    const entry = byKey.get(key) ?? { name, count: 0 };
    entry.count++;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/**
 * Where names occur in one text: each name's whole-word matches, as written, found once and kept.
 * Plain string search over the text with its spacing collapsed: a regular expression per name cost
 * more than the tagger on long articles.
 */
export class NameSpans {
  private readonly found = new Map<string, [number, number][]>();
  private readonly flat: string;

  constructor(text: string) {
    this.flat = text.replace(/\s+/g, ' ');
  }

  of(name: string): [number, number][] {
    let spans = this.found.get(name);
    if (!spans) {
      spans = [];
      for (let at = this.flat.indexOf(name); at >= 0; at = this.flat.indexOf(name, at + 1)) {
        const end = at + name.length;
        if (!WORD_CHAR.test(this.flat[at - 1] ?? ' ') && !WORD_CHAR.test(this.flat[end] ?? ' ')) spans.push([at, end]);
      }
      this.found.set(name, spans);
    }
    return spans;
  }

  /**
   * The names, less those whose every occurrence lies inside an occurrence of a container. `strict`:
   * only a longer match contains one (a name does not hide itself). A name the text does not write
   * as such ("St Louis" for "St. Louis") is kept: nothing shows it is part of another.
   */
  outside(names: string[], containers: string[], strict: boolean): string[] {
    const held = containers.flatMap((container) => this.of(container));
    const inside = ([s, e]: [number, number]) => held.some(([cs, ce]) => cs <= s && e <= ce && (!strict || ce - cs > e - s));
    return names.filter((name) => {
      const at = this.of(name);
      return at.length === 0 || !at.every(inside);
    });
  }
}

/**
 * The tagger finds a name once or twice and misses later bare mentions, so each name is counted by
 * its whole-word occurrences in the text. A lone surname ("Putin" after "Vladimir Putin") is the same
 * person when exactly one full name ends with it, and counts for that name.
 */
export function countMentions(spans: NameSpans, found: NamedCount[], isPerson: boolean): NamedCount[] {
  const full = isPerson ? found.filter((p) => p.name.includes(' ')) : [];
  const owner = (surname: string) => {
    const owners = full.filter((f) => f.name.toLowerCase().endsWith(` ${surname.toLowerCase()}`));
    return owners.length === 1 ? owners[0] : undefined;
  };
  const counted = new Map<NamedCount, number>();
  for (const entry of found) {
    if (isPerson && !entry.name.includes(' ') && owner(entry.name)) continue;
    const surname = entry.name.split(' ').at(-1)!;
    const bySurname = isPerson && entry.name.includes(' ') && owner(surname) === entry ? spans.of(surname).length : 0;
    counted.set(entry, Math.max(entry.count, spans.of(entry.name).length, bySurname));
  }
  return [...counted].map(([entry, count]) => ({ name: entry.name, count }));
}

function ranked(list: NamedCount[]): NamedCount[] {
  return list.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, MAX_PER_KIND);
}

/**
 * People, places and organizations named in an English article, normalised and counted, most
 * mentioned first. Other languages get none: the tagger's lexicon is English.
 */
export function extractEntities(input: ClassifyInput): Entities {
  const language = resolveLanguage(input);
  if (language !== null && language !== 'en') return { people: [], places: [], organizations: [] };
  const text = `${input.title ? `${input.title}.\n` : ''}${input.text.slice(0, MAX_ENTITY_TEXT_CHARS)}`;
  const doc = nlp(text);
  const names = (view: { out(format: 'array'): string[] }, stripTitles: boolean) =>
    view.out('array').map((raw) => cleanName(raw, stripTitles));
  // Names stop where the tagger stopped ("Ravindra Prasad" of "Ravindra Prasad Sinha"): each grows to the fullest form written.
  const people = [...doc.people().out('array'), ...titledPeople(text)].map((raw) => completeName(text, cleanName(raw, true)));
  // A tagged name that ends in a common noun is a description: "Russian government".
  const tagged = names(doc.organizations(), false).filter((name) => /\p{Lu}/u.test(name.split(' ').at(-1)![0]) && !notAnOrganization(name));
  const spans = new NameSpans(text);
  // A name found only inside a longer one is part of it ("National Commission" in "National Commission for Museums").
  const candidates = [...new Map([...tagged, ...organizationsByShape(text)].map((n) => [n.toLowerCase(), n])).values()];
  const organizations = spans.outside(candidates, candidates, true);
  // A place or person named only inside an organisation's name ("England" in "Bank of England") is not one of the story's.
  return {
    people: ranked(countMentions(spans, tally(spans.outside(people, organizations, false)), true)),
    places: ranked(countMentions(spans, tally(spans.outside(names(doc.places(), false), organizations, false)), false)),
    organizations: ranked(countMentions(spans, tally(organizations), false)),
  };
}
