// Which story an article belongs to, decided so that copies processed at the same time agree.
// Each article first makes itself visible (its fingerprint, then its LSH band keys), and only then looks
// for copies: of two copies in flight together, at least one sees the other. The one that sees decides
// for both, with conditional writes whose first value holds (decideStory), so whichever order the writes
// land in, both end in one story. No record has to exist yet for this: copies meet before either is stored.
import { isSyndicatedCopy } from '../dedupe/index.ts';
import type { Fingerprint } from '../dedupe/index.ts';
import type { ArticleStore } from '../store/article-store.ts';
import { storedFingerprint } from './analyze-page.ts';

export interface StoryAssignment {
  storyId: string;
  /** The story's first article (its id is the story's), or null for that article itself. */
  duplicateOf: string | null;
}

export async function assignStory(articles: ArticleStore, id: string, print: Fingerprint): Promise<StoryAssignment> {
  // Too short to tell a story from boilerplate (paywall, consent or error pages): never a copy.
  if (print.bandKeys.length === 0) return { storyId: id, duplicateOf: null };
  const { bandKeys, ...comparable } = print;
  await articles.reserveFingerprint(id, comparable as unknown as Record<string, string | number>);
  await articles.addBands(bandKeys, id);

  const copies = [...(await candidates(articles, id, bandKeys))].filter(([, candidate]) => isSyndicatedCopy(print, candidate.fingerprint));
  // An existing story wins; among articles none of which has one yet, every one of them picks the same.
  const decided = copies.flatMap(([, candidate]) => candidate.storyId ?? []);
  let storyId = decided.length > 0 ? first(decided) : first([id, ...copies.map(([other]) => other)]);
  for (const [other, candidate] of copies) {
    if (candidate.storyId === null) storyId = await articles.decideStory(other, storyId);
  }
  const own = await articles.decideStory(id, storyId);
  return { storyId: own, duplicateOf: own === id ? null : own };
}

/** Articles sharing a band: their reserved fingerprints, or for records stored before reservations, the record's. */
async function candidates(articles: ArticleStore, id: string, bandKeys: string[]): Promise<Map<string, { fingerprint: Fingerprint; storyId: string | null }>> {
  const ids = (await articles.candidatesForBands(bandKeys)).filter((other) => other !== id);
  const entries = await articles.dedupeEntries(ids);
  const found = new Map<string, { fingerprint: Fingerprint; storyId: string | null }>();
  for (const [other, entry] of entries) {
    found.set(other, { fingerprint: { ...entry.fingerprint, bandKeys: [] } as unknown as Fingerprint, storyId: entry.storyId });
  }
  for (const record of await articles.getMany(ids.filter((other) => !entries.has(other)))) {
    found.set(record.id, { fingerprint: storedFingerprint(record), storyId: record.storyId });
  }
  return found;
}

const first = (ids: string[]) => ids.reduce((a, b) => (b < a ? b : a));
