// Sending jobs to SQS, in batches of ten, failing if any entry of a batch was not accepted.
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

  async sendAll(jobs: unknown[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += 10) {
      const batch = jobs.slice(i, i + 10);
      const out = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((job, n) => ({ Id: String(n), MessageBody: JSON.stringify(job) })),
        }),
      );
      if (out.Failed && out.Failed.length > 0) {
        throw new Error(`SQS refused ${out.Failed.length} message(s): ${out.Failed.map((f) => f.Message ?? f.Code).join('; ')}`);
      }
    }
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
