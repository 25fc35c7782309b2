// npm run bench:classify — IPTC top-level topics on AG News and BBC (evaluation-only corpora) for the
// shipped model and, in the same run, the named peer: multinomial naive Bayes on HuffPost headlines alone.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { scoreTopics, topicModel, type TopicLabel } from '../../shared/classify/topics.ts';
import { decodeModel, type ModelArtifact } from '../../shared/classify/model.ts';
import { huffpostDocs, seedDocs, topLevelTopics } from '../../scripts/topics/corpus.ts';
import { ENTITY_KINDS, entityQuality, entityTimePerArticle, ourEntities, taggerOnly } from './entities-bench.ts';
import { ENTITY_GOLD_SETS } from './entity-gold.ts';
import { availableEvalSets, type EvalSet } from './eval-corpora.ts';
import { annotatedItems, annotationReport, type AnnotatedItem } from './iptc-annotations.ts';
import { median, scoreSet, timePerItem, type SetReport } from './metrics.ts';
import { trainNaiveBayes } from './naive-bayes.ts';
import { sharedWordRuns } from './overlap.ts';

const PASSES = 5;

function compromiseVersion(): string {
  const manifest = fileURLToPath(new URL('../../node_modules/compromise/package.json', import.meta.url));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

const modelFile = fileURLToPath(new URL('../../shared/classify/model/iptc-topics.json', import.meta.url));

function modelLoadMs(): { first: number; median: number } {
  const runs = Array.from({ length: PASSES }, () => {
    const started = performance.now();
    decodeModel(JSON.parse(readFileSync(modelFile, 'utf8')) as ModelArtifact);
    return performance.now() - started;
  });
  return { first: runs[0], median: median(runs) };
}

/**
 * Labels at or above the threshold and the share that are among the gold class's codes. `all` counts
 * every such label, although the gold sets name one class per article, so a true second topic counts
 * as wrong; `first` counts only the first label, when it reaches the threshold.
 */
function thresholdPrecision(set: EvalSet, ranked: TopicLabel[][]): Record<'all' | 'first', { labels: number; precision: number }> {
  const tally = { all: { labels: 0, right: 0 }, first: { labels: 0, right: 0 } };
  const threshold = topicModel().threshold;
  set.docs.forEach((doc, d) => {
    ranked[d].forEach((topic, i) => {
      if (topic.score < threshold) return;
      const right = set.codes[doc.gold].includes(topic.code) ? 1 : 0;
      for (const key of i === 0 ? (['all', 'first'] as const) : (['all'] as const)) {
        tally[key].labels++;
        tally[key].right += right;
      }
    });
  });
  const share = (t: { labels: number; right: number }) => ({ labels: t.labels, precision: t.right / Math.max(1, t.labels) });
  return { all: share(tally.all), first: share(tally.first) };
}

/**
 * Where the first topic falls when it is wrong: the share of articles whose first topic is none of the
 * codes the crosswalk maps any class of the set to (an IPTC topic the set has no class for, such as
 * crime or disaster for AG News), top-1 when only those codes may compete, and per class the wrong
 * first topics that come up most.
 */
function crosswalkReach(set: EvalSet, rankedByDoc: TopicLabel[][]): { outside: number; top1AmongMapped: number; misses: string[] } {
  const mapped = new Set(Object.values(set.codes).flat());
  let outside = 0;
  let right = 0;
  const wrong = new Map<string, Map<string, number>>();
  const support = new Map<string, number>();
  set.docs.forEach((doc, d) => {
    const ranked = rankedByDoc[d];
    support.set(doc.gold, (support.get(doc.gold) ?? 0) + 1);
    if (!mapped.has(ranked[0].code)) outside++;
    if (set.codes[doc.gold].includes(ranked.find((t) => mapped.has(t.code))!.code)) right++;
    if (!set.codes[doc.gold].includes(ranked[0].code)) {
      const row = wrong.get(doc.gold) ?? new Map<string, number>();
      row.set(ranked[0].label, (row.get(ranked[0].label) ?? 0) + 1);
      wrong.set(doc.gold, row);
    }
  });
  const misses = [...support].map(([gold, n]) => {
    const top = [...(wrong.get(gold) ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 3);
    return `| ${set.name} | ${gold} | ${top.map(([label, count]) => `${label} ${pct(count / n)}`).join('; ')} |`;
  });
  return { outside: outside / set.docs.length, top1AmongMapped: right / set.docs.length, misses };
}

/** The set's rows of the hand-labelled tables (docs/topic-annotation.md). */
function handLabelledRows(set: EvalSet, ours: TopicLabel[][], peerTop1: string[]): { row: string; byClass: string[] } {
  let items: AnnotatedItem[];
  try {
    items = annotatedItems(set);
  } catch (error) {
    // Another copy of the corpus (a held-out split, say) has no labelled sample: report the rest.
    return { row: `| ${set.name} | skipped: ${(error as Error).message} |`, byClass: [] };
  }
  const hand = annotationReport(set, items, (i) => ours[i], (i) => peerTop1[i], topicModel().threshold);
  const label = new Map(topLevelTopics().map((t) => [t.code, t.label]));
  return {
    row: `| ${set.name} | ${hand.items} | ${pct(hand.mainAgreement)} (${hand.kappa.toFixed(2)}) | ${pct(hand.unsure)} | ${hand.annotatorCrosswalkTop1.map(pct).join(' / ')} | ${pct(hand.annotatorOutsideCrosswalk)} | ${pct(hand.ours.crosswalkTop1)} | ${pct(hand.ours.top1IsMain)} | ${pct(hand.ours.top1AmongTopics)} | ${pct(hand.ours.aboveThreshold!.precision)} of ${hand.ours.aboveThreshold!.labels} | ${pct(hand.peer.top1IsMain)} | ${pct(hand.peer.top1AmongTopics)} |`,
    byClass: hand.perClass.map((c) => `| ${set.name} | ${c.name} | ${c.items} | ${pct(c.inside)} | ${c.outside.map(([code, share]) => `${label.get(code)} ${pct(share)}`).join('; ')} |`),
  };
}

function perClassTable(name: string, ours: SetReport, peer: SetReport): string {
  const rows = Object.keys(ours.perClass).map((c) => {
    const o = ours.perClass[c], p = peer.perClass[c];
    return `| ${c} | ${o.support} | ${pct(o.precision)} | ${pct(o.recall)} | ${pct(p.precision)} | ${pct(p.recall)} |`;
  });
  return [`\n${name}, per class (ours vs peer)\n`, '| class | n | P ours | R ours | P peer | R peer |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

const load = modelLoadMs();
const model = topicModel();
const peer = trainNaiveBayes(huffpostDocs(), topLevelTopics().map((t) => t.code));
const lines = [
  `classify bench: ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores (load average ${os.loadavg()[0].toFixed(1)} at start), model ${model.version}, threshold ${model.threshold}`,
  `model load (read + parse + decode): first ${load.first.toFixed(1)} ms, median of ${PASSES} ${load.median.toFixed(1)} ms; model file ${(statSync(modelFile).size / 1e6).toFixed(2)} MB`,
  '',
  '| set | docs | model | top-1 | macro-F1 | ms/article, wall (CPU), median of 5 passes | labels >= threshold: right (all) | first label >= threshold: right |',
  '|---|---|---|---|---|---|---|---|',
];
const tables: string[] = [];
const reach: string[] = ['\nWhere the first topic falls (ours)\n', '| set | first topic outside the crosswalk\'s codes | top-1 among the crosswalk\'s codes only |', '|---|---|---|'];
const misses: string[] = ['\nWrong first topics that come up most, as a share of the class (ours)\n', '| set | class | first topic |', '|---|---|---|'];
const handLabelled: string[] = [
  '\nHand-labelled sample: independent IPTC judgements per item (annotators A / B / C), each a main topic and up to three more (bench/classify/iptc-annotations.json, docs/topic-annotation.md); figures without a letter are averaged over the annotators (agreement: over pairs)\n',
  '| set | items | annotators agree on the main topic (kappa) | judgements marked unsure | annotator\'s main topic among the class\'s crosswalk codes: A / B / C | no annotator topic among them | ours: top-1 right by the crosswalk, sample only | ours: top-1 is the annotator\'s main topic | ours: top-1 among the annotator\'s topics | ours: labels >= threshold among the annotator\'s topics | peer: top-1 is the main topic | peer: top-1 among the topics |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
];
const handByClass: string[] = ['\nHand-labelled sample per class: how often an annotator\'s main topic is among the class\'s crosswalk codes, and the main topics outside them that come up most\n', '| set | class | items | inside | outside, most frequent |', '|---|---|---|---|---|'];
const { sets, missing } = availableEvalSets();
for (const line of missing) console.log(line);
for (const set of sets) {
  // The ranked topics of the timed passes also feed the threshold and crosswalk figures below.
  const ours = timePerItem(PASSES, () => set.docs.map((d) => scoreTopics({ title: d.title, text: d.text, language: 'en' })));
  const base = timePerItem(PASSES, () => set.docs.map((d) => peer.rank(d.title, d.text)[0]));
  const oursReport = scoreSet(set, ours.results.map((ranked) => ranked[0].code));
  const peerReport = scoreSet(set, base.results);
  const above = thresholdPrecision(set, ours.results);
  lines.push(
    `| ${set.name} | ${set.docs.length} | ours (${model.version}) | ${pct(oursReport.top1)} | ${pct(oursReport.macroF1)} | ${ours.wallMs.toFixed(3)} (${ours.cpuMs.toFixed(3)}) | ${pct(above.all.precision)} of ${above.all.labels} | ${pct(above.first.precision)} of ${above.first.labels} |`,
    `| ${set.name} | ${set.docs.length} | peer: multinomial NB, HuffPost only | ${pct(peerReport.top1)} | ${pct(peerReport.macroF1)} | ${base.wallMs.toFixed(3)} (${base.cpuMs.toFixed(3)}) | | |`,
    `| ${set.name} | | ratio ours / peer | ${(oursReport.top1 / peerReport.top1).toFixed(2)} | ${(oursReport.macroF1 / peerReport.macroF1).toFixed(2)} | ${(ours.wallMs / base.wallMs).toFixed(2)} (${(ours.cpuMs / base.cpuMs).toFixed(2)}) | | |`,
  );
  tables.push(perClassTable(set.name, oursReport, peerReport));
  const { outside, top1AmongMapped, misses: classMisses } = crosswalkReach(set, ours.results);
  reach.push(`| ${set.name} | ${pct(outside)} | ${pct(top1AmongMapped)} |`);
  misses.push(...classMisses);
  const hand = handLabelledRows(set, ours.results, base.results);
  handLabelled.push(hand.row);
  handByClass.push(...hand.byClass);
}
const projectText = seedDocs().map((doc) => `${doc.title ?? ''} ${doc.text}`);
const overlap = sharedWordRuns(projectText, sets.flatMap((set) => set.docs.map((doc) => `${doc.title ?? ''} ${doc.text}`)), 7);
const overlapLines = [
  `\nProject training text against the evaluation sets: ${overlap.texts} of ${projectText.length} texts share a run of 7 words with an AG or BBC text (${overlap.runs.length} distinct runs), e.g.: ${overlap.runs.slice(0, 8).map((run) => `"${run}"`).join(', ')}`,
];
// Entity timing runs on BBC articles when that corpus is present, else on the project's own whole articles.
const bbc = sets.find((set) => set.name === 'BBC News');
const bbcSample = (bbc?.docs ?? seedDocs().filter((doc) => doc.source === 'article').map((doc) => ({ title: doc.title, text: doc.text, gold: doc.labels[0] }))).slice(0, 300);
const sampleName = bbc ? 'BBC article' : "of the project's whole articles";
const entityTime = entityTimePerArticle(bbcSample, 3, ourEntities);
const taggerTime = entityTimePerArticle(bbcSample, 3, taggerOnly);
const entityLines = [
  `\nEntities: ours (compromise ${compromiseVersion()} and the rules in shared/classify/entities.ts, organizations.ts) against the peer, compromise alone (its people, places and organizations, with the same clean-up of each name as ours, cleanName, and no other rule). Time per ${sampleName} (first ${bbcSample.length}, median of 3 passes): ours ${entityTime.wallMs.toFixed(2)} ms (CPU ${entityTime.cpuMs.toFixed(2)} ms), compromise alone ${taggerTime.wallMs.toFixed(2)} ms (CPU ${taggerTime.cpuMs.toFixed(2)} ms), ratio ${(entityTime.cpuMs / taggerTime.cpuMs).toFixed(2)} (CPU). Written gold paragraphs (bench/classify/entity-gold.ts), exact names, any case:\n`,
  '| gold paragraphs | kind | expected | ours: found | ours: precision | ours: recall | compromise alone: found | precision | recall |',
  '|---|---|---|---|---|---|---|---|---|',
  ...ENTITY_GOLD_SETS.flatMap(({ name, paragraphs }) => {
    const mine = entityQuality(paragraphs, ourEntities);
    const peerQuality = entityQuality(paragraphs, taggerOnly);
    return ENTITY_KINDS.map((kind) => {
      const o = mine[kind], p = peerQuality[kind];
      return `| ${name}, ${paragraphs.length} | ${kind} | ${o.expected} | ${o.found} | ${pct(o.precision)} | ${pct(o.recall)} | ${p.found} | ${pct(p.precision)} | ${pct(p.recall)} |`;
    });
  }),
];
console.log([...lines, ...tables, ...reach, ...misses, ...handLabelled, ...handByClass, ...overlapLines, ...entityLines].join('\n'));
