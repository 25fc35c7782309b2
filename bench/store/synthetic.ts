// Synthetic but realistic article records for the store benchmark, generated in publication order from a
// seed: ~30 sources of very different sizes, 2-6 KB of text, the 17 IPTC top-level topics (1-3 each),
// entities, a dedupe fingerprint of the real size, and syndicated copies of earlier stories on other
// sources. Memory stays bounded: only a small window of recent originals is kept to copy from.
import { createHash } from 'node:crypto';
import { RECORD_SCHEMA_VERSION, articleId, feedId } from '../../shared/store/records.ts';
import type { ArticleRecord, TopicLabel } from '../../shared/store/records.ts';
import { seededRandom } from '../../shared/random.ts';

export const IPTC_TOPICS: { code: string; label: string; weight: number }[] = [
  { code: 'medtop:01000000', label: 'arts, culture, entertainment and media', weight: 8 },
  { code: 'medtop:02000000', label: 'crime, law and justice', weight: 9 },
  { code: 'medtop:03000000', label: 'disaster, accident and emergency incident', weight: 4 },
  { code: 'medtop:04000000', label: 'economy, business and finance', weight: 14 },
  { code: 'medtop:05000000', label: 'education', weight: 3 },
  { code: 'medtop:06000000', label: 'environment', weight: 4 },
  { code: 'medtop:07000000', label: 'health', weight: 5 },
  { code: 'medtop:08000000', label: 'human interest', weight: 3 },
  { code: 'medtop:09000000', label: 'labour', weight: 2 },
  { code: 'medtop:10000000', label: 'lifestyle and leisure', weight: 4 },
  { code: 'medtop:11000000', label: 'politics', weight: 15 },
  { code: 'medtop:12000000', label: 'religion', weight: 1.5 },
  { code: 'medtop:13000000', label: 'science and technology', weight: 8 },
  { code: 'medtop:14000000', label: 'society', weight: 5 },
  { code: 'medtop:15000000', label: 'sport', weight: 12 },
  { code: 'medtop:16000000', label: 'conflict, war and peace', weight: 6 },
  { code: 'medtop:17000000', label: 'weather', weight: 1.5 },
];

