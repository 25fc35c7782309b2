// The local event source against the local SQS (fauxqs), with a handler whose behaviour the test sets:
// a failed message comes back only when its (scaled) visibility timeout ends and goes to the DLQ on the
// receive after the third; a batch that overruns the function timeout is abandoned whole; a delete that
// SQS refuses leaves the message to be delivered again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GetQueueAttributesCommand, PurgeQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { SQSRecord } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { drainQueue } from '../../cli/local/event-source.ts';
import { ARTICLE_QUEUE } from '../../shared/store/definitions.ts';

/** 360 s x 0.005: a failed message is back after about 2 s. */
const TIME_SCALE = 0.005;
const VISIBILITY_MS = ARTICLE_QUEUE.visibilityTimeoutSeconds * 1000 * TIME_SCALE;

let env: LocalEnvironment;

beforeAll(async () => {
  env = await openLocalEnvironment();
}, 60_000);

beforeEach(async () => {
  for (const url of [env.config.articleQueueUrl, env.config.articleDlqUrl]) await env.aws.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
});

afterAll(async () => {
  await env?.close();
});

const send = (body: string) => env.aws.sqs.send(new SendMessageCommand({ QueueUrl: env.config.articleQueueUrl, MessageBody: body }));
const dlqDepth = async () =>
  Number((await env.aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: env.config.articleDlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }))).Attributes?.ApproximateNumberOfMessages);

describe('the local event source', () => {
  it('brings a failed message back only after its visibility timeout, and SQS dead-letters it after the third receive', async () => {
    await send('always fails');
    const receives: { at: number; count: string }[] = [];
    const run = await drainQueue(
      env.aws.sqs,
      env.config.articleQueueUrl,
      async (event) => {
        receives.push(...event.Records.map((r: SQSRecord) => ({ at: Date.now(), count: r.attributes.ApproximateReceiveCount })));
        return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
      },
      ARTICLE_QUEUE,
      { timeScale: TIME_SCALE },
    );
    expect(receives.map((r) => r.count)).toEqual(['1', '2', '3']);
    for (let i = 1; i < receives.length; i++) expect(receives[i].at - receives[i - 1].at).toBeGreaterThanOrEqual(VISIBILITY_MS - 50);
    expect(run).toMatchObject({ received: 3, failed: 3 });
    expect(await dlqDepth()).toBe(1);
  }, 60_000);

  it('abandons a batch that overruns the function timeout, whose messages come back after the visibility timeout', async () => {
    await send('slow the first time');
    const remaining: number[] = [];
    const run = await drainQueue(
      env.aws.sqs,
      env.config.articleQueueUrl,
      async (event, context) => {
        remaining.push(context.getRemainingTimeInMillis());
        if (event.Records[0].attributes.ApproximateReceiveCount === '1') await sleep(1500);
        return { batchItemFailures: [] };
      },
      ARTICLE_QUEUE,
      { timeScale: TIME_SCALE, functionTimeoutMs: 500 },
    );
    expect(run).toMatchObject({ received: 2, failed: 1, timedOut: 1 });
    for (const ms of remaining) expect(ms).toBeLessThanOrEqual(500);
    expect(await dlqDepth()).toBe(0);
  }, 60_000);

  it('delivers a message again when SQS refuses its delete', async () => {
    await send('handled twice');
    let refusals = 0;
    // Every DeleteMessageBatch of the first batch fails on the wire (the SDK's retries included).
    class RefusingHandler extends NodeHttpHandler {
      override async handle(...args: Parameters<NodeHttpHandler['handle']>) {
        const [request] = args;
        if (String(request.headers['x-amz-target']).endsWith('DeleteMessageBatch') && handled === 1) {
          refusals++;
          throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
        }
        return super.handle(...args);
      }
    }
    let handled = 0;
    const sqs = new SQSClient({ endpoint: env.env.AWS_ENDPOINT_URL_SQS, requestHandler: new RefusingHandler() });
    const run = await drainQueue(sqs, env.config.articleQueueUrl, async () => (handled++, { batchItemFailures: [] }), ARTICLE_QUEUE, { timeScale: TIME_SCALE });
    expect(refusals).toBeGreaterThan(0);
    expect(handled).toBe(2);
    expect(run).toMatchObject({ received: 2, undeleted: 1 });
  }, 60_000);
});
