// npm run bench:dedupe [-- --seed N --copies N --distinct N --extra-seeds 2,3 --write-docs]
// Precision and recall of syndicated-copy detection on seeded evaluation sets built from the BBC and
// AG News corpora, against named peers on the same pairs; time per fingerprint against hashing alone;
// band-key lookup load against the whole BBC corpus. --write-docs puts the tables into
// docs/benchmarks-dedupe.md between its bench:dedupe markers.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EvalDataMissing } from '../../scripts/data-paths.ts';
import { loadAgNewsArticles, loadBbcArticles, type CorpusArticle } from './eval/corpus.ts';
import { minhashLsh, PEERS, sharesBandKey, type Detector } from './eval/detectors.ts';
import { buildEvaluationSet } from './eval/pairs.ts';
import { Random } from './eval/random.ts';
import { randomSite } from './eval/sites.ts';
import { containment, fingerprint, hammingDistance, isSyndicatedCopy, MIN_CONTAINMENT, MIN_WORDS } from '../../shared/dedupe/index.ts';
import { lookupLoadTable } from './band-index.ts';
import { detectorScores, falseAlarmsByVariant, fingerprintPairs, oracleSimhashThreshold, recallByEdit, type FingerprintedPair } from './quality.ts';
import { editTable, fixed, scoresTable, table, variantTable } from './report.ts';
import { speedTable } from './speed.ts';
import { quantile } from './stats.ts';

const PRECISION_TARGET = 0.98;
const RECALL_TARGET = 0.95;
/** Sites whose templates wrap the indexed articles in the hot-key measurement. */
const TEMPLATED_SITES = 5;

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    copies: { type: 'string', default: '500' },
    distinct: { type: 'string', default: '500' },
    'extra-seeds': { type: 'string', default: '2,3,4,5,6,7,8,9,10' },
    'write-docs': { type: 'boolean', default: false },
  },
});
const seed = Number(args.seed);
const sizes = { copies: Number(args.copies), distinct: Number(args.distinct) };
const extraSeeds = args['extra-seeds'] === '' ? [] : args['extra-seeds'].split(',').map(Number);

// Every table here is built from the research-only corpora; without them there is nothing to measure
// (the test suite checks the same rule on the project's own text: bench/dedupe/eval/evaluation.test.ts).
function loadOrExit(load: () => CorpusArticle[]): CorpusArticle[] {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof EvalDataMissing)) throw error;
    console.log(`bench:dedupe skipped: ${error.message}`);
    process.exit(0);
  }
}
const bbc = loadOrExit(loadBbcArticles);
const agNews = loadOrExit(loadAgNewsArticles);
const evaluate = (corpus: readonly CorpusArticle[], s: number) => fingerprintPairs(buildEvaluationSet(corpus, { seed: s, ...sizes }));
const pairs = evaluate(bbc, seed);
const agPairs = evaluate(agNews, seed);

function peersSection(): string {
  const bits = oracleSimhashThreshold(pairs, PRECISION_TARGET);
  const oracle: Detector = {
    name: `SimHash, distance <= ${bits} (oracle: the loosest threshold keeping precision >= ${PRECISION_TARGET} on these pairs)`,
    isCopy: (a, b) => hammingDistance(a.simhash, b.simhash) <= bits,
  };
  const main = detectorScores(pairs, minhashLsh);
  const met = main.precision >= PRECISION_TARGET && main.recall >= RECALL_TARGET;
  return [
    scoresTable([minhashLsh, ...PEERS, oracle].map((d) => ({ name: d.name, scores: detectorScores(pairs, d) }))),
    '',
    `Targets (precision >= ${PRECISION_TARGET}, recall >= ${RECALL_TARGET}) for this module on seed ${seed}: **${met ? 'met' : 'NOT met'}**.`,
  ].join('\n');
}

function seedsSection(): string {
  const rows = [seed, ...extraSeeds].map((s) => {
    const scores = detectorScores(s === seed ? pairs : evaluate(bbc, s), minhashLsh);
    return [s, fixed(scores.precision), fixed(scores.recall), scores.falsePositives, scores.falseNegatives];
  });
  return table(['seed', 'precision', 'recall', 'false pos.', 'false neg.'], rows);
}

function shortTextsSection(): string {
  const scores = detectorScores(agPairs, minhashLsh);
  const words = agPairs.flatMap(({ a, b }) => [a.words, b.words]);
  const shortCopies = agPairs.filter((p) => p.kind === 'copy' && Math.min(p.a.words, p.b.words) < MIN_WORDS).length;
  return table(
    ['corpus', 'median words', 'precision', 'recall', 'false pos.', 'false neg.', `copies with a side under ${MIN_WORDS} words`],
    [['AG News', quantile(words, 0.5), fixed(scores.precision), fixed(scores.recall), scores.falsePositives, scores.falseNegatives, shortCopies]],
  );
}

