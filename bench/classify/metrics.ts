import type { EvalSet } from './eval-corpora.ts';

export interface ClassReport {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface SetReport {
  top1: number;
  macroF1: number;
  perClass: Record<string, ClassReport>;
}

/**
 * Top-1 accuracy (the best IPTC code is one of the gold class's codes) and, reading each prediction
 * back as the dataset class whose codes contain it, per-class precision/recall and macro-F1.
 */
export function scoreSet(set: EvalSet, topCodes: string[]): SetReport {
  const classes = Object.keys(set.codes);
  const asClass = (code: string) => classes.find((c) => set.codes[c].includes(code)) ?? 'other';
  const tp = new Map<string, number>(), fp = new Map<string, number>(), support = new Map<string, number>();
  let right = 0;
  set.docs.forEach((doc, i) => {
    const predicted = asClass(topCodes[i]);
    support.set(doc.gold, (support.get(doc.gold) ?? 0) + 1);
    if (set.codes[doc.gold].includes(topCodes[i])) right++;
    if (predicted === doc.gold) tp.set(doc.gold, (tp.get(doc.gold) ?? 0) + 1);
    else fp.set(predicted, (fp.get(predicted) ?? 0) + 1);
  });
  const perClass: Record<string, ClassReport> = {};
  for (const c of classes) {
    const t = tp.get(c) ?? 0;
    const precision = t / Math.max(1, t + (fp.get(c) ?? 0));
    const recall = t / Math.max(1, support.get(c) ?? 0);
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision, recall, f1, support: support.get(c) ?? 0 };
  }
  const macroF1 = classes.reduce((s, c) => s + perClass[c].f1, 0) / classes.length;
  return { top1: right / set.docs.length, macroF1, perClass };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Wall-clock and CPU milliseconds per item of `run`, each the median over passes. CPU time (this
 * process only) is the steadier figure when other jobs share the cores.
 */
export function timePerItem<T>(passes: number, run: () => T[]): { results: T[]; wallMs: number; cpuMs: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  let results: T[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    results = run();
    const used = process.cpuUsage(cpuStarted);
    wall.push((performance.now() - started) / results.length);
    cpu.push((used.user + used.system) / 1000 / results.length);
  }
  return { results, wallMs: median(wall), cpuMs: median(cpu) };
}
