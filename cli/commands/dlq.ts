// `syndic dlq`: the dead letters, by reason, and moving them back to be processed again once the fault
// is gone. Locally the messages are moved one by one; with --aws an unfiltered redrive is SQS's own
// message move task, and a redrive filtered by --reason moves only the matching messages.
import { UsageError } from '../args.ts';
import { JSON_OPTION, TARGET_OPTIONS, defineCommand } from '../command.ts';
import { startProgress, type Progress } from '../progress.ts';
import { openTarget } from '../target.ts';
import { deadLetters } from '../../shared/pipeline/dependencies.ts';
import { summarizeByReason } from '../../shared/store/dead-letters.ts';
import type { DeadLetterEntry, DeadLetterQueueName } from '../../shared/store/dead-letters.ts';

const QUEUE_NAMES: DeadLetterQueueName[] = ['feeds', 'articles'];

export const dlqCommand = defineCommand({
  name: 'dlq',
  summary: 'Dead letters by reason (list), and moving them back to be processed again (redrive).',
  arguments: { usage: 'list|redrive', min: 1, max: 1 },
  options: {
    reason: { type: 'string', value: 'CODE', description: 'only the dead letters with this error code (e.g. HTTP_STATUS)' },
    queue: { type: 'string', value: 'Q', choices: QUEUE_NAMES, description: 'only this queue' },
    ...JSON_OPTION,
    ...TARGET_OPTIONS,
  },
  examples: ['syndic dlq list', 'syndic dlq redrive --reason HTTP_STATUS', 'syndic dlq list --aws --json'],
  run: async ({ values, positionals }) => dlq(positionals[0], values),
});

async function dlq(
  action: string,
  values: { reason?: string; queue?: string; json: boolean; aws: boolean; stack: string; profile: string },
): Promise<number> {
  if (action !== 'list' && action !== 'redrive') throw new UsageError(`the action must be list or redrive, got '${action}'`);
  const queue = values.queue as DeadLetterQueueName | undefined;
  const target = await openTarget(values);
  try {
    const letters = deadLetters(target.runtime(), target.aws, { moveTask: !target.local });
    if (action === 'redrive') {
      let progress: Progress | undefined;
      const result = await letters.redrive(
        { reason: values.reason, queue },
        (toMove) => {
          progress?.done();
          progress = startProgress('dead letters moved back', toMove, values);
        },
        () => progress?.tick(),
      );
      progress?.done();
      if (values.json) console.log(JSON.stringify(result));
      else if (result.moveTasks.length > 0) console.log(`started ${result.moveTasks.length} SQS message move task(s) for about ${result.moved} message(s): ${result.moveTasks.join(', ')}`);
      else console.log(`moved ${result.moved} message(s) back to their queue${values.reason ? ` (reason ${values.reason})` : ''}`);
      return 0;
    }
    const entries = (await letters.list()).filter((entry) => (!queue || entry.queue === queue) && (!values.reason || entry.errorCode === values.reason));
    if (values.json) console.log(JSON.stringify({ byReason: summarizeByReason(entries), entries }, null, 2));
    else printList(entries);
    return 0;
  } finally {
    await target.close();
  }
}

function printList(entries: DeadLetterEntry[]): void {
  if (entries.length === 0) {
    console.log('no dead letters');
    return;
  }
  console.log(summarizeByReason(entries).map((r) => `${r.errorCode}: ${r.count}`).join(', '));
  for (const entry of entries) {
    console.log(`${entry.queue.padEnd(9)} ${entry.errorCode.padEnd(24)} attempts ${entry.attempts}  first ${time(entry.firstFailureAt)}  last ${time(entry.lastFailureAt)}`);
    console.log(`          ${entry.url ?? '(message is not a job)'}`);
    console.log(`          ${entry.reason}`);
  }
}

const time = (iso: string | null) => (iso ? iso.slice(0, 19).replace('T', ' ') : '-'.padEnd(19));
