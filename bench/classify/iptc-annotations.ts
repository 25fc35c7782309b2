// The hand-labelled sample (iptc-sample.ts): independent IPTC judgements per item, read back
// against the corpus and scored three ways: how the annotators agree, how their topics sit with the
// crosswalk's classes, and how the model's topics sit with theirs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TopicLabel } from '../../shared/classify/topics.ts';
import type { EvalSet } from './eval-corpora.ts';
import { annotationSample, textKey } from './iptc-sample.ts';

export interface Judgement {
  /** The topic the story is mainly about, then up to three more it substantially covers. */
  topics: string[];
  unsure: boolean;
}

export interface AnnotatedItem {
  index: number;
  judgements: Judgement[];
}

export interface StoredItem {
  index: number;
  key: string;
  topics: string[][];
  unsure: boolean[];
}

const annotationsFile = fileURLToPath(new URL('./iptc-annotations.json', import.meta.url));

function storedAnnotations(setName: string): StoredItem[] {
  const stored = (JSON.parse(readFileSync(annotationsFile, 'utf8')) as Record<string, StoredItem[]>)[setName];
  if (!stored) throw new Error(`${annotationsFile}: no annotations for ${setName}`);
  return stored;
}

/** The set's annotated items; refuses annotations that do not match the sample or the corpus text. */
export function annotatedItems(set: EvalSet, stored = storedAnnotations(set.name)): AnnotatedItem[] {
  const sample = annotationSample(set);
  if (stored.length !== sample.length) throw new Error(`${set.name}: ${stored.length} annotated items, the sample has ${sample.length}`);
  return stored.map((item, i) => {
    if (item.index !== sample[i].index || item.key !== textKey(set.docs[item.index])) {
      throw new Error(`${set.name} item ${item.index}: not the sampled text (the corpus or the sample changed)`);
    }
    return { index: item.index, judgements: item.topics.map((topics, a) => ({ topics, unsure: item.unsure[a] })) };
  });
}

export interface AnnotationReport {
  items: number;
  /** Two annotators chose the same main topic, mean over pairs; Cohen's kappa corrects it for chance. */
  mainAgreement: number;
  kappa: number;
  unsure: number;
  /**
   * Per annotator: the main topic is among the codes the crosswalk gives the item's class, the score
   * the annotator would get on the benchmark.
   */
  annotatorCrosswalkTop1: number[];
  /** No topic an annotator gave is among the class's codes. */
  annotatorOutsideCrosswalk: number;
  /** Per dataset class: how often an annotator's main topic is one of its codes, and the main topics outside them that come up most. */
  perClass: { name: string; items: number; inside: number; outside: [code: string, share: number][] }[];
  ours: ModelAgreement;
  peer: ModelAgreement;
}

export interface ModelAgreement {
  /** Top-1 against the crosswalk, on the sample only (to compare with the full set). */
  crosswalkTop1: number;
  /** Top-1 is the annotator's main topic. */
  top1IsMain: number;
  /** Top-1 is one of the annotator's topics. */
  top1AmongTopics: number;
  /** Labels at or above the threshold that are among the annotator's topics (ours only). */
  aboveThreshold?: { labels: number; precision: number };
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);

/**
 * Averaged over annotators: each annotator's judgement is one reading of the truth. `above` gives an
 * item's labels at or above the threshold, for a model that has one.
 */
function agreement(set: EvalSet, items: AnnotatedItem[], top1: (index: number) => string, above?: (index: number) => string[]): ModelAgreement {
  const perItem = items.map((item) => {
    const first = top1(item.index);
    const labels = above?.(item.index) ?? [];
    return {
      crosswalk: set.codes[set.docs[item.index].gold].includes(first) ? 1 : 0,
      isMain: mean(item.judgements.map((j) => (j.topics[0] === first ? 1 : 0))),
      among: mean(item.judgements.map((j) => (j.topics.includes(first) ? 1 : 0))),
      above: labels.length,
      aboveRight: mean(item.judgements.map((j) => labels.filter((code) => j.topics.includes(code)).length)),
    };
  });
  const labels = perItem.reduce((s, p) => s + p.above, 0);
  return {
    crosswalkTop1: mean(perItem.map((p) => p.crosswalk)),
    top1IsMain: mean(perItem.map((p) => p.isMain)),
    top1AmongTopics: mean(perItem.map((p) => p.among)),
    ...(above ? { aboveThreshold: { labels, precision: perItem.reduce((s, p) => s + p.aboveRight, 0) / Math.max(1, labels) } } : {}),
  };
}

function cohensKappa(a: string[], b: string[]): { observed: number; kappa: number } {
  const observed = mean(a.map((x, i) => (x === b[i] ? 1 : 0)));
  const share = (list: string[], code: string) => list.filter((x) => x === code).length / list.length;
  const expected = [...new Set([...a, ...b])].reduce((s, code) => s + share(a, code) * share(b, code), 0);
  return { observed, kappa: (observed - expected) / (1 - expected) };
}

function perClass(set: EvalSet, items: AnnotatedItem[]): AnnotationReport['perClass'] {
  return Object.keys(set.codes).map((name) => {
    const ofClass = items.filter((item) => set.docs[item.index].gold === name);
    const mains = ofClass.flatMap((item) => item.judgements.map((j) => j.topics[0]));
    const outside = new Map<string, number>();
    for (const code of mains) if (!set.codes[name].includes(code)) outside.set(code, (outside.get(code) ?? 0) + 1);
    return {
      name,
      items: ofClass.length,
      inside: (mains.length - [...outside.values()].reduce((s, n) => s + n, 0)) / Math.max(1, mains.length),
      outside: [...outside].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([code, n]) => [code, n / Math.max(1, mains.length)]),
    };
  });
}

export function annotationReport(
  set: EvalSet,
  items: AnnotatedItem[],
  ours: (index: number) => TopicLabel[],
  peerTop1: (index: number) => string,
  threshold: number,
): AnnotationReport {
  const mains = items[0].judgements.map((_, a) => items.map((item) => item.judgements[a].topics[0]));
  const pairs = mains.flatMap((a, i) => mains.slice(i + 1).map((b) => cohensKappa(a, b)));
  const classCodes = (item: AnnotatedItem) => set.codes[set.docs[item.index].gold];
  return {
    items: items.length,
    mainAgreement: mean(pairs.map((p) => p.observed)),
    kappa: mean(pairs.map((p) => p.kappa)),
    unsure: mean(items.map((item) => mean(item.judgements.map((j) => (j.unsure ? 1 : 0))))),
    annotatorCrosswalkTop1: mains.map((main) => mean(main.map((code, i) => (classCodes(items[i]).includes(code) ? 1 : 0)))),
    annotatorOutsideCrosswalk: mean(items.map((item) => mean(item.judgements.map((j) => (j.topics.some((t) => classCodes(item).includes(t)) ? 0 : 1))))),
    perClass: perClass(set, items),
    ours: agreement(set, items, (i) => ours(i)[0].code, (i) => ours(i).filter((t) => t.score >= threshold).map((t) => t.code)),
    peer: agreement(set, items, peerTop1),
  };
}
