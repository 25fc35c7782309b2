// The process-article Lambda's bundle size (zipped) and the classifier's cold start: a fresh Node
// process importing the bundled classifier and labelling its first English article (the English model
// decoded), then its first Russian article (the multilingual model decoded too). Bundled with esbuild as infra/stack.ts bundles.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { median } from './metrics.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const banner = "import { createRequire as __syndicCreateRequire } from 'node:module'; const require = __syndicCreateRequire(import.meta.url);";

async function bundle(entry: string, outfile: string): Promise<void> {
  await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', minify: true, mainFields: ['module', 'main'], banner: { js: banner }, logLevel: 'silent' });
}

// Wall and CPU milliseconds: after the import and the first English article (the English model
// decoded), and after the first Russian article too (the multilingual model decoded as well).
const probe = `
const wall = performance.now();
const cpu = process.cpuUsage();
const since = () => { const u = process.cpuUsage(cpu); return [performance.now() - wall, (u.user + u.system) / 1000]; };
const { classifyTopics } = await import(new URL(process.argv[2], 'file://').href);
classifyTopics({ title: 'Late penalty sends United into the cup final', text: 'A stoppage-time penalty gave United a 2-1 win over City in the semi-final.' });
const english = since();
classifyTopics({ title: null, text: 'Парламент принял закон о выборах, а оппозиция заявила, что новые правила помогут правящей партии.' });
console.log(JSON.stringify({ english, both: since() }));
`;

export async function coldStartReport(passes = 5): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'syndic-cold-start-'));
  try {
    const handler = path.join(dir, 'process-article.mjs');
    const classifier = path.join(dir, 'classify.mjs');
    await bundle(path.join(root, 'functions/process-article/handler.ts'), handler);
    await bundle(path.join(root, 'shared/classify/index.ts'), classifier);
    const bytes = readFileSync(handler);
    writeFileSync(path.join(dir, 'probe.mjs'), probe);
    const runs = Array.from({ length: passes }, () => {
      const out = execFileSync(process.execPath, [path.join(dir, 'probe.mjs'), classifier], { encoding: 'utf8' });
      return JSON.parse(out) as { english: [number, number]; both: [number, number] };
    });
    const ms = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick)).toFixed(0);
    return [
      `\nprocess-article bundle (esbuild, minified, AWS SDK inside): ${(bytes.length / 1e6).toFixed(1)} MB, ${(gzipSync(bytes).length / 1e6).toFixed(1)} MB compressed (gzip, about its zip size). Classifier cold start in a fresh Node process, median of ${passes}: import of the bundled classifier + first English article ${ms((r) => r.english[1])} ms CPU (${ms((r) => r.english[0])} ms wall); + first Russian article, both models decoded, ${ms((r) => r.both[1])} ms CPU (${ms((r) => r.both[0])} ms wall)`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
