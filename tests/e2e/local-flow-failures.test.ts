// Failures that no handler reports, as `npm start` must still count them: a feed job that fails every
// receive ends in the feed DLQ, moved there by SQS itself, and the run's summary says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { runFlow } from '../../cli/local/local-flow.ts';
import { NO_REASON } from '../../shared/store/dead-letters.ts';

let env: LocalEnvironment;

beforeAll(async () => {
  env = await openLocalEnvironment();
}, 60_000);

afterAll(async () => {
  await env?.close();
});

describe('the local summary', () => {
  it('counts a feed job that SQS dead-lettered after failing every receive', async () => {
    const poison = JSON.stringify({ feedId: 'feed-without-url' });
    await env.aws.sqs.send(new SendMessageCommand({ QueueUrl: env.config.feedQueueUrl, MessageBody: poison }));

    const summary = await runFlow(env);

    expect(summary.failed).toBe(1);
    expect(summary.failures).toEqual([{ url: '(feed queue: message is not a job)', reason: expect.stringMatching(new RegExp(`^${NO_REASON}: moved by SQS after 3 receives`)) }]);
  }, 60_000);
});
