/**
 * One measured benchmark process: `node <bundle> <extractor> <corpus dir>` prints a ChildResult as
 * JSON. Run by run.ts; see there.
 */
import { pathToFileURL } from 'node:url';
import { loadCorpus } from './corpus.ts';
import { EXTRACTORS, type ExtractorName } from './extractors.ts';

export const PASSES = 3;

export interface Pass {
  timesMs: number[];
  totalMs: number;
}

export interface ChildResult {
  texts: Record<string, string>;
  passes: Pass[];
  peakRssMb: number;
}

async function runChild(name: ExtractorName, dir: string): Promise<ChildResult> {
  const pages = loadCorpus(dir);
  const extract = await EXTRACTORS[name]();
  // One untimed pass so both extractors are measured with warm JIT, as in a long-lived Lambda.
  for (const page of pages) extract(page);
  const texts: Record<string, string> = {};
  const passes: Pass[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const timesMs: number[] = [];
    const started = performance.now();
    for (const page of pages) {
      const pageStarted = performance.now();
      texts[page.id] = extract(page);
      timesMs.push(performance.now() - pageStarted);
    }
    passes.push({ timesMs, totalMs: performance.now() - started });
  }
  return { texts, passes, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  const [name, dir] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await runChild(name as ExtractorName, dir)));
}
