// `syndic reprocess`: re-run extraction, fingerprinting and classification from the raw archive. Locally
// the same per-key function the state machine calls runs in-process; with --aws the deployed state
// machine runs it as a Distributed Map.
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { parseSince } from '../args.ts';
import { JSON_OPTION, TARGET_OPTIONS, defineCommand, timeValue } from '../command.ts';
import { startProgress } from '../progress.ts';
import { StackError, openTarget } from '../target.ts';
import { reprocessDeps } from '../../shared/pipeline/dependencies.ts';
import { reprocessRawKey } from '../../shared/pipeline/reprocess.ts';
import { mapConcurrently } from '../../shared/pipeline/concurrently.ts';
import type { ReprocessOutcome } from '../../shared/pipeline/reprocess.ts';
import { RawArchive, rawPrefix } from '../../shared/store/raw-archive.ts';
import { customTopicsFrom } from '../../shared/pipeline/analyze-page.ts';
import customTopicsFile from '../../config/topics.json' with { type: 'json' };

const CONCURRENCY = 4;

export const reprocessCommand = defineCommand({
  name: 'reprocess',
  summary: 'Rebuild records from the raw archive after an upgrade (locally in-process; with --aws the deployed Step Functions Distributed Map).',
  options: {
    since: { type: 'string', value: 'D', check: timeValue, description: 'raw copies fetched from: 7d, 12h, 30m, 2w before now, or a date' },
    until: { type: 'string', value: 'D', check: timeValue, description: 'raw copies fetched until (as --since)' },
    source: { type: 'string', value: 'HOST', description: 'only the pages of one source site' },
    'dry-run': { type: 'boolean', description: 'count what would change, write nothing' },
    ...JSON_OPTION,
    ...TARGET_OPTIONS,
  },
  notes: 'A record whose extractor, classifier and custom-topic versions and text did not change is not rewritten.',
  examples: ['syndic reprocess --dry-run', 'syndic reprocess --since 30d --source example.com', 'syndic reprocess --aws --since 2026-11-01'],
  run: async ({ values }) => reprocess(values),
});

async function reprocess(values: { since?: string; until?: string; source?: string; 'dry-run': boolean; json: boolean; aws: boolean; stack: string; profile: string }): Promise<number> {
  const range = { since: parseSince(values.since), until: parseSince(values.until) };
  const options = { source: values.source ?? null, dryRun: values['dry-run'] };

  const target = await openTarget(values);
  try {
    if (!target.local) {
      const arn = target.runtime().reprocessStateMachineArn;
      if (!arn) throw new StackError(`stack ${target.stack} has no output ReprocessStateMachineArn: redeploy it, or set SYNDIC_REPROCESS_STATE_MACHINE_ARN`);
      const input = { prefix: rawPrefix(range.since, range.until), since: range.since ?? null, until: range.until ?? null, ...options };
      const { executionArn } = await new SFNClient({}).send(new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify(input) }));
      // Keys that fail do not stop the run: the map run counts them (DescribeMapRun's ItemCounts.failed).
      console.log(`started ${executionArn}; per-key failures are counted in its map run (ItemCounts.failed)`);
      return 0;
    }
    const deps = reprocessDeps(target.names, target.aws, customTopicsFrom(customTopicsFile));
    const keys: string[] = [];
    for await (const key of new RawArchive(target.aws.s3, target.names.rawBucket).list(range)) keys.push(key);
    const counts: Record<ReprocessOutcome['status'] | 'failed', number> = { updated: 0, 'would-update': 0, unchanged: 0, skipped: 0, failed: 0 };
    const progress = startProgress('reprocessed', keys.length, values);
    await mapConcurrently(keys, CONCURRENCY, async (key) => {
      try {
        counts[(await reprocessRawKey(deps, key, options)).status]++;
      } catch (error) {
        counts.failed++;
        progress.note(`${key}: ${(error as Error).message}`);
      }
      progress.tick();
    });
    progress.done();
    console.log(values.json ? JSON.stringify(counts) : Object.entries(counts).map(([status, n]) => `${status}: ${n}`).join(', '));
    return counts.failed > 0 ? 1 : 0;
  } finally {
    await target.close();
  }
}
