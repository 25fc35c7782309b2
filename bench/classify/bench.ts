// npm run bench:classify — IPTC top-level topics on AG News and BBC (evaluation-only corpora) for the
// shipped model and, in the same run, the named peer: multinomial naive Bayes on HuffPost headlines alone.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { classifyTopics, scoreTopics, topicModel } from '../../shared/classify/topics.ts';
import { decodeModel, type ModelArtifact } from '../../shared/classify/model.ts';
import { huffpostDocs, topLevelTopics } from '../../shared/classify/train/corpus.ts';
import { entityQuality, entityTimePerArticle } from './entities-bench.ts';
import { agNews, bbcNews, type EvalSet } from './eval-corpora.ts';
import { median, scoreSet, timePerItem, type SetReport } from './metrics.ts';
import { trainNaiveBayes } from './naive-bayes.ts';

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
function thresholdPrecision(set: EvalSet): Record<'all' | 'first', { labels: number; precision: number }> {
  const tally = { all: { labels: 0, right: 0 }, first: { labels: 0, right: 0 } };
  const threshold = topicModel().threshold;
  for (const doc of set.docs) {
    classifyTopics({ title: doc.title, text: doc.text, language: 'en' }).forEach((topic, i) => {
      if (topic.score < threshold) return;
      const right = set.codes[doc.gold].includes(topic.code) ? 1 : 0;
      for (const key of i === 0 ? (['all', 'first'] as const) : (['all'] as const)) {
        tally[key].labels++;
        tally[key].right += right;
      }
    });
  }
  const share = (t: { labels: number; right: number }) => ({ labels: t.labels, precision: t.right / Math.max(1, t.labels) });
  return { all: share(tally.all), first: share(tally.first) };
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
for (const set of [bbcNews(), agNews()]) {
  const ours = timePerItem(PASSES, () => set.docs.map((d) => scoreTopics({ title: d.title, text: d.text, language: 'en' })[0].code));
  const base = timePerItem(PASSES, () => set.docs.map((d) => peer.rank(d.title, d.text)[0]));
  const oursReport = scoreSet(set, ours.results);
  const peerReport = scoreSet(set, base.results);
  const above = thresholdPrecision(set);
  lines.push(
    `| ${set.name} | ${set.docs.length} | ours (${model.version}) | ${pct(oursReport.top1)} | ${pct(oursReport.macroF1)} | ${ours.wallMs.toFixed(3)} (${ours.cpuMs.toFixed(3)}) | ${pct(above.all.precision)} of ${above.all.labels} | ${pct(above.first.precision)} of ${above.first.labels} |`,
    `| ${set.name} | ${set.docs.length} | peer: multinomial NB, HuffPost only | ${pct(peerReport.top1)} | ${pct(peerReport.macroF1)} | ${base.wallMs.toFixed(3)} (${base.cpuMs.toFixed(3)}) | | |`,
    `| ${set.name} | | ratio ours / peer | ${(oursReport.top1 / peerReport.top1).toFixed(2)} | ${(oursReport.macroF1 / peerReport.macroF1).toFixed(2)} | ${(ours.wallMs / base.wallMs).toFixed(2)} (${(ours.cpuMs / base.cpuMs).toFixed(2)}) | | |`,
  );
  tables.push(perClassTable(set.name, oursReport, peerReport));
}
const bbcSample = bbcNews().docs.slice(0, 300);
const quality = entityQuality();
const entityTime = entityTimePerArticle(bbcSample, 3);
const entityLines = [
  `\nEntities (compromise ${compromiseVersion()}): ${entityTime.wallMs.toFixed(2)} ms (CPU ${entityTime.cpuMs.toFixed(2)} ms) per BBC article (first ${bbcSample.length}, median of 3 passes); written gold paragraphs:\n`,
  '| kind | expected | found | precision | recall |',
  '|---|---|---|---|---|',
  ...Object.entries(quality).map(([kind, q]) => `| ${kind} | ${q.expected} | ${q.found} | ${pct(q.precision)} | ${pct(q.recall)} |`),
];
console.log([...lines, ...tables, ...entityLines].join('\n'));
