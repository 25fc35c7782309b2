import type { Random } from './random.ts';

/** What an edit may draw on besides the body: the story's title and other stories' titles. */
export interface EditContext {
  rng: Random;
  title: string;
  siteName: string;
  otherTitles: readonly string[];
}

type Edit = (paragraphs: string[], context: EditContext) => string[];

const SENTENCE_END = /(?<=[.!?]["'”’]?)\s+(?=["'“‘]?[A-Z0-9])/;

function splitSentences(paragraph: string): string[] {
  return paragraph.split(SENTENCE_END).filter((sentence) => sentence.trim() !== '');
}

function withoutIndex<T>(items: readonly T[], index: number): T[] {
  return [...items.slice(0, index), ...items.slice(index + 1)];
}

function swapWithNext<T>(items: readonly T[], index: number): T[] {
  const copy = [...items];
  [copy[index], copy[index + 1]] = [copy[index + 1], copy[index]];
  return copy;
}

function insertAt<T>(items: readonly T[], index: number, item: T): T[] {
  return [...items.slice(0, index), item, ...items.slice(index)];
}

/** Index of the paragraph with the most sentences, for sentence-level edits of few-paragraph texts. */
function longestParagraph(paragraphs: readonly string[]): number {
  let best = 0;
  paragraphs.forEach((p, i) => {
    if (splitSentences(p).length > splitSentences(paragraphs[best]).length) best = i;
  });
  return best;
}

/** An editor cuts one paragraph (never the lead), or one sentence when there are few paragraphs. */
const drop: Edit = (paragraphs, { rng }) => {
  if (paragraphs.length >= 4) return withoutIndex(paragraphs, rng.int(1, paragraphs.length - 1));
  const target = longestParagraph(paragraphs);
  const sentences = splitSentences(paragraphs[target]);
  if (sentences.length < 3) return paragraphs;
  const edited = withoutIndex(sentences, rng.int(1, sentences.length - 1)).join(' ');
  return paragraphs.map((p, i) => (i === target ? edited : p));
};

/** Two neighbouring paragraphs (or sentences) change places. */
const reorder: Edit = (paragraphs, { rng }) => {
  if (paragraphs.length >= 4) return swapWithNext(paragraphs, rng.int(1, paragraphs.length - 2));
  const target = longestParagraph(paragraphs);
  const sentences = splitSentences(paragraphs[target]);
  if (sentences.length < 3) return paragraphs;
  const edited = swapWithNext(sentences, rng.int(1, sentences.length - 2)).join(' ');
  return paragraphs.map((p, i) => (i === target ? edited : p));
};

/** A teaser: the first few sentences, then a link to the rest. */
const truncate: Edit = (paragraphs, { rng, siteName }) => {
  let budget = rng.int(3, 6);
  const kept: string[] = [];
  for (const paragraph of paragraphs) {
    if (budget <= 0) break;
    const sentences = splitSentences(paragraph).slice(0, budget);
    budget -= sentences.length;
    kept.push(sentences.join(' '));
  }
  const more = rng.pick(['Read more', 'Continue reading...', `Read the full story at ${siteName}`, '[…]', 'Click here to read more.']);
  return [...kept, more];
};

const SYNONYMS: Record<string, string> = {
  said: 'stated', says: 'states', told: 'informed', company: 'firm', firm: 'company', government: 'administration',
  people: 'individuals', also: 'additionally', however: 'but', big: 'large', large: 'big', rise: 'increase',
  increase: 'rise', fall: 'drop', show: 'reveal', shows: 'reveals', buy: 'purchase', help: 'assist', start: 'begin',
  started: 'began', expected: 'anticipated', announced: 'revealed', about: 'around', before: 'prior to',
  because: 'as', while: 'whilst', many: 'numerous', new: 'fresh', main: 'principal', added: 'continued',
  believe: 'think', plans: 'intends', biggest: 'largest', recent: 'latest', figures: 'data', percent: '%',
};
const SYNONYM_WORD = new RegExp(`\\b(${Object.keys(SYNONYMS).join('|')})\\b`, 'gi');

/** Light rewording: roughly a third of the words with a listed synonym are swapped. */
const reword: Edit = (paragraphs, { rng }) =>
  paragraphs.map((paragraph) =>
    paragraph.replace(SYNONYM_WORD, (word) => {
      if (!rng.chance(0.35)) return word;
      const swap = SYNONYMS[word.toLowerCase()];
      return word[0] === word[0].toUpperCase() ? swap[0].toUpperCase() + swap.slice(1) : swap;
    }),
  );

/** Photo captions scraped into the body between paragraphs. */
const captions: Edit = (paragraphs, { rng }) => {
  let edited = paragraphs;
  for (let n = rng.int(1, 2); n > 0; n--) {
    const words = rng.pick(splitSentences(rng.pick(paragraphs))).split(/\s+/).slice(0, rng.int(5, 10)).join(' ');
    const agency = rng.pick(['Getty Images', 'Reuters', 'AFP', 'PA Media', 'EPA']);
    const caption = rng.pick([`Image caption: ${words}`, `Photo: ${agency}`, `${words} (Image: ${agency})`]);
    edited = insertAt(edited, rng.int(1, edited.length), caption);
  }
  return edited;
};

/** In-body links to other stories. */
const readMoreLinks: Edit = (paragraphs, { rng, otherTitles }) => {
  let edited = paragraphs;
  for (let n = rng.int(1, 2); n > 0; n--) {
    edited = insertAt(edited, rng.int(1, edited.length), `${rng.pick(['READ MORE', 'Also read', 'See also'])}: ${rng.pick(otherTitles)}`);
  }
  return edited;
};

/** The copy carries a headline of its own. */
const headline: Edit = (paragraphs, { rng, title }) => {
  const line = rng.pick([title, title.toUpperCase(), `UPDATE: ${title}`, `${title} – report`, `Breaking: ${title}`]);
  return [line, ...paragraphs];
};

export const BODY_EDITS = { drop, reorder, truncate, reword, captions, readMoreLinks, headline } as const;
export type BodyEditName = keyof typeof BODY_EDITS;

/** Publishing-system typography: curly quotes, dashes, ellipses, ligatures, non-breaking spaces, CRLF. */
export function typography(text: string, rng: Random): string {
  let out = text
    .replace(/(?<=\w)'(?=\w)/g, '’')
    .replace(/"([^"\n]*)"/g, '“$1”')
    .replace(/ - /g, rng.pick([' – ', ' — ', '—']))
    .replace(/\.\.\./g, '…')
    .replace(/fi/g, () => (rng.chance(0.5) ? 'ﬁ' : 'fi'))
    .replace(/ /g, () => (rng.chance(0.05) ? '\u00a0' : ' '));
  if (rng.chance(0.5)) out = out.replace(/\n/g, '\r\n');
  return out;
}
