import { extractEntities, type Entities } from '../../shared/classify/entities.ts';
import { ENTITY_GOLD } from './entity-gold.ts';
import type { EvalDoc } from './eval-corpora.ts';
import { timePerItem } from './metrics.ts';

type Kind = keyof Entities;
const KINDS: Kind[] = ['people', 'places', 'organizations'];

/** Precision and recall per kind over the written gold paragraphs (exact name match, any case). */
export function entityQuality(): Record<Kind, { precision: number; recall: number; found: number; expected: number }> {
  const totals = Object.fromEntries(KINDS.map((k) => [k, { right: 0, found: 0, expected: 0 }])) as Record<
    Kind,
    { right: number; found: number; expected: number }
  >;
  for (const gold of ENTITY_GOLD) {
    const found = extractEntities({ title: null, text: gold.text, language: 'en' });
    for (const kind of KINDS) {
      const expected = new Set(gold[kind].map((n) => n.toLowerCase()));
      const names = found[kind].map((e) => e.name.toLowerCase());
      totals[kind].found += names.length;
      totals[kind].expected += expected.size;
      totals[kind].right += names.filter((n) => expected.has(n)).length;
    }
  }
  return Object.fromEntries(
    KINDS.map((k) => {
      const t = totals[k];
      return [k, { precision: t.right / Math.max(1, t.found), recall: t.right / Math.max(1, t.expected), found: t.found, expected: t.expected }];
    }),
  ) as ReturnType<typeof entityQuality>;
}

/** Wall-clock and CPU milliseconds per article, medians over passes. */
export function entityTimePerArticle(docs: EvalDoc[], passes: number): { wallMs: number; cpuMs: number } {
  const { wallMs, cpuMs } = timePerItem(passes, () => docs.map((doc) => extractEntities({ title: doc.title, text: doc.text, language: 'en' })));
  return { wallMs, cpuMs };
}
