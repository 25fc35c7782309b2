// `syndic cost`: what ingesting N articles a month costs on AWS, line by line, from the per-article
// operation counts of a measured run (bench/pipeline/counts.json) and the dated prices in the cost model.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { JSON_OPTION, defineCommand, wholeNumber } from '../command.ts';
import { costTable, formatCostTable, parseCounts } from '../../bench/pipeline/cost-model.ts';

const COUNTS_FILE = fileURLToPath(new URL('../../bench/pipeline/counts.json', import.meta.url));

export const costCommand = defineCommand({
  name: 'cost',
  summary: 'What ingesting N articles a month costs on AWS, line by line, from the counts of a measured run.',
  options: {
    'articles-per-month': { type: 'string', value: 'N', default: '1000000', check: wholeNumber(1, 1e12), description: 'articles ingested a month' },
    counts: { type: 'string', value: 'FILE', default: COUNTS_FILE, description: 'per-article operation counts (npm run bench:counts writes them)' },
    ...JSON_OPTION,
  },
  examples: ['syndic cost', 'syndic cost --articles-per-month 250000 --json'],
  run: async ({ values }) => cost(values),
});

async function cost(values: { 'articles-per-month': string; counts: string; json: boolean }): Promise<number> {
  const articles = Number(values['articles-per-month']);
  const counts = parseCounts(JSON.parse(await readFile(values.counts, 'utf8')));
  const table = costTable(counts, articles);
  if (values.json) console.log(JSON.stringify({ ...table, counts: counts.source }));
  else {
    console.log(formatCostTable(table));
    console.log(`\ncounts: ${counts.source.data}; ${counts.source.command} on ${counts.source.measuredAt.slice(0, 10)}`);
  }
  return 0;
}
