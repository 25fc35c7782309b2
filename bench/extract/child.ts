/**
 * One measured benchmark process: `node <bundle> <extractor> <corpus dir>` prints a ChildResult as
 * JSON. Run by run.ts; see there.
 */
import { pathToFileURL } from 'node:url';
import { loadCorpus, readPageHtml } from './corpus.ts';
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
  for (const page of pages) extract({ url: page.url, html: readPageHtml(page.id, dir) });
  const texts: Record<string, string> = {};
  const passes: Pass[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    // Pages are read one at a time, outside the timed region, so the process holds only the
    // extractor's own memory and the clock sees only extraction.
    const timesMs: number[] = [];
    for (const page of pages) {
      const input = { url: page.url, html: readPageHtml(page.id, dir) };
      const started = performance.now();
      texts[page.id] = extract(input);
      timesMs.push(performance.now() - started);
    }
    passes.push({ timesMs, totalMs: timesMs.reduce((sum, ms) => sum + ms, 0) });
  }
  return { texts, passes, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  const [name, dir] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await runChild(name as ExtractorName, dir)));
}
