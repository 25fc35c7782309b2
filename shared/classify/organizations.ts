// Organisation names by their shape, for the many the tagger's lexicon does not know: a run of
// capitalised words that ends in an organisation's head noun ("Office for Budget Responsibility",
// "Birmingham Crown Court", "Rio Grande Shipping Ltd"), one that opens with it ("Bank of England",
// "House of Commons"), and acronyms ("NATO", "the WHO").

// Nouns that end (or, before "of"/"for", open) the name of a body, company, club or institution.
// Venues (Centre, Theatre, Stadium) are left out: the gold standard files them as places.
const HEADS = new Set(
  `Party Council Court Police Commission Committee Office Agency Authority Bank University College Institute
  Institution Association Federation Union Society Foundation Trust Fund Organisation Organization Programme
  Program Service Services Studios Films Pictures Records Entertainment Media Group Holdings Corporation Corp
  Inc Ltd Limited plc PLC LLC Company Airlines Airways Motors Energy Shipping Freight Homes Developments
  Economics Partners Survey League Club FC Assembly Parliament Senate Congress Ministry Department Board
  Bureau Network Times Post Journal Herald Tribune Gazette Exchange Forces Army Navy Hospital Academy
  Laboratory Laboratories Observatory Museum Gallery Orchestra Commons Lords Industries Technologies Systems
  Pharmaceuticals Labs Insurance Railways Church Alliance Coalition Movement Front Brigades Guard Reserve
  Treasury Cabinet Tribunal Commissioner Prosecutor's`.split(/\s+/),
);
// Heads that also name a body when "of"/"for" follows them: "House of Commons", "Election Commission of India".
const OPENING_HEADS = new Set([...HEADS, 'House', 'Ministry', 'Department', 'Secretary']);
// Capitalised acronyms that name places or things, not bodies.
const NOT_ORGANIZATIONS = new Set(
  `UK US USA UAE DRC AI TV CEO CFO COO CTO GDP PM MP AM BBQ COVID HIV AIDS DNA RNA IPO VAT GMT BST UTC OK
  ID IT EV EVs LGBT LGBTQ FTSE CPI PMI NFT API GPS SUV TB MRI ICU QC KC OBE MBE CBE II III IV`.split(/\s+/),
);

// A capitalised word, keeping inner apostrophes and hyphens ("Women's", "Stratford-upon-Avon").
const WORD = "\\p{Lu}[\\p{L}\\p{M}\\p{N}'’\\-]*";
const CONNECTOR = "(?:of|for|and|&|the|de|du|des|la|le|di)";
const RUN = new RegExp(`${WORD}(?:\\s+(?:${CONNECTOR}\\s+)*${WORD})*`, 'gu');
const ACRONYM = /\b\p{Lu}{2,6}\b(?![’']?\p{Ll})/gu;

// Plural nouns whose possessive is part of a name: "Women's Rowing Association", "People's Bank of China".
const NAMING_POSSESSIVE = /^(?:Women|Men|Children|People|Girls|Boys|Workers|Veterans|Citizens|Farmers|Teachers|Nurses|Students|Pensioners|Taxpayers)['’]s?$/u;

/** A leading "Chile's" owns the name that follows; a leading "Women's" is part of it. */
export function isPossessor(word: string): boolean {
  return /['’]s?$/u.test(word) && !NAMING_POSSESSIVE.test(word);
}

/**
 * Trims what a run may carry at its edges: a leading article, possessor ("Singapore's") or
 * "-based" description, connectors at either end, a trailing possessive.
 */
function trimRun(words: string[]): string[] {
  let start = 0;
  let end = words.length;
  while (start < end - 1 && (/^(?:The|A|An)$|-based$/u.test(words[start]) || isPossessor(words[start]) || !/^\p{Lu}/u.test(words[start]))) start++;
  while (end > start && !/^\p{Lu}/u.test(words[end - 1])) end--;
  return words.slice(start, end).map((w, i, all) => (i === all.length - 1 ? w.replace(/['’]s?$/u, '') : w));
}

/** The organisation a run of capitalised words names, if its shape says it names one. */
function organizationIn(words: string[]): string | null {
  const name = trimRun(words);
  if (name.length < 2) return null;
  const opens = name.some((word, i) => OPENING_HEADS.has(word) && /^(?:of|for)$/.test(name[i + 1] ?? '') && i < name.length - 2);
  return HEADS.has(name.at(-1)!) || opens ? name.join(' ') : null;
}

/**
 * A run split where it joins two names: at "and" between two bodies ("University of Tokyo and the
 * European Southern Observatory"), and at "of the" after a word that does not open a body's name
 * ("Dr Sunita Rao of the Fenwick Institute", but "Ministry of the Interior").
 */
function runsOf(run: string): string[][] {
  const words = run.split(/\s+/);
  const parts: string[][] = [];
  let start = 0;
  for (let i = 1; i < words.length; i++) {
    const joinsBodies = words[i] === 'and' && organizationIn(words.slice(start, i)) && (words[i + 1] === 'the' || organizationIn(words.slice(i + 1)));
    const joinsToBody = words[i] === 'of' && words[i + 1] === 'the' && !OPENING_HEADS.has(words[i - 1]);
    if (joinsBodies || joinsToBody) {
      parts.push(words.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, words.slice(start)];
}

/** Capitalised acronyms and names that are not bodies: places, titles, measures. */
export function notAnOrganization(name: string): boolean {
  return NOT_ORGANIZATIONS.has(name);
}

/** Organisation names found by shape, each once, in the order they first appear. */
export function organizationsByShape(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(RUN)) {
    for (const words of runsOf(match[0])) {
      const name = organizationIn(words);
      if (name) found.add(name);
    }
  }
  for (const match of text.matchAll(ACRONYM)) {
    if (!notAnOrganization(match[0])) found.add(match[0]);
  }
  return [...found];
}
