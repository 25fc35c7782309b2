/**
 * The article-extraction-benchmark metric (its evaluate.py): token 4-gram shingles compared as
 * multisets, tp/fp/fn normalised per page, precision and recall averaged over pages, F1 of the
 * two averages.
 */
export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
}

// Python's \w+ with re.UNICODE: letters, digits (all numeric categories) and underscore.
const TOKEN = /[\p{L}\p{N}_]+/gu;

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function pageCounts(truth: string, predicted: string): PageCounts {
  const expected = shingles(truth);
  const actual = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const want = expected.get(key) ?? 0;
    const got = actual.get(key) ?? 0;
    tp += Math.min(want, got);
    fp += Math.max(0, got - want);
    fn += Math.max(0, want - got);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

function precision({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recall({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

export function scoreCorpus(pages: PageCounts[]): { precision: number; recall: number; f1: number } {
  const p = mean(pages.filter(({ tp, fp }) => tp + fp > 0).map(precision));
  const r = mean(pages.filter(({ tp, fn }) => tp + fn > 0).map(recall));
  return { precision: p, recall: r, f1: (2 * p * r) / (p + r) };
}
