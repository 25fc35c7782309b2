/**
 * The extraction development set, wider than the 181-page benchmark: syndic against
 * @mozilla/readability over linkedom (the named peer), in one run, on
 *   - pages written for the project (bench/extract/dev/written-pages.ts): user comments in the markup
 *     of common comment systems, and long articles split across sibling sections; scored by the
 *     benchmark's shingle metric, and by the share of comment blocks that reach the text;
 *   - Readability's own test pages (data/readability-test-pages): agreement with the text Readability.js
 *     expects (shingle precision and recall; that text is a reference, not ground truth).
 *
 *   npm run bench:extract-dev                  # prints the tables
 *   npm run bench:extract-dev -- --write-docs  # also writes docs/benchmarks-extract-dev.md
 *   npm run bench:extract-dev -- --json        # one JSON object on the last line
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXTRACTORS, type Extract, type ExtractorName } from '../extractors.ts';
import { pageCounts, scoreCorpus } from '../metric.ts';
import { leakedBlocks } from './leaks.ts';
import { readabilityPages } from './readability-pages.ts';
import { FAMILIES, writtenPages, type WrittenPage } from './written-pages.ts';

const { values: args } = parseArgs({
  options: { 'write-docs': { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, 'per-family': { type: 'string', default: '12' } },
});

const NAMES: ExtractorName[] = ['syndic', 'readability-linkedom'];
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const f3 = (x: number) => x.toFixed(3);

interface WrittenResult {
  page: WrittenPage;
  counts: ReturnType<typeof pageCounts>;
  leaked: number;
}

function runWritten(extract: Extract, pages: WrittenPage[]): WrittenResult[] {
  return pages.map((page) => {
    const text = extract({ url: page.url, html: Buffer.from(page.html) });
    return { page, counts: pageCounts(page.expected, text), leaked: leakedBlocks(page.comments, text) };
  });
}

function summarizeWritten(results: WrittenResult[]) {
  const blocks = results.reduce((sum, r) => sum + r.page.comments.length, 0);
  const leaked = results.reduce((sum, r) => sum + r.leaked, 0);
  return { ...scoreCorpus(results.map((r) => r.counts)), pages: results.length, blocks, leaked, leakRate: blocks ? leaked / blocks : 0 };
}

const written = writtenPages(Number(args['per-family']));
const readability = readabilityPages();
const extractors = Object.fromEntries(await Promise.all(NAMES.map(async (name) => [name, await EXTRACTORS[name]()] as const))) as Record<ExtractorName, Extract>;

const writtenBy = Object.fromEntries(NAMES.map((name) => [name, runWritten(extractors[name], written)])) as Record<ExtractorName, WrittenResult[]>;
const readabilityBy = Object.fromEntries(
  NAMES.map((name) => [
    name,
    readability.map((page) => ({ page, counts: pageCounts(page.expected, extractors[name]({ url: page.url, html: page.html })) })),
  ]),
) as Record<ExtractorName, { page: (typeof readability)[number]; counts: ReturnType<typeof pageCounts> }[]>;

const rows: string[] = [
  '| family | half | pages | syndic F1 | syndic P / R | syndic comment blocks leaked | Readability F1 | Readability P / R | Readability comment blocks leaked |',
  '|---|---|---|---|---|---|---|---|---|',
];
const groups: { label: string; half: string; filter: (p: WrittenPage) => boolean }[] = [
  ...FAMILIES.map((family) => ({ label: family, half: 'both', filter: (p: WrittenPage) => p.family === family })),
  { label: '**all, development half (even seeds)**', half: 'dev', filter: (p) => p.half === 'dev' },
  { label: '**all, check half (odd seeds)**', half: 'check', filter: (p) => p.half === 'check' },
  { label: '**all**', half: 'both', filter: () => true },
];
const summary: Record<string, Record<ExtractorName, ReturnType<typeof summarizeWritten>>> = {};
for (const group of groups) {
  const [ours, peer] = NAMES.map((name) => summarizeWritten(writtenBy[name].filter((r) => group.filter(r.page))));
  summary[group.label] = { syndic: ours, 'readability-linkedom': peer };
  const leaks = (s: typeof ours) => (s.blocks ? `${s.leaked} of ${s.blocks} (${pct(s.leakRate)})` : '-');
  rows.push(`| ${group.label} | ${group.half} | ${ours.pages} | ${f3(ours.f1)} | ${f3(ours.precision)} / ${f3(ours.recall)} | ${leaks(ours)} | ${f3(peer.f1)} | ${f3(peer.precision)} / ${f3(peer.recall)} | ${leaks(peer)} |`);
}

const readabilityScores = Object.fromEntries(NAMES.map((name) => [name, scoreCorpus(readabilityBy[name].map((r) => r.counts))])) as Record<ExtractorName, ReturnType<typeof scoreCorpus>>;
const recallOf = ({ tp, fn }: { tp: number; fn: number }) => (tp + fn > 0 ? tp / (tp + fn) : 1);
const precisionOf = ({ tp, fp }: { tp: number; fp: number }) => (tp + fp > 0 ? tp / (tp + fp) : 1);
const low = readabilityBy.syndic
  .filter((r) => recallOf(r.counts) < 0.8)
  .sort((a, b) => recallOf(a.counts) - recallOf(b.counts))
  .map((r) => `| ${r.page.name} | ${f3(precisionOf(r.counts))} | ${f3(recallOf(r.counts))} |`);

const report = [
  `Run ${new Date().toISOString()} on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}: \`npm run bench:extract-dev\`.`,
  '',
  `### Written pages (${written.length}: ${FAMILIES.length} families x ${args['per-family']}, bench/extract/dev/written-pages.ts)`,
  '',
  'A comment block is one reader comment with its author and time, a comment count line, or a comment form; it has leaked when at least half of its word 4-grams (or, for a block under four words, all its words in a row) are in the extracted text.',
  '',
  ...rows,
  '',
  `### Readability's test pages (${readability.length}, data/readability-test-pages): agreement with Readability.js's expected text`,
  '',
  '| extractor | precision | recall | F1 |',
  '|---|---|---|---|',
  ...NAMES.map((name) => `| ${name} | ${f3(readabilityScores[name].precision)} | ${f3(readabilityScores[name].recall)} | ${f3(readabilityScores[name].f1)} |`),
  '',
  `syndic's pages below 0.8 recall (${low.length}):`,
  '',
  '| page | precision | recall |',
  '|---|---|---|',
  ...low,
].join('\n');

console.log(report);
if (args['write-docs']) {
  const file = path.resolve(import.meta.dirname, '..', '..', '..', 'docs', 'benchmarks-extract-dev.md');
  writeFileSync(file, `# Extraction development set\n\nThe pages and the method are described in bench/extract/dev/run.ts; the figures below are one run.\n\n${report}\n`);
}
if (args.json) {
  console.log(JSON.stringify({ written: summary, readabilityPages: readabilityScores, readabilityPagesBelow08: low.length }));
}
