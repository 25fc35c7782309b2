// `syndic cost`: what ingesting N articles a month costs on AWS, line by line, from the per-article
// operation counts of a measured run (bench/pipeline/counts.json) and the dated prices in the cost model.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { UsageError, parse } from '../args.ts';
import { costTable, formatCostTable, parseCounts } from '../../bench/pipeline/cost-model.ts';

const COUNTS_FILE = fileURLToPath(new URL('../../bench/pipeline/counts.json', import.meta.url));

export async function costCommand(args: string[]): Promise<number> {
  const { values } = parse(
    args,
    {
      'articles-per-month': { type: 'string', default: '1000000' },
      counts: { type: 'string', default: COUNTS_FILE },
      json: { type: 'boolean', default: false },
    },
    false,
  );
  const articles = Number(values['articles-per-month']);
  if (!Number.isInteger(articles) || articles <= 0) throw new UsageError(`--articles-per-month must be a positive whole number, got '${values['articles-per-month']}'`);
  const counts = parseCounts(JSON.parse(await readFile(values.counts, 'utf8')));
  const table = costTable(counts, articles);
  if (values.json) console.log(JSON.stringify({ ...table, counts: counts.source }));
  else {
    console.log(formatCostTable(table));
    console.log(`\ncounts: ${counts.source.data}; ${counts.source.command} on ${counts.source.measuredAt.slice(0, 10)}`);
  }
  return 0;
}
