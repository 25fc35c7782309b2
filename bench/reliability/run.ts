// npm run bench:reliability -- [--articles N] [--feeds N] [--hosts N] [--seed S] [--json]
//
// The reliability suite of issue 16: the real handlers in killable worker processes against the local
// AWS-compatible servers and an origin farm of loopback news sites, every fault type injected (seeded),
// then the invariants checked and the figures printed (a table; with --json one JSON object on the last
// line). Exit code 0 when every invariant holds and every fault type fired, 1 otherwise, 2 on bad options.
import os from 'node:os';
import { DEFAULT_SUITE, runSuite } from './suite.ts';
import { figures, formatFigures, problems } from './figures.ts';
import { parseOptions } from './options.ts';

const options = parseOptions(process.argv.slice(2), { articles: 10_000, feeds: 200, hosts: 50, seed: 1 }, ['articles', 'feeds', 'hosts', 'seed'], 'npm run bench:reliability');
const result = await runSuite({
  ...DEFAULT_SUITE,
  articles: options.articles,
  feeds: options.feeds,
  hosts: options.hosts,
  seed: options.seed,
  faults: true,
  progress: (line) => process.stderr.write(`${line}\n`),
});
const out = figures(result);
const failed = problems(result);
console.log(formatFigures(out, `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${result.loadAverage}`));
if (failed.length > 0) console.log(`\nFAILED:\n${failed.map((line) => `  ${line}`).join('\n')}`);
if (options.json) console.log(JSON.stringify(out));
process.exitCode = failed.length > 0 ? 1 : 0;
