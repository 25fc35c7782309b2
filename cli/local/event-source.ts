// What Lambda's SQS event source mapping does, for a local run, with the stack's settings for the queue
// (shared/store/definitions.ts): up to maxConcurrency batches of up to batchSize messages in flight at
// once, each handed to the real handler as an SQSEvent with a context whose remaining time is real. What
// succeeded is deleted; what failed is left alone and comes back when its visibility timeout ends (counted
// from the receive, as in SQS); a batch that overruns the function timeout is abandoned whole. SQS's own
// redrive policy moves a message to the DLQ on the receive after maxReceiveCount.
//
// Lambda gives every invocation a CPU of its own; here all batches share one event loop, so a new batch is
// taken only while the loop keeps up (or none is running). Otherwise a flood of received messages would
// sit in the process, not in the queue, until their fetches time out for want of CPU, and be retried for it.
//
// The visibility timeout may be scaled down (SYNDIC_LOCAL_QUEUE_TIME_SCALE) so that a retry takes seconds,
// not minutes; a message is never visible again while its batch still runs, as AWS guarantees by requiring
// the visibility timeout to exceed the function timeout.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { localQueueTimeScale } from '../../shared/config.ts';
import type { QueueDefinition } from '../../shared/store/definitions.ts';
import { lambdaContext, sqsRecord } from './lambda-shapes.ts';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface DrainResult {
  received: number;
  /** Receives that did not end in a delete: reported failures, handler errors and timed-out batches. */
  failed: number;
  /** Batches abandoned at the function timeout. */
  timedOut: number;
  /** Most batches that were in flight at once. */
  peakConcurrency: number;
  /** Handled messages whose delete SQS refused: they are delivered again. */
  undeleted: number;
}

export interface EventSourceOptions {
  /** Share of the queue's visibility timeout a failed message waits (default: SYNDIC_LOCAL_QUEUE_TIME_SCALE). */
  timeScale?: number;
  /** Default: the consuming function's timeout in the stack. */
  functionTimeoutMs?: number;
  /** A queue that feeds this one: the drain does not end before it settles. */
  upstream?: Promise<unknown>;
}

/** How often an idle event source looks at the queue again (Lambda long-polls; fauxqs is polled). */
const POLL_MS = 50;

/**
 * Feeds the queue to the handler as the stack's event source mapping would, until nothing is visible,
 * in flight or delayed (and `upstream`, if any, has settled).
 */
export async function drainQueue(
  sqs: SQSClient,
  queueUrl: string,
  handler: SqsHandler,
  queue: QueueDefinition,
  options: EventSourceOptions = {},
): Promise<DrainResult> {
  const { batchSize, maxConcurrency, timeoutSeconds } = queue.consumer;
  const functionTimeoutMs = options.functionTimeoutMs ?? timeoutSeconds * 1000;
  const visibilityMs = queue.visibilityTimeoutSeconds * 1000 * (options.timeScale ?? localQueueTimeScale());
  // Received messages stay hidden at least until their batch has ended one way or the other.
  const receiveVisibilitySeconds = Math.ceil(Math.max(visibilityMs, functionTimeoutMs + 1000) / 1000);
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const arn = Attributes?.QueueArn ?? queueUrl;
  const result: DrainResult = { received: 0, failed: 0, timedOut: 0, peakConcurrency: 0, undeleted: 0 };
  let upstreamDone = !options.upstream;
  void options.upstream?.finally(() => (upstreamDone = true));

  const inFlight = new Set<Promise<void>>();
  const abandoned = new Set<Promise<unknown>>();

  /** Puts messages that will not be deleted back on the queue's clock: visible `visibilityMs` after their receive. */
  const returnLater = async (messages: Message[], receivedAt: number) => {
    if (messages.length === 0 || receiveVisibilitySeconds * 1000 <= visibilityMs) return;
    const seconds = Math.max(0, Math.ceil((receivedAt + visibilityMs - Date.now()) / 1000));
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: seconds })),
      }),
    );
  };

  const runBatch = async (messages: Message[], receivedAt: number) => {
    const context = lambdaContext(receivedAt + functionTimeoutMs);
    const invocation = handler({ Records: messages.map((message) => sqsRecord(message, arn)) }, context);
    const timer = new AbortController();
    const timeout = sleep(Math.max(0, receivedAt + functionTimeoutMs - Date.now()), 'timeout' as const, { signal: timer.signal }).catch(() => 'error' as const);
    let outcome: SQSBatchResponse | 'timeout' | 'error';
    try {
      outcome = await Promise.race([invocation, timeout]);
    } catch {
      outcome = 'error'; // the whole invocation failed: every message of the batch comes back
    } finally {
      timer.abort();
    }
    if (outcome === 'timeout') {
      // Lambda stops the function here; in-process it cannot be stopped, so its result is ignored.
      result.timedOut++;
      const late = invocation.catch(() => undefined);
      abandoned.add(late);
      void late.finally(() => abandoned.delete(late));
    }
    const failedIds =
      typeof outcome === 'string'
        ? new Set(messages.map((message) => message.MessageId!))
        : new Set(outcome.batchItemFailures.map((failure) => failure.itemIdentifier));
    result.failed += failedIds.size;
    const done = messages.filter((message) => !failedIds.has(message.MessageId!));
    let back = messages.filter((message) => failedIds.has(message.MessageId!));
    try {
      if (done.length > 0) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: done.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle! })),
          }),
        );
      }
    } catch {
      // As in AWS: a delete that fails leaves the messages to come back, and the handler sees them again.
      result.undeleted += done.length;
      back = messages;
    }
    // If this fails too, they come back when the receive's own visibility ends.
    await returnLater(back, receivedAt).catch(() => undefined);
  };

  const loop = watchEventLoop();
  try {
    for (;;) {
      let empty = false;
      while (inFlight.size < maxConcurrency && (inFlight.size === 0 || loop.keepsUp())) {
        const receivedAt = Date.now();
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: batchSize,
            VisibilityTimeout: receiveVisibilitySeconds,
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        if (Messages.length === 0) {
          empty = true;
          break;
        }
        result.received += Messages.length;
        const batch = runBatch(Messages, receivedAt).finally(() => inFlight.delete(batch));
        inFlight.add(batch);
        result.peakConcurrency = Math.max(result.peakConcurrency, inFlight.size);
      }
      if (inFlight.size >= maxConcurrency) {
        await Promise.race(inFlight);
        continue;
      }
      if (empty && inFlight.size === 0 && upstreamDone && (await settled(sqs, queueUrl))) {
        await Promise.all(abandoned);
        return result;
      }
      await Promise.race([...inFlight, sleep(POLL_MS)]);
    }
  } finally {
    loop.stop();
  }
}

/** How late a 20 ms timer fires: the time a callback waits for the loop. */
function watchEventLoop(): { keepsUp(): boolean; stop(): void } {
  const TICK_MS = 20;
  const MAX_LAG_MS = 100;
  let lag = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lag = Math.max(0, now - last - TICK_MS);
    last = now;
  }, TICK_MS);
  timer.unref();
  return {
    // A loop that has not ticked for a while is busy now, even before the timer can say so.
    keepsUp: () => Math.max(lag, performance.now() - last - TICK_MS) < MAX_LAG_MS,
    stop: () => clearInterval(timer),
  };
}

async function settled(sqs: SQSClient, queueUrl: string): Promise<boolean> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return Object.values(Attributes).every((count) => Number(count) === 0);
}