const SITE_WORDS = ['daily', 'herald', 'courier', 'tribune', 'gazette', 'observer', 'post', 'times', 'chronicle', 'ledger', 'wire', 'report', 'journal', 'sentinel', 'standard', 'monitor', 'press', 'bulletin', 'review', 'dispatch'];
const PLACES = ['northfield', 'riverton', 'eastport', 'lakeside', 'westbrook', 'hillcrest', 'bayview', 'kingsford', 'ashford', 'millbrook', 'redwater', 'stonebridge', 'fairhaven', 'oakdale', 'pinecrest'];
const LANGS = ['en', 'en', 'en', 'en', 'en', 'en', 'de', 'fr', 'es', 'en'];
const SECTIONS = ['news', 'world', 'business', 'politics', 'sport', 'culture', 'science', 'local', 'opinion', 'health'];
const FIRST = ['Anna', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Luca', 'Maya', 'Nikos', 'Olga', 'Priya', 'Rafael', 'Sara', 'Tomas', 'Yuki'];
const LAST = ['Adams', 'Brennan', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Ivanova', 'Jensen', 'Kowalski', 'Lopez', 'Meyer', 'Novak', 'Okafor', 'Petrov', 'Rossi', 'Schmidt', 'Tanaka', 'Weber'];
const ORGS = ['Central Bank', 'Ministry of Finance', 'City Council', 'National Health Service', 'United Nations', 'Supreme Court', 'Energy Agency', 'Football Association', 'Space Agency', 'Stock Exchange', 'Red Cross', 'Teachers Union'];
const VOCAB = (
  'the a of to and in that for on with as by at from said would could after before about over under new year ' +
  'government minister officials police court report market prices company shares growth economy election vote ' +
  'party leader council city region country people families workers students patients players team season match ' +
  'league club coach storm flooding weather warning scientists research study data climate energy power plant ' +
  'water health hospital doctors treatment vaccine school teachers budget tax plan policy law bill parliament ' +
  'talks agreement deal conflict forces ceasefire border crisis response investigation suspect charges trial ' +
  'judge jury ruling appeal museum exhibition festival film music album artist book technology software ' +
  'network users security launch satellite mission rocket spokesperson statement interview analysts investors ' +
  'quarter percent million billion week month monday tuesday wednesday thursday friday weekend morning evening ' +
  'local national international public private major small large early late first second third final last'
).split(' ');



export interface Source {
  host: string;
  name: string;
  language: string;
  feedUrl: string;
  weight: number;
}

export function makeSources(count: number, random: () => number): Source[] {
  const sources: Source[] = [];
  const used = new Set<string>();
  while (sources.length < count) {
    const place = PLACES[Math.floor(random() * PLACES.length)];
    const word = SITE_WORDS[Math.floor(random() * SITE_WORDS.length)];
    const host = `www.${place}${word}.example`;
    if (used.has(host)) continue;
    used.add(host);
    const name = `The ${place[0].toUpperCase()}${place.slice(1)} ${word[0].toUpperCase()}${word.slice(1)}`;
    const language = LANGS[Math.floor(random() * LANGS.length)];
    // Zipf-like sizes: the largest source publishes ~15x what the smallest does.
    sources.push({ host, name, language, feedUrl: `https://${host}/rss.xml`, weight: 1 / (sources.length + 1) ** 0.8 });
  }
  return sources;
}

function pickWeighted<T extends { weight: number }>(items: T[], total: number, random: () => number): T {
  let r = random() * total;
  for (const item of items) {
    r -= item.weight;
    if (r <= 0) return item;
  }
  return items[items.length - 1];
}

const hex = (random: () => number, length: number) => {
  let s = '';
  while (s.length < length) s += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return s.slice(0, length);
};
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64 = (random: () => number, length: number) => {
  let s = '';
  for (let i = 0; i < length; i++) s += B64[Math.floor(random() * 64)];
  return s;
};

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(VOCAB[Math.floor(random() * VOCAB.length)]);
  if (random() < 0.3) out.splice(Math.floor(random() * out.length), 0, PLACES[Math.floor(random() * PLACES.length)].replace(/^./, (c) => c.toUpperCase()));
  if (random() < 0.2) out.push(`${Math.floor(random() * 1000)}`);
  const text = out.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** Paragraphs of 2-6 sentences until the text reaches about `bytes` bytes. */
function articleText(random: () => number, bytes: number): string {
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const sentences: string[] = [];
    const n = 2 + Math.floor(random() * 5);
    for (let i = 0; i < n; i++) sentences.push(sentence(random, 8 + Math.floor(random() * 18)));
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}

function title(random: () => number): string {
  return sentence(random, 6 + Math.floor(random() * 8)).slice(0, -1);
}

function person(random: () => number): string {
  return `${FIRST[Math.floor(random() * FIRST.length)]} ${LAST[Math.floor(random() * LAST.length)]}`;
}

function named(random: () => number, max: number, pick: () => string) {
  const names = new Map<string, number>();
  const n = Math.floor(random() * (max + 1));
  for (let i = 0; i < n; i++) names.set(pick(), 1 + Math.floor(random() * 6));
  return [...names].map(([name, count]) => ({ name, count }));
}

function topicsFor(random: () => number): TopicLabel[] {
  const total = IPTC_TOPICS.reduce((sum, t) => sum + t.weight, 0);
  const r = random();
  const count = r < 0.45 ? 1 : r < 0.85 ? 2 : 3;
  const chosen = new Map<string, TopicLabel>();
  let score = 0.55 + random() * 0.4;
  while (chosen.size < count) {
    const topic = pickWeighted(IPTC_TOPICS, total, random);
    if (chosen.has(topic.code)) continue;
    chosen.set(topic.code, { code: topic.code, label: topic.label, score: Math.round(score * 1000) / 1000 });
    score *= 0.5 + random() * 0.4;
  }
  return [...chosen.values()];
}

export interface SyntheticOptions {
  records: number;
  seed?: number;
  sources?: number;
  /** Publication times are spread evenly (with jitter) from `start` to `end`, in write order. */
  start: string;
  end: string;
  /** Share of records that are syndicated copies of an earlier story on another source. */
  copyShare?: number;
}

interface Original {
  id: string;
  storyId: string;
  publishedAt: number;
  title: string | null;
  text: string;
  topics: TopicLabel[];
  host: string;
}

/** Generates the records one at a time, in publication order. */
export function* syntheticRecords(options: SyntheticOptions): Generator<ArticleRecord> {
  const random = seededRandom(options.seed ?? 1);
  const sources = makeSources(options.sources ?? 30, random);
  const sourceTotal = sources.reduce((sum, s) => sum + s.weight, 0);
  const start = Date.parse(options.start);
  const span = Date.parse(options.end) - start;
  const copyShare = options.copyShare ?? 0.1;
  const recent: Original[] = [];
  const RECENT = 400;

  for (let i = 0; i < options.records; i++) {
    const source = pickWeighted(sources, sourceTotal, random);
    const base = start + ((i + random()) / options.records) * span;
    const original = recent.length > 50 && random() < copyShare ? recent[Math.floor(random() * recent.length)] : null;
    const copy = original && original.host !== source.host ? original : null;
    // A copy appears minutes to hours after the original; never after the end of the range.
    const published = copy ? Math.min(start + span, Math.max(base, copy.publishedAt + 60_000 + random() * 6 * 3600_000)) : base;
    const publishedAt = new Date(Math.floor(published)).toISOString();
    const fetchedAt = new Date(Math.floor(published + 60_000 + random() * 1800_000)).toISOString();
    const day = publishedAt.slice(0, 10);
    const section = SECTIONS[Math.floor(random() * SECTIONS.length)];
    const headline = copy && random() < 0.5 ? copy.title : title(random);
    const slug = (headline ?? 'story').toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60).replace(/-$/, '');
    const canonicalUrl = `https://${source.host}/${section}/${day.replace(/-/g, '/')}/${slug}-${i.toString(36)}`;
    const url = random() < 0.3 ? `${canonicalUrl}?utm_source=rss&utm_medium=feed` : canonicalUrl;
    const id = articleId(canonicalUrl);
    // 2-6 KB, skewed towards the short end as news is.
    const bytes = 2000 + Math.floor(4000 * random() ** 1.5);
    const text = copy
      ? `${sentence(random, 10)}\n\n${copy.text}\n\n${sentence(random, 12)}`
      : articleText(random, bytes);
    const wordCount = text.split(/\s+/).length;
    const topics = copy ? copy.topics : topicsFor(random);
    const record: ArticleRecord = {
      schemaVersion: RECORD_SCHEMA_VERSION,
      id,
      url,
      canonicalUrl,
      feed: { id: feedId(source.feedUrl), url: source.feedUrl },
      source: { host: source.host, name: random() < 0.9 ? source.name : null },
      title: headline,
      authors: Array.from({ length: Math.floor(random() * 3) }, () => person(random)),
      publishedAt,
      modifiedAt: random() < 0.25 ? new Date(Math.floor(published + random() * 86_400_000)).toISOString() : null,
      fetchedAt,
      language: source.language,
      text,
      textTruncated: false,
      excerpt: text.slice(0, 160 + Math.floor(random() * 140)).replace(/\s+\S*$/, '…'),
      wordCount,
      leadImage: random() < 0.75 ? `https://${source.host}/images/${day.replace(/-/g, '/')}/${hex(random, 12)}.jpg` : null,
      topics,
      customTopics: random() < 0.1 ? [{ id: 'watchlist', label: 'Watch list', score: Math.round(random() * 1000) / 1000 }] : [],
      customTopicsVersion: '0123456789abcdef',
      entities: {
        people: named(random, 5, () => person(random)),
        places: named(random, 4, () => PLACES[Math.floor(random() * PLACES.length)].replace(/^./, (c) => c.toUpperCase())),
        organizations: named(random, 4, () => ORGS[Math.floor(random() * ORGS.length)]),
      },
      contentHash: createHash('sha256').update(text).digest('hex'),
      simhash: hex(random, 16),
      // The shape and size shared/dedupe stores (128- and 64-value b-bit MinHash signatures, base64).
      fingerprint: {
        version: '1',
        minhash: base64(random, 344),
        leadMinhash: base64(random, 172),
        words: wordCount,
        shingles: Math.max(1, wordCount - 3),
        leadShingles: Math.min(97, Math.max(1, wordCount - 3)),
      },
      duplicateOf: copy ? copy.id : null,
      storyId: copy ? copy.storyId : id,
      rawKey: `raw/${fetchedAt.slice(0, 10)}/${id}/${hex(random, 64)}`,
      entryVersion: random() < 0.6 ? publishedAt : '-',
      contentType: 'text/html; charset=utf-8',
      extractorVersion: 'extract-3',
      classifierVersion: 'nb-2',
      rulesVersion: 'none',
    };
    if (!copy) {
      recent.push({ id, storyId: id, publishedAt: published, title: headline, text, topics, host: source.host });
      if (recent.length > RECENT) recent.shift();
    }
    yield record;
  }
}
