/**
 * The article-extraction benchmark: syndic against @mozilla/readability over linkedom (the named
 * peer) on the shared corpus, with the benchmark's own metric. Prints the table and writes it to
 * docs/benchmarks-extract.md.
 *
 *   npm run bench:extract                       # both extractors, writes the docs table
 *   npm run bench:extract -- --report f.json    # also per-page tp/fp/fn of both, for debugging
 *
 * Method. Each extractor runs in its own plain-Node processes (an esbuild bundle, as on Lambda),
 * so peak RSS is its own. The machine is shared, so the extractors take turns: ROUNDS processes
 * each, alternating, each making one warm-up pass and PASSES timed passes, reading pages outside
 * the timed region. Speed is taken from each extractor's fastest pass, on the process CPU clock
 * (what other work on the machine disturbs least) and on the wall clock.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { PASSES, type ChildResult, type Pass } from './child.ts';
import { corpusDir, loadCorpus } from './corpus.ts';
import type { ExtractorName } from './extractors.ts';
import { pageCounts, scoreCorpus } from './metric.ts';

const ROUNDS = 3;
const NAMES: ExtractorName[] = ['syndic', 'readability-linkedom'];
const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(scriptDir, '..', '..');

function bundleChild(): string {
  const outfile = path.join(os.tmpdir(), `syndic-bench-extract-${process.pid}.mjs`);
  buildSync({
    entryPoints: [path.join(scriptDir, 'child.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    logLevel: 'error', external: ['canvas'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return outfile;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function summarize(results: ChildResult[], pages: ReturnType<typeof loadCorpus>) {
  const counts = pages.map((page) => pageCounts(page.articleBody, results[0].texts[page.id] ?? ''));
  const passes = results.flatMap((result) => result.passes);
  const fastest = (clock: keyof Pass) => passes.reduce((best, pass) => (sum(pass[clock]) < sum(best[clock]) ? pass : best))[clock];
  const cpu = fastest('cpuMs');
  const wall = fastest('wallMs');
  return {
    ...scoreCorpus(counts),
    counts,
    cpuPagesPerSecond: (pages.length / sum(cpu)) * 1000,
    wallPagesPerSecond: (pages.length / sum(wall)) * 1000,
    medianCpuMs: quantile(cpu, 0.5),
    p95CpuMs: quantile(cpu, 0.95),
    p95WallMs: quantile(wall, 0.95),
    peakRssMb: Math.max(...results.map((result) => result.peakRssMb)),
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const reportAt = args.indexOf('--report');
  const pages = loadCorpus();
  const bundle = bundleChild();
  const runs = new Map<ExtractorName, ChildResult[]>(NAMES.map((name) => [name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of NAMES) {
        const output = execFileSync(process.execPath, [bundle, name, corpusDir()], { maxBuffer: 512 * 1024 * 1024 });
        runs.get(name)!.push(JSON.parse(output.toString('utf8')) as ChildResult);
      }
    }
  } finally {
    rmSync(bundle, { force: true });
  }
  const results = NAMES.map((name) => summarize(runs.get(name)!, pages));
  const [syndic, peer] = results;

  const rows = NAMES.map((name, i) => {
    const r = results[i];
    return `| ${name} | ${r.f1.toFixed(3)} | ${r.precision.toFixed(3)} | ${r.recall.toFixed(3)} | ${r.cpuPagesPerSecond.toFixed(0)} | ${r.wallPagesPerSecond.toFixed(0)} | ${r.medianCpuMs.toFixed(2)} | ${r.p95CpuMs.toFixed(2)} | ${r.p95WallMs.toFixed(2)} | ${r.peakRssMb.toFixed(0)} |`;
  });
  const cpuModel = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const table = [
    `Command: \`npm run bench:extract\` on ${pages.length} pages; ${ROUNDS} alternating processes per extractor x (1 warm-up + ${PASSES} timed passes), single thread, fastest pass reported.`,
    `Machine: ${os.cpus().length}-core ${cpuModel}, Node ${process.version}, ${os.platform()}, load average ${os.loadavg()[0].toFixed(1)} at the end; run ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| extractor | F1 | precision | recall | pages/s (CPU) | pages/s (wall) | median ms/page (CPU) | p95 ms/page (CPU) | p95 ms/page (wall) | peak RSS MB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `syndic vs Readability+linkedom: F1 ${syndic.f1 >= peer.f1 ? '+' : ''}${(syndic.f1 - peer.f1).toFixed(3)}; ` +
      `throughput ${(syndic.cpuPagesPerSecond / peer.cpuPagesPerSecond).toFixed(1)}x (CPU clock), ${(syndic.wallPagesPerSecond / peer.wallPagesPerSecond).toFixed(1)}x (wall clock).`,
  ].join('\n');
  console.log(table);

  writeFileSync(path.join(repoRoot, 'docs', 'benchmarks-extract.md'), [
    '# Article extraction benchmark',
    '',
    'Corpus: article-extraction-benchmark (181 news pages with human-checked bodies, MIT), committed in `data/extraction-benchmark`.',
    'Metric: the benchmark\'s own (its evaluate.py): token 4-gram shingles, per-page precision and recall averaged over pages, F1 of the averages.',
    'syndic gets the raw bytes and runs its whole `extractArticle` (charset, metadata, language, body); Readability gets a linkedom document of the UTF-8 text and returns `textContent`.',
    'Each extractor runs in its own plain-Node processes (an esbuild bundle, as deployed), so its peak RSS is its own; CPU time counts all threads of the process, garbage collection included.',
    'Speed ratios move with the load of the shared machine from run to run (the load average is printed); rerun the command to see the spread. F1 and RSS do not depend on it.',
    '',
    table,
    '',
  ].join('\n'));

  if (reportAt >= 0) {
    const perPage = pages.map((page, i) => ({ id: page.id, url: page.url, syndic: syndic.counts[i], readability: peer.counts[i] }));
    writeFileSync(args[reportAt + 1], JSON.stringify(perPage, null, 1));
  }
}

main();
