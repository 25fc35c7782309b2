// The console's view of the article dead-letter queue: read it without consuming it, and redrive letters
// to the article queue. Kept to this small interface so `syndic dlq`'s module can replace it.
//
// SQS has no "peek". Receiving with VisibilityTimeout 0 cannot enumerate a queue (the same messages come
// back on every call), so letters are held for HOLD_SECONDS while the queue is read to the end, then made
// visible again at once with ChangeMessageVisibility 0. Each read adds one to a letter's receive count;
// the dead-letter queue has no redrive policy of its own, so that count only informs and moves nothing.
import {
  ChangeMessageVisibilityBatchCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { urlOf } from '../../shared/store/dead-letters.ts';

export interface DeadLetter {
  messageId: string;
  /** The article URL from the job body, when the body is a job. */
  url: string | null;
  errorCode: string;
  reason: string;
  attempts: number | null;
  sentAt: string;
  receiveCount: number;
}

export interface DeadLetters {
  list(): Promise<DeadLetter[]>;
  /** Moves the letters with this error code (all of them without one) back to the article queue. */
  redrive(errorCode?: string): Promise<number>;
}

const HOLD_SECONDS = 30;
const MAX_LETTERS = 1000;
/** Short polls that may come back empty on a non-empty queue (SQS samples its servers) before stopping. */
const EMPTY_POLLS = 3;

export class SqsDeadLetters implements DeadLetters {
  /** One read at a time: a second concurrent read would find the first one's letters held and miss them. */
  private reading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly sqs: SQSClient,
    private readonly dlqUrl: string,
    private readonly sourceQueueUrl: string,
  ) {}

  list(): Promise<DeadLetter[]> {
    return this.exclusive(async () => {
      const held = await this.hold();
      await this.release(held);
      return held.map(letterOf);
    });
  }

  redrive(errorCode?: string): Promise<number> {
    return this.exclusive(async () => {
      const held = await this.hold();
      const chosen = held.filter((message) => errorCode === undefined || letterOf(message).errorCode === errorCode);
      const kept = held.filter((message) => !chosen.includes(message));
      try {
        // Sent before deleted: a failure in between leaves a duplicate job, which the pipeline absorbs, never a lost one.
        for (const message of chosen) {
          await this.sqs.send(new SendMessageCommand({ QueueUrl: this.sourceQueueUrl, MessageBody: message.Body! }));
          await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.dlqUrl, ReceiptHandle: message.ReceiptHandle! }));
        }
      } finally {
        await this.release(kept);
      }
      return chosen.length;
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.reading.then(work, work);
    this.reading = run.catch(() => undefined);
    return run;
  }

  private async hold(): Promise<Message[]> {
    const { Attributes } = await this.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: this.dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    const expected = Math.min(MAX_LETTERS, Number(Attributes?.ApproximateNumberOfMessages ?? 0));
    const held = new Map<string, Message>();
    for (let empty = 0; held.size < expected && empty < EMPTY_POLLS; ) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.dlqUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: HOLD_SECONDS,
          WaitTimeSeconds: 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
        }),
      );
      empty = Messages.length === 0 ? empty + 1 : 0;
      for (const message of Messages) held.set(message.MessageId!, message);
    }
    return [...held.values()];
  }

  private async release(messages: Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      await this.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.dlqUrl,
          Entries: messages.slice(i, i + 10).map((message, n) => ({ Id: String(n), ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: 0 })),
        }),
      );
    }
  }
}

function letterOf(message: Message): DeadLetter {
  const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue;
  const attempts = Number(attribute('attempts'));
  return {
    messageId: message.MessageId!,
    url: urlOf(message.Body),
    errorCode: attribute('errorCode') ?? 'UNKNOWN',
    reason: attribute('reason') ?? 'unknown',
    attempts: Number.isInteger(attempts) ? attempts : null,
    sentAt: new Date(Number(message.Attributes?.SentTimestamp ?? 0)).toISOString(),
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
  };
}
