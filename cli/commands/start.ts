// `syndic start`: the whole pipeline on this machine, over the sample sites, ending with a summary.
import { TARGET_OPTIONS, defineCommand } from '../command.ts';
import { openTarget } from '../target.ts';
import { startSampleServer } from '../local/sample-server.ts';
import { registerFeeds, runFlow } from '../local/local-flow.ts';
import type { FlowSummary } from '../local/local-flow.ts';
import { queryArticles } from '../../shared/store/article-query.ts';
import { CursorCodec } from '../../shared/store/cursor.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';

const DEFAULT_SAMPLES_PORT = 4780;

export const startCommand = defineCommand({
  name: 'start',
  summary: 'Run the whole pipeline on this machine over the sample news sites, then print a summary (npm start runs this).',
  options: {
    json: { type: 'boolean', description: 'end with the summary as one JSON object on the last line' },
    verbose: { type: 'boolean', description: "print the pipeline's log lines" },
    profile: TARGET_OPTIONS.profile,
  },
  notes: `The sample sites are served on 127.0.0.1:${DEFAULT_SAMPLES_PORT} (or $SYNDIC_SAMPLES_PORT); a second run stores nothing twice.`,
  examples: ['syndic start', 'syndic start --json --profile demo'],
  run: async ({ values }) => start(values),
});

async function start(values: { json: boolean; verbose: boolean; profile: string }): Promise<number> {
  const log = (line: string) => console.log(line);
  // A fixed port keeps the sample URLs, and so the article ids, the same from one run to the next.
  const port = Number(process.env.SYNDIC_SAMPLES_PORT ?? DEFAULT_SAMPLES_PORT);
  const samples = await startSampleServer({ port }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'EADDRINUSE' ? `port ${port} is in use: set SYNDIC_SAMPLES_PORT to a free one` : error.message);
  });
  log(`sample sites on http://127.0.0.1:${samples.port} (${samples.manifest.feeds.length} feeds)`);
  // The sample sites live on 127.0.0.1, which the fetcher refuses unless told otherwise.
  const target = await openTarget({ profile: values.profile, verbose: values.verbose, settings: { SYNDIC_ALLOW_LOOPBACK: 'true' } });
  try {
    log('local AWS-compatible servers ready (DynamoDB: dynalite, SQS + S3: fauxqs)');
    await registerFeeds(target.state, samples.manifest.feeds.map((feed) => feed.url), new Date());
    const summary = await runFlow(target.local!, (line) => log(`  ${line}`));
    const cursors = new CursorCodec(await target.state.cursorKey());
    const example = (await queryArticles(target.articles, { since: new Date(Date.now() - 365 * 86_400_000).toISOString(), limit: 1 }, cursors)).items[0] ?? null;
    printSummary(summary, example, log);
    if (values.json) console.log(JSON.stringify({ ...summary, example: example && exampleView(example) }));
    return 0;
  } finally {
    await target.close();
    await samples.stop();
  }
}

function printSummary(summary: FlowSummary, example: ArticleRecord | null, log: (line: string) => void): void {
  log('');
  log('summary');
  log(`  feeds read:          ${summary.feeds} (${summary.notModified} not modified)`);
  log(`  articles stored:     ${summary.stored} (${summary.copies} recognised as syndicated copies)`);
  if (summary.updated > 0) log(`  articles updated:    ${summary.updated} (a new version of their feed entry)`);
  log(`  duplicates skipped:  ${summary.duplicates}`);
  log(`  failures:            ${summary.failures.length}`);
  for (const failure of summary.failures) log(`    ${failure.url}\n      ${failure.reason}`);
  const topics = Object.entries(summary.topics).sort((a, b) => b[1] - a[1]);
  if (topics.length > 0) {
    log('  topics (first label of each new story):');
    const width = Math.max(...topics.map(([label]) => label.length));
    for (const [label, count] of topics) log(`    ${label.padEnd(width)}  ${'#'.repeat(count)} ${count}`);
  }
  log('');
  log('example query: syndic query --limit 1');
  log(example ? JSON.stringify(exampleView(example), null, 2) : '  (no articles stored yet)');
}

function exampleView(record: ArticleRecord) {
  return {
    id: record.id,
    title: record.title,
    source: record.source.host,
    publishedAt: record.publishedAt,
    topics: record.topics.map((topic) => `${topic.label} ${topic.score}`),
    excerpt: record.excerpt,
  };
}
