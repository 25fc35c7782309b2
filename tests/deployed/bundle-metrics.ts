// What each deployed bundle costs: its zipped size (what Lambda downloads) and how long a fresh node
// process takes to import it (the part of a cold start the code decides), against a named peer.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';

export interface BundleMetrics {
  name: string;
  files: number;
  bytes: number;
  /** Size of a zip of the folder at the highest compression: deflated contents plus zip headers. */
  zippedBytes: number;
  importMs: number;
}

// Local file header (30 bytes) and central directory entry (46 bytes) per file, both carrying the name.
const ZIP_ENTRY_OVERHEAD = 30 + 46;
const ZIP_END_RECORD = 22;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(path.join(dir, name)).isFile());
}

export function zippedSize(dir: string): { files: number; bytes: number; zippedBytes: number } {
  let bytes = 0;
  let zippedBytes = ZIP_END_RECORD;
  const files = filesUnder(dir);
  for (const name of files) {
    const content = readFileSync(path.join(dir, name));
    bytes += content.length;
    zippedBytes += ZIP_ENTRY_OVERHEAD + 2 * Buffer.byteLength(name) + deflateRawSync(content, { level: 9 }).length;
  }
  return { files: files.length, bytes, zippedBytes };
}

const IMPORT_TIMER = 'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';

/** Median time to import a module in a fresh node process with an empty environment, over `repeats` processes. */
export function importMs(specifier: string, repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', IMPORT_TIMER, specifier], { encoding: 'utf8', env: {}, cwd: path.dirname(specifier) });
    if (run.status !== 0) throw new Error(`importing ${specifier} failed: ${run.stderr.slice(-1000)}`);
    times.push(Number(run.stdout));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** The peer: the DynamoDB client as npm installs it, which every function carries in some form. */
export const PEER = '@aws-sdk/client-dynamodb (node_modules, unbundled)';

export function peerImportMs(repeats: number): number {
  return importMs(createRequire(import.meta.url).resolve('@aws-sdk/client-dynamodb'), repeats);
}

export interface Baseline {
  /** Zipped bytes per function; a bundle more than `tolerance` above its figure fails the test. */
  zippedBytes: Record<string, number>;
  tolerance: number;
}

/** Bundles that grew past the baseline's tolerance, or that it does not know; each as one line. */
export function sizeRegressions(metrics: BundleMetrics[], baseline: Baseline): string[] {
  return metrics.flatMap(({ name, zippedBytes }) => {
    const before = baseline.zippedBytes[name];
    if (before === undefined) return [`${name}: ${zippedBytes} bytes zipped and no baseline size; add it to tests/deployed/bundle-baseline.json`];
    const growth = zippedBytes / before - 1;
    return growth > baseline.tolerance ? [`${name}: ${zippedBytes} bytes zipped, ${(growth * 100).toFixed(1)} % above the baseline ${before}`] : [];
  });
}

export const SECTION_START = '<!-- deployed-bundles:start -->';
export const SECTION_END = '<!-- deployed-bundles:end -->';

/** docs/benchmarks.md with its bundle section replaced by these figures (appended if it has none). */
export function withBundleSection(doc: string, metrics: BundleMetrics[], peerMs: number, machine: string, repeats: number): string {
  const kib = (n: number) => (n / 1024).toFixed(0);
  const rows = metrics.map(
    (m) => `| ${m.name} | ${m.files} | ${kib(m.bytes)} | ${kib(m.zippedBytes)} | ${m.importMs.toFixed(0)} | ${(m.importMs / peerMs).toFixed(2)} |`,
  );
  const section = [
    SECTION_START,
    '## Deployed bundles: `SYNDIC_RECORD_BUNDLES=1 npx vitest run tests/deployed`',
    '',
    'The esbuild bundles `cdk synth` puts in the cloud assembly, as Lambda receives them; the same test runs each of',
    'them against the local servers (see [README.md](../README.md#deploy-to-localstack)). Zipped size: the asset folder deflated at level 9',
    'with zip headers. Import: median of ' + repeats + ' fresh `node` processes importing the bundle (the code\'s part of a',
    `cold start), and its ratio to importing ${PEER} in the same run.`,
    'A bundle more than 25 % above its size in `tests/deployed/bundle-baseline.json` fails the test.',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; peer import ${peerMs.toFixed(0)} ms.`,
    '',
    '| function | files | KiB | KiB zipped | import ms | vs peer |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    SECTION_END,
  ].join('\n');
  const start = doc.indexOf(SECTION_START);
  const end = doc.indexOf(SECTION_END);
  if (start === -1 || end === -1) return `${doc.trimEnd()}\n\n${section}\n`;
  return doc.slice(0, start) + section + doc.slice(end + SECTION_END.length);
}