/** The one free parameter of the rule, swept over both corpora. */
function thresholdSection(): string {
  const rows = [0.5, 0.6, MIN_CONTAINMENT, 0.75, 0.8].map((threshold) => {
    const detector: Detector = {
      name: `containment >= ${fixed(threshold, 2)}`,
      isCopy: (a, b) => sharesBandKey(a, b) && isSyndicatedCopy(a, b, threshold),
    };
    const [onBbc, onAg] = [pairs, agPairs].map((set) => detectorScores(set, detector));
    return [
      threshold === MIN_CONTAINMENT ? `**${fixed(threshold, 2)}** (chosen)` : fixed(threshold, 2),
      fixed(onBbc.precision), fixed(onBbc.recall), fixed(onAg.precision), fixed(onAg.recall),
    ];
  });
  return table(['MIN_CONTAINMENT', 'BBC precision', 'BBC recall', 'AG News precision', 'AG News recall'], rows);
}

function distributionSection(): string {
  const quantiles = (kind: FingerprintedPair['kind'], measure: (p: FingerprintedPair) => number, digits: number) => {
    const values = pairs.filter((p) => p.kind === kind).map(measure);
    return [0, 0.01, 0.05, 0.5, 0.95, 0.99, 1].map((q) => fixed(quantile(values, q), digits));
  };
  const contained = (p: FingerprintedPair) => containment(p.a, p.b);
  const bitsApart = (p: FingerprintedPair) => hammingDistance(p.a.simhash, p.b.simhash);
  return table(
    ['measure', 'pairs', 'min', 'p1', 'p5', 'median', 'p95', 'p99', 'max'],
    [
      ['containment', 'copies', ...quantiles('copy', contained, 2)],
      ['containment', 'distinct', ...quantiles('distinct', contained, 2)],
      ['SimHash bits apart', 'copies', ...quantiles('copy', bitsApart, 0)],
      ['SimHash bits apart', 'distinct', ...quantiles('distinct', bitsApart, 0)],
    ],
  );
}

function lookupSection(): string {
  const lookupsOf = (kind: FingerprintedPair['kind']) =>
    pairs.filter((p) => p.kind === kind).map((p) => ({ fingerprint: p.b, sourceId: p.pair.ids[1] }));
  const lookups = [
    { label: 'copies (side b), source = their original', lookups: lookupsOf('copy') },
    { label: 'distinct texts (side b), source = their own article', lookups: lookupsOf('distinct') },
  ];
  // Worst case for hot keys: every stored page still carries its site's template (one of five sites).
  const rng = new Random(seed);
  const sites = Array.from({ length: TEMPLATED_SITES }, () => randomSite(rng, bbc.map((article) => article.title)));
  const templated = bbc.map((article, i) => {
    const page = sites[i % sites.length].wrap(article.text.split(/\n\s*\n/), article.title).join('\n\n');
    return { id: article.id, fingerprint: fingerprint(page) };
  });
  return [
    '#### Bare articles indexed',
    '',
    lookupLoadTable(bbc.map((article) => ({ id: article.id, fingerprint: fingerprint(article.text) })), lookups),
    '',
    `#### Every indexed article inside one of ${TEMPLATED_SITES} site templates (boilerplate left by extraction)`,
    '',
    lookupLoadTable(templated, lookups),
  ].join('\n');
}

const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const report = [
  `Run ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}, 1-min load average ${fixed(os.loadavg()[0], 1)} at start), Node ${process.version}: ` +
    `\`npm run bench:dedupe\`, BBC set seed ${seed}, ${sizes.copies} copies + ${sizes.distinct} distinct pairs.`,
  '',
  '### Precision and recall (BBC), with peers on the same pairs',
  '',
  peersSection(),
  '',
  `### The same BBC set built from other seeds (this module)`,
  '',
  seedsSection(),
  '',
  '### Recall by edit (BBC, this module)',
  '',
  editTable(recallByEdit(pairs, minhashLsh)),
  '',
  '### False positives by kind of distinct pair (BBC, this module)',
  '',
  variantTable(falseAlarmsByVariant(pairs, minhashLsh)),
  '',
  `### Score distributions (BBC; the rule flags containment >= ${fixed(MIN_CONTAINMENT, 2)})`,
  '',
  distributionSection(),
  '',
  `### Short texts: the same kind of set built from AG News (seed ${seed})`,
  '',
  shortTextsSection(),
  '',
  `### The decision threshold swept (seed ${seed}, band-key lookup included)`,
  '',
  thresholdSection(),
  '',
  '### Speed and size',
  '',
  speedTable(bbc.map((article) => article.text), pairs.map(({ a, b }) => [a, b] as const)),
  '',
  '### Band-key lookup load (the BBC corpus indexed as `BAND#<key>` items)',
  '',
  lookupSection(),
].join('\n');

console.log(report);

if (args['write-docs']) {
  const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'benchmarks-dedupe.md');
  const [start, end] = ['<!-- bench:dedupe:start -->', '<!-- bench:dedupe:end -->'];
  const current = readFileSync(docs, 'utf8');
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${docs} lacks the ${start} ... ${end} markers`);
  writeFileSync(docs, `${current.slice(0, from + start.length)}\n${report}\n${current.slice(to)}`);
  console.error(`updated ${docs}`);
}
