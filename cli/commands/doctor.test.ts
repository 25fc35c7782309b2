// syndic doctor against a "deployed" stack on the local servers (found by name through the control-plane
// stub): healthy, then with a table, a queue, an index and the schedule taken away one by one.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteQueueCommand } from '@aws-sdk/client-sqs';
import { main } from '../main.ts';
import { startLocalStack, SCHEDULE_NAME } from '../../tests/support/local-stack.ts';
import type { LocalStack } from '../../tests/support/local-stack.ts';

let stack: LocalStack;

async function doctor(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
  try {
    return { code: await main(['doctor', '--aws', ...args]), lines };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

beforeAll(async () => {
  stack = await startLocalStack();
  Object.assign(process.env, stack.env);
});
afterAll(() => stack.stop());
beforeEach(() => {
  stack.controlPlane.state.schedules[SCHEDULE_NAME] = 'ENABLED';
});

describe('syndic doctor --aws', () => {
  it('finds nothing wrong with a complete stack, and says what it checked', async () => {
    const { code, lines } = await doctor();
    expect(lines.filter((line) => line.startsWith('PROBLEM'))).toEqual([]);
    expect(code).toBe(0);
    expect(lines[0]).toBe('target: stack Syndic');
    for (const subject of ['articles table syndic-articles', 'state table syndic-state', 'raw bucket syndic-raw', 'feed queue', 'article dead-letter queue', 'reprocess state machine', `dispatch schedule ${SCHEDULE_NAME}`]) {
      expect(lines.some((line) => line.startsWith('OK') && line.includes(subject)), subject).toBe(true);
    }
    expect(lines.at(-1)).toBe('no problems found');
  });

  it('reports a disabled schedule as a problem, with what to do', async () => {
    stack.controlPlane.state.schedules[SCHEDULE_NAME] = 'DISABLED';
    const { code, lines } = await doctor('--json');
    expect(code).toBe(1);
    const report = JSON.parse(lines[0]) as { problems: number; checks: { status: string; subject: string; detail: string }[] };
    expect(report.problems).toBe(1);
    expect(report.checks.find((check) => check.status === 'problem')).toMatchObject({ subject: `dispatch schedule ${SCHEDULE_NAME}`, detail: expect.stringMatching(/^DISABLED: .*enabled/) });
  });

  it('reports a missing queue and a missing table on one line each, and exits 1', async () => {
    await stack.aws.sqs.send(new DeleteQueueCommand({ QueueUrl: stack.settings.SYNDIC_FEED_QUEUE_URL }));
    await (stack.aws.dynamo as unknown as DynamoDBClient).send(new DeleteTableCommand({ TableName: 'syndic-articles' }));
    const { code, lines } = await doctor();
    expect(code).toBe(1);
    const problems = lines.filter((line) => line.startsWith('PROBLEM'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^PROBLEM articles table syndic-articles: not found: check --stack and your AWS region, or redeploy \(npx cdk deploy\)$/);
    expect(problems[1]).toMatch(/^PROBLEM feed queue syndic-feeds: not found: check --stack/);
    expect(lines.at(-1)).toBe('2 problems found');
  });
});
