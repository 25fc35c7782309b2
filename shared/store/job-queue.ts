// Sending jobs to SQS, in batches of ten, failing if any entry of a batch was not accepted. A job may be
// held back by a per-message delay: that is where waiting for a host's turn happens.
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { DEAD_LETTER_ATTRIBUTES as ATTRIBUTES } from './dead-letters.ts';

export interface DeadLetter {
  body: string;
  reason: string;
  errorCode: string;
  attempts: number;
  /** Start of the first failed attempt (kept across redrives), and when this one gave up (ISO times; default now). */
  firstFailureAt?: string;
  lastFailureAt?: string;
}

export class JobQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /** `delaySeconds(i)`: how long SQS keeps the i-th job invisible (0 to 900 s). */
  async sendAll(jobs: unknown[], delaySeconds: (index: number) => number = () => 0): Promise<void> {
    for (let i = 0; i < jobs.length; i += 10) {
      const batch = jobs.slice(i, i + 10);
      const out = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((job, n) => ({ Id: String(n), MessageBody: JSON.stringify(job), DelaySeconds: sqsDelay(delaySeconds(i + n)) })),
        }),
      );
      if (out.Failed && out.Failed.length > 0) {
        throw new Error(`SQS refused ${out.Failed.length} message(s): ${out.Failed.map((f) => f.Message ?? f.Code).join('; ')}`);
      }
    }
  }

  /** Sends one job again, due in `delaySeconds`: a job handed back while its host is busy. */
  async sendLater(job: unknown, delaySeconds: number): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(job), DelaySeconds: sqsDelay(delaySeconds) }));
  }

  /** A dead letter keeps the original body and says why it failed, for whoever redrives it. */
  async deadLetter(letter: DeadLetter): Promise<void> {
    const now = new Date().toISOString();
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: letter.body,
        MessageAttributes: {
          [ATTRIBUTES.reason]: { DataType: 'String', StringValue: letter.reason.slice(0, 1000) || 'unknown' },
          [ATTRIBUTES.errorCode]: { DataType: 'String', StringValue: letter.errorCode },
          [ATTRIBUTES.attempts]: { DataType: 'Number', StringValue: String(letter.attempts) },
          [ATTRIBUTES.firstFailureAt]: { DataType: 'String', StringValue: letter.firstFailureAt ?? now },
          [ATTRIBUTES.lastFailureAt]: { DataType: 'String', StringValue: letter.lastFailureAt ?? now },
        },
      }),
    );
  }
}

/** SQS takes whole seconds, 0 to 900. */
export const MAX_DELAY_SECONDS = 900;
const sqsDelay = (seconds: number) => Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(seconds)));
