// --aws finds a deployed stack by its name: DescribeStacks answered by the control-plane stub, every
// other call going to the local AWS-compatible servers the stack's outputs name.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StackError, openTarget } from './target.ts';
import { newFeed } from '../shared/pipeline/feeds-file.ts';
import { startLocalStack } from '../tests/support/local-stack.ts';
import type { LocalStack } from '../tests/support/local-stack.ts';

let stack: LocalStack;
const baseEnv = { ...process.env };

beforeAll(async () => {
  stack = await startLocalStack('Syndic');
  stack.controlPlane.state.stacks.SyndicStaging = { ...stack.outputs };
});
afterAll(() => stack.stop());
beforeEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith('SYNDIC_')) delete process.env[key];
  Object.assign(process.env, baseEnv, stack.env);
  stack.controlPlane.calls.length = 0;
});

describe('a deployed stack found by name', () => {
  it('reads the tables, bucket and queues from the outputs of the stack named by --stack, and works on them', async () => {
    const target = await openTarget({ aws: true, stack: 'Syndic' });
    expect(stack.controlPlane.calls).toEqual(['DescribeStacks Syndic']);
    expect(target.stack).toBe('Syndic');
    expect(target.names).toMatchObject({ articlesTable: 'syndic-articles', stateTable: 'syndic-state', rawBucket: 'syndic-raw' });
    expect(target.runtime().articleQueueUrl).toBe(stack.settings.SYNDIC_ARTICLE_QUEUE_URL);
    expect(target.runtime().reprocessStateMachineArn).toBe(stack.settings.SYNDIC_REPROCESS_STATE_MACHINE_ARN);
    await target.state.addFeed(newFeed('https://example.com/feed.xml', 'cli', new Date()));
    expect((await target.state.listFeeds()).map((feed) => feed.url)).toContain('https://example.com/feed.xml');
  });

  it('takes the stack name from SYNDIC_STACK when --stack is not given', async () => {
    process.env.SYNDIC_STACK = 'SyndicStaging';
    await openTarget({ aws: true });
    expect(stack.controlPlane.calls).toEqual(['DescribeStacks SyndicStaging']);
  });

  it("defaults to the stack named 'Syndic'", async () => {
    await openTarget({ aws: true });
    expect(stack.controlPlane.calls).toEqual(['DescribeStacks Syndic']);
  });

  it('lets a SYNDIC_* variable override its output', async () => {
    process.env.SYNDIC_STATE_TABLE = 'my-state';
    const target = await openTarget({ aws: true });
    expect(target.names.stateTable).toBe('my-state');
    expect(target.names.articlesTable).toBe('syndic-articles');
  });

  it('does not ask CloudFormation when the variables name everything', async () => {
    Object.assign(process.env, stack.settings);
    const target = await openTarget({ aws: true, stack: 'NoSuchStack' });
    expect(stack.controlPlane.calls).toEqual([]);
    expect(target.names.articlesTable).toBe('syndic-articles');
  });

  it('names a missing stack, with what to do, in one line', async () => {
    const error = await openTarget({ aws: true, stack: 'Nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackError);
    expect((error as Error).message).toMatch(/^no stack 'Nope' in us-east-1: deploy it \(npx cdk deploy\), name yours with --stack/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('names the outputs a stack lacks', async () => {
    const { StateTableName: _, ...outputs } = stack.outputs;
    stack.controlPlane.state.stacks.Old = outputs;
    await expect(openTarget({ aws: true, stack: 'Old' })).rejects.toThrow(/stack 'Old' has no output StateTableName: .*SYNDIC_STATE_TABLE/);
  });
});
