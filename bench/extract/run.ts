/**
 * The article-extraction benchmark: syndic against @mozilla/readability over linkedom, each in its
 * own process (so peak RSS is its own), on the shared corpus. Prints the table and writes it to
 * docs/benchmarks-extract.md.
 *
 * Timing on a shared 2-core machine is noisy, so the extractors take turns (ROUNDS processes each,
 * alternating) and each process makes PASSES timed passes after a warm-up pass; each extractor is
 * reported from its fastest pass.
 *
 *   npm run bench:extract                  # both extractors, writes the docs table
 *   npm run bench:extract -- --report f.json   # also per-page precision/recall, for debugging
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { corpusDir, loadCorpus } from './corpus.ts';
import { PASSES, type ChildResult } from './child.ts';
import type { ExtractorName } from './extractors.ts';
import { pageCounts, scoreCorpus } from './metric.ts';

const ROUNDS = 2;

const scriptPath = fileURLToPath(import.meta.url);
const repoRoot = path.resolve(path.dirname(scriptPath), '..', '..');

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function summarize(results: ChildResult[], pages: ReturnType<typeof loadCorpus>) {
  const counts = pages.map((page) => pageCounts(page.articleBody, results[0].texts[page.id] ?? ''));
  const fastest = results.flatMap((result) => result.passes).reduce((best, pass) => (pass.totalMs < best.totalMs ? pass : best));
  const sorted = [...fastest.timesMs].sort((a, b) => a - b);
  return {
    ...scoreCorpus(counts),
    counts,
    pagesPerSecond: (pages.length / fastest.totalMs) * 1000,
    medianMs: quantile(sorted, 0.5),
    p95Ms: quantile(sorted, 0.95),
    peakRssMb: Math.max(...results.map((result) => result.peakRssMb)),
  };
}

// The measured processes run a plain-Node bundle, as a Lambda would, so no TypeScript loader
// sits in their memory or time.
function bundleForChildren(): string {
  const outfile = path.join(os.tmpdir(), `syndic-bench-extract-${process.pid}.mjs`);
  buildSync({
    entryPoints: [path.join(path.dirname(scriptPath), 'child.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error',
    external: ['canvas'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return outfile;
}

function main(): void {
  const args = process.argv.slice(2);
  const bundle = bundleForChildren();
  const reportAt = args.indexOf('--report');
  const pages = loadCorpus();
  const names: ExtractorName[] = ['syndic', 'readability-linkedom'];
  const runs = new Map<ExtractorName, ChildResult[]>(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) {
      const output = execFileSync(process.execPath, [bundle, name, corpusDir()], { maxBuffer: 512 * 1024 * 1024 });
      runs.get(name)!.push(JSON.parse(output.toString('utf8')) as ChildResult);
    }
  }
  rmSync(bundle, { force: true });
  const results = names.map((name) => summarize(runs.get(name)!, pages));
  const [syndic, peer] = results;

  const rows = names.map((name, i) => {
    const r = results[i];
    return `| ${name} | ${r.f1.toFixed(3)} | ${r.precision.toFixed(3)} | ${r.recall.toFixed(3)} | ${r.pagesPerSecond.toFixed(1)} | ${r.medianMs.toFixed(2)} | ${r.p95Ms.toFixed(2)} | ${r.peakRssMb.toFixed(0)} |`;
  });
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const table = [
    `Command: \`npm run bench:extract\` (${pages.length} pages of the article-extraction-benchmark; each extractor in its own processes, ${ROUNDS} alternating processes x (1 warm-up + ${PASSES} timed passes), single thread; pages are read from disk outside the timed region; speed from each extractor's fastest pass, peak RSS the largest of its processes).`,
    `Machine: ${os.cpus().length}-core ${cpu}, Node ${process.version}, ${os.platform()}; run ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| extractor | F1 | precision | recall | pages/s | median ms/page | p95 ms/page | peak RSS MB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `syndic / Readability+linkedom: F1 ${(syndic.f1 - peer.f1 >= 0 ? '+' : '')}${(syndic.f1 - peer.f1).toFixed(3)}, throughput ${(syndic.pagesPerSecond / peer.pagesPerSecond).toFixed(1)}x, median time ${(peer.medianMs / syndic.medianMs).toFixed(1)}x faster.`,
  ].join('\n');
  console.log(table);

  const doc = [
    '# Article extraction benchmark',
    '',
    'Metric: the benchmark\'s own (evaluate.py): token 4-gram shingles, per-page precision and recall averaged over pages, F1 of the averages.',
    'syndic gets the raw bytes and runs its whole `extractArticle` (charset, metadata, language, text); Readability gets a linkedom document and returns `textContent`.',
    '',
    table,
    '',
  ].join('\n');
  writeFileSync(path.join(repoRoot, 'docs', 'benchmarks-extract.md'), doc);

  if (reportAt >= 0) {
    const perPage = pages.map((page, i) => ({ id: page.id, url: page.url, syndic: syndic.counts[i], readability: peer.counts[i] }));
    writeFileSync(args[reportAt + 1], JSON.stringify(perPage, null, 1));
  }
}

main();
