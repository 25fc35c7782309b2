// The dead-letter queues as something a user can act on: what is in them (reason, error code, attempts,
// URL, first and last failure), how many per reason, and moving them back to their source queue.
// Two kinds of dead letter arrive here: those a handler sent with its reason attached (JobQueue.deadLetter),
// and those SQS moved by itself after maxReceiveCount receives (a function that crashed or timed out),
// which carry no reason at all: they are listed as NO_REASON and redriven like any other.
import {
  ChangeMessageVisibilityBatchCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand,
  SendMessageCommand, StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { Message, MessageAttributeValue, SQSClient } from '@aws-sdk/client-sqs';
import { ARTICLE_QUEUE, FEED_QUEUE } from './definitions.ts';
import type { QueueDefinition } from './definitions.ts';

/** The code of a dead letter that SQS moved by itself: the handler never said why (crash, timeout). */
export const NO_REASON = 'NO_REASON';

/** Message attributes a dead letter carries (see JobQueue.deadLetter); also carried across a redrive. */
export const DEAD_LETTER_ATTRIBUTES = {
  reason: 'reason',
  errorCode: 'errorCode',
  attempts: 'attempts',
  firstFailureAt: 'firstFailureAt',
  lastFailureAt: 'lastFailureAt',
} as const;

export type DeadLetterQueueName = 'feeds' | 'articles';

export interface DeadLetterQueue {
  name: DeadLetterQueueName;
  /** The dead-letter queue itself. */
  url: string;
  /** Where its messages came from, and go back to on a redrive. */
  sourceUrl: string;
}

export interface DeadLetterEntry {
  queue: DeadLetterQueueName;
  messageId: string;
  /** A FetchError or ArticleError code, INVALID_JOB, or NO_REASON. */
  errorCode: string;
  reason: string;
  /** Receives spent before it was dead-lettered. */
  attempts: number;
  url: string | null;
  /** Start of the first attempt that failed; null when nothing says (ISO time). */
  firstFailureAt: string | null;
  /** When it was dead-lettered; null for one SQS moved by itself. */
  lastFailureAt: string | null;
}

export interface ReasonCount {
  errorCode: string;
  count: number;
  queues: DeadLetterQueueName[];
}

export interface RedriveResult {
  /** Messages moved back to their source queue (for a move task: how many the queue held when it started). */
  moved: number;
  /** SQS message move tasks started (AWS only), one handle per queue. */
  moveTasks: string[];
}

export interface DeadLettersOptions {
  /** Use SQS's own message move task for an unfiltered redrive (AWS; the local server has none). */
  moveTask: boolean;
  /** Long-poll wait of each receive: SQS's short poll may answer empty while messages remain. */
  waitSeconds?: number;
  /** How long listed messages stay hidden before they are made visible again. */
  holdSeconds?: number;
}

const DEFINITIONS: Record<DeadLetterQueueName, QueueDefinition> = { feeds: FEED_QUEUE, articles: ARTICLE_QUEUE };
const MAX_LISTED = 10_000;

export class DeadLetters {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: DeadLetterQueue[],
    private readonly options: DeadLettersOptions,
  ) {}

  /** Every dead letter, oldest first; nothing is consumed (each is made visible again after reading). */
  async list(): Promise<DeadLetterEntry[]> {
    const entries: DeadLetterEntry[] = [];
    for (const queue of this.queues) {
      const messages = await this.receiveAll(queue);
      await this.release(queue, messages);
      entries.push(...messages.map((message) => entryOf(queue, message)));
    }
    return entries.sort((a, b) => (a.firstFailureAt ?? '').localeCompare(b.firstFailureAt ?? ''));
  }

  /** Dead letters per error code, most frequent first. */
  async summarize(): Promise<ReasonCount[]> {
    return summarizeByReason(await this.list());
  }

  /**
   * Moves dead letters back to their source queue to be processed again (once the fault is gone).
   * With a reason, only the matching ones move; the rest stay. Each is sent before it is deleted, so a
   * crash in between leaves a copy in both queues, never in neither (processing is idempotent).
   * `onMoving` hears how many of a queue's letters will move, `onMoved` of each one moved (for progress).
   */
  async redrive(
    filter: { reason?: string; queue?: DeadLetterQueueName } = {},
    onMoving?: (toMove: number) => void,
    onMoved?: () => void,
  ): Promise<RedriveResult> {
    const result: RedriveResult = { moved: 0, moveTasks: [] };
    for (const queue of this.queues.filter((q) => !filter.queue || q.name === filter.queue)) {
      if (this.options.moveTask && !filter.reason) {
        const { handle, messages } = await this.startMoveTask(queue);
        result.moveTasks.push(handle);
        result.moved += messages;
        continue;
      }
      const messages = await this.receiveAll(queue);
      onMoving?.(filter.reason ? messages.filter((message) => entryOf(queue, message).errorCode === filter.reason).length : messages.length);
      const keep: Message[] = [];
      for (const message of messages) {
        const entry = entryOf(queue, message);
        if (filter.reason && entry.errorCode !== filter.reason) {
          keep.push(message);
          continue;
        }
        await this.sqs.send(
          new SendMessageCommand({ QueueUrl: queue.sourceUrl, MessageBody: message.Body ?? '', MessageAttributes: carriedAttributes(entry) }),
        );
        await this.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle! }));
        result.moved++;
        onMoved?.();
      }
      await this.release(queue, keep);
    }
    return result;
  }

  private async startMoveTask(queue: DeadLetterQueue): Promise<{ handle: string; messages: number }> {
    const { Attributes = {} } = await this.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'] }),
    );
    // The destination is named: SQS finds "the original source" only for messages it moved itself, and
    // most dead letters here were sent by a handler. Moved messages are new ones (receive count reset).
    const source = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.sourceUrl, AttributeNames: ['QueueArn'] }));
    const { TaskHandle } = await this.sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: Attributes.QueueArn!, DestinationArn: source.Attributes!.QueueArn! }),
    );
    return { handle: TaskHandle!, messages: Number(Attributes.ApproximateNumberOfMessages ?? 0) };
  }

  private async receiveAll(queue: DeadLetterQueue): Promise<Message[]> {
    const messages: Message[] = [];
    while (messages.length < MAX_LISTED) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queue.url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: this.options.waitSeconds ?? 1,
          VisibilityTimeout: this.options.holdSeconds ?? 60,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) break;
      messages.push(...Messages);
    }
    return messages;
  }

  private async release(queue: DeadLetterQueue, messages: Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      await this.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queue.url,
          Entries: messages.slice(i, i + 10).map((message, n) => ({ Id: String(n), ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: 0 })),
        }),
      );
    }
  }
}

