/**
 * One measured benchmark process: `node <bundle> <extractor> <corpus dir>` prints a ChildResult as
 * JSON on stdout. Started by run.ts, which explains the method.
 */
import { pathToFileURL } from 'node:url';
import { loadCorpus, readPageHtml } from './corpus.ts';
import { EXTRACTORS, type ExtractorName } from './extractors.ts';

export const PASSES = 3;

/** Per-page times of one pass over the corpus, in milliseconds. */
export interface Pass {
  wallMs: number[];
  /** CPU time of the whole process (all threads, so garbage collection counts too). */
  cpuMs: number[];
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
    // extractor's own memory and the clocks see only extraction.
    const timings: Pass = { wallMs: [], cpuMs: [] };
    for (const page of pages) {
      const input = { url: page.url, html: readPageHtml(page.id, dir) };
      const cpuBefore = process.cpuUsage();
      const wallBefore = performance.now();
      texts[page.id] = extract(input);
      timings.wallMs.push(performance.now() - wallBefore);
      const cpu = process.cpuUsage(cpuBefore);
      timings.cpuMs.push((cpu.user + cpu.system) / 1000);
    }
    passes.push(timings);
  }
  return { texts, passes, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  const [name, dir] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await runChild(name as ExtractorName, dir)));
}
