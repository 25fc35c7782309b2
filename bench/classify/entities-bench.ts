import nlp from 'compromise';
import { cleanName, extractEntities, type Entities } from '../../shared/classify/entities.ts';
import type { EntityGold } from './entity-gold.ts';
import type { EvalDoc } from './eval-corpora.ts';
import { timePerItem } from './metrics.ts';

type Kind = keyof Entities;
export const ENTITY_KINDS: Kind[] = ['people', 'places', 'organizations'];
export type EntityScores = Record<Kind, { precision: number; recall: number; found: number; expected: number }>;

/** The peer: compromise's own people, places and organizations, each name cleaned as ours are (cleanName, titles kept), no other rule. */
export function taggerOnly(text: string): Record<Kind, string[]> {
  const doc = nlp(text);
  const names = (view: { out(format: 'array'): string[] }) => [...new Set(view.out('array').map((raw) => cleanName(raw, false)))];
  return { people: names(doc.people()), places: names(doc.places()), organizations: names(doc.organizations()) };
}

export function ourEntities(text: string): Record<Kind, string[]> {
  const found = extractEntities({ title: null, text, language: 'en' });
  return Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, found[kind].map((e) => e.name)])) as Record<Kind, string[]>;
}

/** Precision and recall per kind over gold paragraphs (exact name match, any case). */
export function entityQuality(gold: EntityGold[], extract: (text: string) => Record<Kind, string[]>): EntityScores {
  const totals = Object.fromEntries(ENTITY_KINDS.map((k) => [k, { right: 0, found: 0, expected: 0 }])) as Record<
    Kind,
    { right: number; found: number; expected: number }
  >;
  for (const paragraph of gold) {
    const found = extract(paragraph.text);
    for (const kind of ENTITY_KINDS) {
      const expected = new Set(paragraph[kind].map((n) => n.toLowerCase()));
      const names = new Set(found[kind].map((n) => n.toLowerCase()));
      totals[kind].found += names.size;
      totals[kind].expected += expected.size;
      totals[kind].right += [...names].filter((n) => expected.has(n)).length;
    }
  }
  return Object.fromEntries(
    ENTITY_KINDS.map((k) => {
      const t = totals[k];
      return [k, { precision: t.right / Math.max(1, t.found), recall: t.right / Math.max(1, t.expected), found: t.found, expected: t.expected }];
    }),
  ) as EntityScores;
}

/** Wall-clock and CPU milliseconds per article, medians over passes. */
export function entityTimePerArticle(docs: EvalDoc[], passes: number, extract: (text: string) => unknown): { wallMs: number; cpuMs: number } {
  const { wallMs, cpuMs } = timePerItem(passes, () => docs.map((doc) => extract(`${doc.title ?? ''}.\n${doc.text}`)));
  return { wallMs, cpuMs };
}
