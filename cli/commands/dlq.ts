// `syndic dlq`: the dead letters, by reason, and moving them back to be processed again once the fault
// is gone. Locally the messages are moved one by one; with --aws an unfiltered redrive is SQS's own
// message move task, and a redrive filtered by --reason moves only the matching messages.
import { UsageError, parse } from '../args.ts';
import { openTarget } from '../target.ts';
import { deadLetters } from '../../shared/pipeline/dependencies.ts';
import { summarizeByReason } from '../../shared/store/dead-letters.ts';
import type { DeadLetterEntry, DeadLetterQueueName } from '../../shared/store/dead-letters.ts';

const QUEUE_NAMES: DeadLetterQueueName[] = ['feeds', 'articles'];

export async function dlqCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    reason: { type: 'string' },
    queue: { type: 'string' },
    json: { type: 'boolean', default: false },
    aws: { type: 'boolean', default: false },
    profile: { type: 'string', default: 'local' },
  });
  const [action, extra] = positionals;
  if ((action !== 'list' && action !== 'redrive') || extra !== undefined) throw new UsageError('dlq list | redrive [--reason CODE] [--queue feeds|articles]');
  const queue = values.queue as DeadLetterQueueName | undefined;
  if (queue !== undefined && !QUEUE_NAMES.includes(queue)) throw new UsageError(`--queue must be one of ${QUEUE_NAMES.join(', ')}`);

  const target = await openTarget({ aws: values.aws, profile: values.profile });
  try {
    const letters = deadLetters(target.runtime(), target.aws, { moveTask: !target.local });
    if (action === 'redrive') {
      const result = await letters.redrive({ reason: values.reason, queue });
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