export function summarizeByReason(entries: DeadLetterEntry[]): ReasonCount[] {
  const byCode = new Map<string, ReasonCount>();
  for (const entry of entries) {
    const count = byCode.get(entry.errorCode) ?? { errorCode: entry.errorCode, count: 0, queues: [] };
    count.count++;
    if (!count.queues.includes(entry.queue)) count.queues.push(entry.queue);
    byCode.set(entry.errorCode, count);
  }
  return [...byCode.values()].sort((a, b) => b.count - a.count || a.errorCode.localeCompare(b.errorCode));
}

function entryOf(queue: DeadLetterQueue, message: Message): DeadLetterEntry {
  const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue ?? null;
  const errorCode = attribute(DEAD_LETTER_ATTRIBUTES.errorCode);
  const firstReceive = Number(message.Attributes?.ApproximateFirstReceiveTimestamp);
  const firstFailureAt = attribute(DEAD_LETTER_ATTRIBUTES.firstFailureAt) ?? (firstReceive ? new Date(firstReceive).toISOString() : null);
  if (!errorCode) {
    return {
      queue: queue.name,
      messageId: message.MessageId!,
      errorCode: NO_REASON,
      reason: `moved by SQS after ${DEFINITIONS[queue.name].maxReceiveCount} receives: the function crashed or timed out`,
      attempts: DEFINITIONS[queue.name].maxReceiveCount,
      url: urlOf(message.Body),
      firstFailureAt,
      lastFailureAt: null,
    };
  }
  return {
    queue: queue.name,
    messageId: message.MessageId!,
    errorCode,
    reason: attribute(DEAD_LETTER_ATTRIBUTES.reason) ?? errorCode,
    attempts: Number(attribute(DEAD_LETTER_ATTRIBUTES.attempts) ?? 0),
    url: urlOf(message.Body),
    firstFailureAt,
    lastFailureAt: attribute(DEAD_LETTER_ATTRIBUTES.lastFailureAt),
  };
}

/** What a redriven message keeps: when it first failed, so a second dead-lettering still says so. */
function carriedAttributes(entry: DeadLetterEntry): Record<string, MessageAttributeValue> | undefined {
  return entry.firstFailureAt ? { [DEAD_LETTER_ATTRIBUTES.firstFailureAt]: { DataType: 'String', StringValue: entry.firstFailureAt } } : undefined;
}

/** Feed and article jobs both name their URL; a body that is not a job has none. */
export function urlOf(body: string | undefined): string | null {
  try {
    const url = (JSON.parse(body ?? '') as { url?: unknown }).url;
    return typeof url === 'string' ? url : null;
  } catch {
    return null;
  }
}
