// `syndic reprocess`: re-run extraction, fingerprinting and classification from the raw archive. Locally
// the same per-key function the state machine calls runs in-process; with --aws the deployed state
// machine runs it as a Distributed Map.
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { UsageError, parse, parseSince } from '../args.ts';
import { openTarget } from '../target.ts';
import { reprocessDeps } from '../../shared/pipeline/dependencies.ts';
import { reprocessRawKey } from '../../shared/pipeline/reprocess.ts';
import { mapConcurrently } from '../../shared/pipeline/concurrently.ts';
import type { ReprocessOutcome } from '../../shared/pipeline/reprocess.ts';
import { RawArchive, rawPrefix } from '../../shared/store/raw-archive.ts';
import { customTopicsFrom } from '../../shared/pipeline/analyze-page.ts';
import customTopicsFile from '../../config/topics.json' with { type: 'json' };

const CONCURRENCY = 4;

export async function reprocessCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    since: { type: 'string' },
    until: { type: 'string' },
    source: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    aws: { type: 'boolean', default: false },
    profile: { type: 'string', default: 'local' },
  }, false);
  const range = { since: parseSince(values.since), until: parseSince(values.until) };
  const options = { source: values.source ?? null, dryRun: values['dry-run'] };

  const target = await openTarget({ aws: values.aws, profile: values.profile });
  try {
    if (!target.local) {
      const arn = target.runtime().reprocessStateMachineArn;
      if (!arn) throw new UsageError('set SYNDIC_REPROCESS_STATE_MACHINE_ARN to the stack output ReprocessStateMachineArn');
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
    let done = 0;
    await mapConcurrently(keys, CONCURRENCY, async (key) => {
      try {
        counts[(await reprocessRawKey(deps, key, options)).status]++;
      } catch (error) {
        counts.failed++;
        console.error(`\n${key}: ${(error as Error).message}`);
      }
      done++;
      if (process.stdout.isTTY) process.stdout.write(`\rreprocessed ${done} of ${keys.length}`);
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.log(values.json ? JSON.stringify(counts) : Object.entries(counts).map(([status, n]) => `${status}: ${n}`).join(', '));
    return counts.failed > 0 ? 1 : 0;
  } finally {
    await target.close();
  }
}
