// Hand annotation, both ends (docs/topic-annotation.md):
//   tsx bench/classify/annotation-files.ts export DIR   writes each set's sample (ag.jsonl, bbc.jsonl) and the topics (iptc-topics.md) for annotators
//   tsx bench/classify/annotation-files.ts import DIR   reads DIR/<set>-<annotator>*.jsonl back into iptc-annotations.json
// The exported text comes from the research-only corpora (SYNDIC_EVAL_DIR) and stays outside the repository.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mediaTopics, topLevelTopics } from '../../scripts/topics/corpus.ts';
import { agNews, bbcNews } from './eval-corpora.ts';
import { annotationSample } from './iptc-sample.ts';

const sets = [{ tag: 'ag', set: agNews() }, { tag: 'bbc', set: bbcNews() }];
const annotators = ['A', 'B', 'C'];
const codes = new Set(topLevelTopics().map((t) => t.code));

interface Line {
  id: string;
  key: string;
  main: string;
  others: string[];
  unsure: boolean;
}

function readAnnotator(dir: string, tag: string, annotator: string): Line[] {
  const files = readdirSync(dir).filter((f) => f.startsWith(`${tag}-${annotator}`) && f.endsWith('.jsonl')).sort();
  if (files.length === 0) throw new Error(`${dir}: no ${tag}-${annotator}*.jsonl`);
  return files.flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l, n) => {
      const line = JSON.parse(l) as Line;
      const topics = [line.main, ...line.others];
      if (!topics.every((c) => codes.has(c)) || new Set(topics).size !== topics.length || line.others.length > 3) {
        throw new Error(`${f}:${n + 1}: topics must be distinct top-level codes, at most 3 besides main`);
      }
      return line;
    }),
  );
}

/** The 17 top-level topics with their IPTC definitions and level-2 subtopics, as annotators read them. */
function topicsSheet(): string {
  return [
    '# IPTC Media Topics: the 17 top-level topics (IPTC vocabulary, CC BY 4.0)',
    '',
    'Each top-level topic is listed with its code, its official definition, and its level-2 subtopics (which show what it covers).',
    '',
    ...mediaTopics().flatMap((t) => [`## ${t.qcode} ${t.label}`, t.definition, '', ...t.children.map((c) => `- ${c.label}: ${c.definition}`), '']),
  ].join('\n');
}

const [command, dir] = process.argv.slice(2);
if (command === 'export' && dir) {
  for (const { tag, set } of sets) {
    const lines = annotationSample(set).map((s) => JSON.stringify({ id: `${tag}-${s.index}`, key: s.key, title: s.doc.title, text: s.doc.text }));
    writeFileSync(path.join(dir, `${tag}.jsonl`), `${lines.join('\n')}\n`);
  }
  writeFileSync(path.join(dir, 'iptc-topics.md'), topicsSheet());
} else if (command === 'import' && dir) {
  const out: Record<string, string[]> = {};
  for (const { tag, set } of sets) {
    const sample = annotationSample(set);
    const passes = annotators.map((a) => readAnnotator(dir, tag, a));
    out[set.name] = sample.map((s, i) => {
      const lines = passes.map((pass) => pass[i]);
      if (lines.some((l) => l?.id !== `${tag}-${s.index}` || l.key !== s.key)) throw new Error(`${tag} item ${i}: annotations out of step with the sample`);
      return JSON.stringify({ index: s.index, key: s.key, topics: lines.map((l) => [l.main, ...l.others]), unsure: lines.map((l) => l.unsure) });
    });
    if (passes.some((p) => p.length !== sample.length)) throw new Error(`${tag}: every annotator must label all ${sample.length} items`);
  }
  const body = Object.entries(out).map(([name, items]) => `  ${JSON.stringify(name)}: [\n    ${items.join(',\n    ')}\n  ]`).join(',\n');
  writeFileSync(fileURLToPath(new URL('./iptc-annotations.json', import.meta.url)), `{\n${body}\n}\n`);
} else {
  throw new Error('usage: annotation-files.ts export|import DIR');
}
