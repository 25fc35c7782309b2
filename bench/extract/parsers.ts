/**
 * Why shared/extract parses with htmlparser2: the time cheerio takes to load every benchmark page with
 * each of its two parsers (cheerio/slim over htmlparser2, full cheerio over parse5), in one process,
 * alternating per page so both see the same machine load.
 *
 *   npm run bench:extract:parsers
 */
import { load as loadParse5 } from 'cheerio';
import { load as loadHtmlparser2 } from 'cheerio/slim';
import { loadCorpus, readPageHtml } from './corpus.ts';

const REPEATS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const pages = loadCorpus().map((page) => readPageHtml(page.id).toString('utf8'));
const parsers = { 'cheerio/slim (htmlparser2)': loadHtmlparser2, 'cheerio (parse5)': loadParse5 };
const perPage = new Map(Object.keys(parsers).map((name) => [name, [] as number[]]));
for (const html of pages) for (const load of Object.values(parsers)) load(html); // warm-up
for (const html of pages) {
  for (const [name, load] of Object.entries(parsers)) perPage.get(name)!.push(median(Array.from({ length: REPEATS }, () => timeMs(() => load(html)))));
}
console.log(`${pages.length} pages, median of ${REPEATS} loads per page, wall clock, Node ${process.version}`);
for (const [name, times] of perPage) {
  const total = times.reduce((sum, time) => sum + time, 0);
  console.log(`${name.padEnd(28)} mean ${(total / times.length).toFixed(2)} ms/page, median ${median(times).toFixed(2)} ms/page`);
}
