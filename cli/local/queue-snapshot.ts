// The local SQS server keeps messages in memory; these two functions carry the queues across runs (one
// JSON file per queue in the local data folder), so `syndic dlq` sees what `npm start` left, and what it
// redrives is processed by the next run.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { MessageAttributeValue, SQSClient } from '@aws-sdk/client-sqs';
import { DEAD_LETTER_ATTRIBUTES } from '../../shared/store/dead-letters.ts';

interface SavedMessage {
  body: string;
  attributes: Record<string, MessageAttributeValue>;
}

export async function restoreQueue(sqs: SQSClient, queueUrl: string, file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  const saved = JSON.parse(await readFile(file, 'utf8')) as SavedMessage[];
  for (const message of saved) {
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: message.body, MessageAttributes: message.attributes }));
  }
  return saved.length;
}

/** Reads every message (hidden for the rest of the run, which is ending) and writes them to the file. */
export async function saveQueue(sqs: SQSClient, queueUrl: string, file: string): Promise<number> {
  const saved: SavedMessage[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 300, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const attributes = { ...message.MessageAttributes };
      // A message SQS moved by itself says when it first ran only in its receive time, which a new send resets.
      const firstReceive = Number(message.Attributes?.ApproximateFirstReceiveTimestamp);
      if (!attributes[DEAD_LETTER_ATTRIBUTES.firstFailureAt] && firstReceive) {
        attributes[DEAD_LETTER_ATTRIBUTES.firstFailureAt] = { DataType: 'String', StringValue: new Date(firstReceive).toISOString() };
      }
      saved.push({ body: message.Body ?? '', attributes });
    }
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(saved));
  return saved.length;
}
