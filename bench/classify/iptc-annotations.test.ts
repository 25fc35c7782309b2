import { describe, expect, it } from 'vitest';
import type { EvalSet } from './eval-corpora.ts';
import { annotatedItems, annotationReport, type AnnotatedItem } from './iptc-annotations.ts';
import { annotationSample, textKey } from './iptc-sample.ts';

const POL = 'medtop:11000000', CRIME = 'medtop:02000000', SPORT = 'medtop:15000000', ECON = 'medtop:04000000';

const set: EvalSet = {
  name: 'tiny',
  docs: [
    { title: 'a', text: 'vote', gold: 'World' },
    { title: 'b', text: 'trial', gold: 'World' },
    { title: 'c', text: 'match', gold: 'Sports' },
    { title: 'd', text: 'stadium deal', gold: 'Sports' },
  ],
  codes: { World: [POL], Sports: [SPORT] },
};
const judged = (...annotators: string[][]) => annotators.map((topics) => ({ topics, unsure: topics.length > 1 && topics[0] === ECON }));
const items: AnnotatedItem[] = [
  { index: 0, judgements: judged([POL], [POL]) },
  { index: 1, judgements: judged([CRIME, POL], [CRIME]) },
  { index: 2, judgements: judged([SPORT], [SPORT]) },
  { index: 3, judgements: judged([ECON, SPORT], [SPORT, ECON]) },
];
const label = (code: string, score: number) => ({ code, label: code, score });
const ours = [[label(POL, 0.99)], [label(POL, 0.95), label(CRIME, 0.5)], [label(SPORT, 0.99)], [label(SPORT, 0.97), label(ECON, 0.96)]];
const peerTop1 = [CRIME, CRIME, SPORT, ECON];

describe('the hand-labelled sample report', () => {
  const report = annotationReport(set, items, (i) => ours[i], (i) => peerTop1[i], 0.9);

  it('gives the annotators agreement on the main topic, and Cohen kappa corrects it for chance', () => {
    expect(report.mainAgreement).toBe(0.75);
    // chance: A chose POL, CRIME, SPORT, ECON once each; B chose POL, CRIME once and SPORT twice.
    const expected = 0.25 * 0.25 + 0.25 * 0.25 + 0.25 * 0.5;
    expect(report.kappa).toBeCloseTo((0.75 - expected) / (1 - expected), 10);
  });

  it('gives the share of judgements marked unsure', () => {
    expect(report.unsure).toBe(1 / 8);
  });

  it('scores the annotators themselves by the crosswalk, the way the benchmark scores a model', () => {
    // main topics in the class's codes: A on items 0 and 2, B on items 0, 2 and 3.
    expect(report.annotatorCrosswalkTop1).toEqual([2 / 4, 3 / 4]);
    // item 1: annotator A also gave politics, annotator B gave crime alone.
    expect(report.annotatorOutsideCrosswalk).toBe(0.5 / 4);
  });

  it('compares the model first topic with each annotator main topic and topics, averaged', () => {
    expect(report.ours.crosswalkTop1).toBe(1);
    expect(report.ours.top1IsMain).toBe((1 + 0 + 1 + 0.5) / 4);
    expect(report.ours.top1AmongTopics).toBe((1 + 0.5 + 1 + 1) / 4);
    expect(report.peer.top1IsMain).toBe((0 + 1 + 1 + 0.5) / 4);
    expect(report.peer.aboveThreshold).toBeUndefined();
  });

  it('counts only labels at or above the threshold, right when the annotator gave that topic', () => {
    // five labels pass 0.9; wrong ones: politics on item 1 for annotator B.
    expect(report.ours.aboveThreshold).toEqual({ labels: 5, precision: (5 - 0.5) / 5 });
  });

  it('says per class how often the main topic leaves the class codes, and for which topics', () => {
    expect(report.perClass).toEqual([
      { name: 'World', items: 2, inside: 0.5, outside: [[CRIME, 0.5]] },
      { name: 'Sports', items: 2, inside: 0.75, outside: [[ECON, 0.25]] },
    ]);
  });
});

describe('the annotation sample', () => {
  const big: EvalSet = {
    name: 'BBC News',
    docs: Array.from({ length: 1000 }, (_, i) => ({ title: `t${i}`, text: `body ${i}`, gold: 'politics' })),
    codes: { politics: [POL] },
  };

  it('draws the same distinct items on every run, in index order', () => {
    const first = annotationSample(big).map((s) => s.index);
    expect(first).toEqual(annotationSample(big).map((s) => s.index));
    expect(new Set(first).size).toBe(200);
    expect(first).toEqual([...first].sort((a, b) => a - b));
  });

  it('refuses annotations whose text key no longer matches the corpus', () => {
    const stored = annotationSample(big).map((s) => ({ index: s.index, key: s.key, topics: [[POL], [POL]], unsure: [false, false] }));
    expect(annotatedItems(big, stored)).toHaveLength(200);
    const changed = { ...big, docs: big.docs.map((d, i) => (i === stored[7].index ? { ...d, text: 'edited' } : d)) };
    expect(() => annotatedItems(changed, stored)).toThrow(/not the sampled text/);
    expect(textKey(changed.docs[stored[7].index])).not.toBe(stored[7].key);
  });

  it('refuses a set it has no sample size for, or one smaller than its sample', () => {
    expect(() => annotationSample(set)).toThrow(/no annotation sample/);
    expect(() => annotationSample({ ...big, docs: big.docs.slice(0, 150) })).toThrow(/150 items, fewer than its sample of 200/);
  });
});

describe('with three annotators', () => {
  it('averages agreement and kappa over the pairs', () => {
    const three = items.map((item) => ({ ...item, judgements: [...item.judgements, item.judgements[0]] }));
    const report = annotationReport(set, three, (i) => ours[i], (i) => peerTop1[i], 0.9);
    // pairs A-B 0.75, A-C (C = A) 1, B-C 0.75.
    expect(report.mainAgreement).toBeCloseTo((0.75 + 1 + 0.75) / 3, 10);
    expect(report.annotatorCrosswalkTop1).toEqual([2 / 4, 3 / 4, 2 / 4]);
  });
});
