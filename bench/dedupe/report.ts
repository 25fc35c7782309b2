import type { Scores } from './eval/metrics.ts';
import type { EditRecall, VariantFalseAlarms } from './quality.ts';

export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const fixed = (value: number, digits = 3): string => value.toFixed(digits);

export function scoresTable(rows: readonly { name: string; scores: Scores }[]): string {
  return table(
    ['detector', 'precision', 'recall', 'true pos.', 'false pos.', 'false neg.', 'true neg.'],
    rows.map(({ name, scores: s }) => [
      name, fixed(s.precision), fixed(s.recall), s.truePositives, s.falsePositives, s.falseNegatives, s.trueNegatives,
    ]),
  );
}

export function editTable(rows: readonly EditRecall[]): string {
  return table(
    ['edit (one of 2–4 per copy)', 'copies', 'found', 'recall'],
    rows.map((r) => [r.edit, r.copies, r.found, fixed(r.copies === 0 ? 1 : r.found / r.copies)]),
  );
}

export function variantTable(rows: readonly VariantFalseAlarms[]): string {
  return table(['distinct-pair variant', 'pairs', 'flagged as copies'], rows.map((r) => [r.variant, r.pairs, r.falsePositives]));
}
