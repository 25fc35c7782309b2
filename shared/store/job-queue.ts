// Sending jobs to SQS, in batches of ten, failing if any entry of a batch was not accepted.
import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';

export interface DeadLetter {
  body: string;
  reason: string;
  errorCode: string;
  attempts: number;
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
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: letter.body,
        MessageAttributes: {
          reason: { DataType: 'String', StringValue: letter.reason.slice(0, 1000) || 'unknown' },
          errorCode: { DataType: 'String', StringValue: letter.errorCode },
          attempts: { DataType: 'Number', StringValue: String(letter.attempts) },
        },
      }),
    );
  }
}
