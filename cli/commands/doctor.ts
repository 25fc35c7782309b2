// `syndic doctor`: is the target usable with the current credentials? Each table (and its indexes), the
// bucket, the queues, the state machine and the schedule is asked for directly; dead letters and feed
// health are shown. Every problem is one line saying what to do; any problem makes the exit code 1.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { JSON_OPTION, TARGET_OPTIONS, defineCommand } from '../command.ts';
import { openTarget } from '../target.ts';
import type { Target } from '../target.ts';
import { ARTICLES_TABLE, STATE_TABLE } from '../../shared/store/definitions.ts';
import type { TableDefinition } from '../../shared/store/definitions.ts';

export interface Check {
  status: 'ok' | 'info' | 'problem';
  subject: string;
  detail: string;
}

export const doctorCommand = defineCommand({
  name: 'doctor',
  summary: 'Check that the tables, indexes, bucket, queues, state machine and schedule exist and answer; show dead letters and feed health.',
  options: { ...JSON_OPTION, ...TARGET_OPTIONS },
  notes: 'Exit code 1 when any check finds a problem; each problem line says what to do.',
  examples: ['syndic doctor', 'syndic doctor --aws --stack SyndicStaging'],
  async run({ values }) {
    const target = await openTarget(values);
    try {
      const checks = await diagnose(target);
      const problems = checks.filter((check) => check.status === 'problem').length;
      if (values.json) console.log(JSON.stringify({ target: describeTarget(target), problems, checks }));
      else {
        console.log(`target: ${describeTarget(target)}`);
        for (const check of checks) console.log(`${check.status.toUpperCase().padEnd(8)}${check.subject}: ${check.detail}`);
        console.log(problems === 0 ? 'no problems found' : `${problems} problem${problems > 1 ? 's' : ''} found`);
      }
      return problems === 0 ? 0 : 1;
    } finally {
      await target.close();
    }
  },
});

function describeTarget(target: Target): string {
  return target.stack ? `stack ${target.stack}` : 'local data (served on 127.0.0.1 for this command)';
}

/** Every check, in the order a reader fixes them: storage first, then queues, then what runs the pipeline. */
export async function diagnose(target: Target): Promise<Check[]> {
  const s = target.settings;
  const redeploy = target.stack ? `check --stack and your AWS region, or redeploy (npx cdk deploy)` : 'run syndic start to create it';
  const checks = await Promise.all([
    checkTable(target, ARTICLES_TABLE, target.names.articlesTable, redeploy),
    checkTable(target, STATE_TABLE, target.names.stateTable, redeploy),
    probe(`raw bucket ${target.names.rawBucket}`, redeploy, async () => {
      await target.aws.s3.send(new HeadBucketCommand({ Bucket: target.names.rawBucket }));
      return ok('reachable');
    }),
    checkQueue(target, 'feed queue', s.SYNDIC_FEED_QUEUE_URL, false, redeploy),
    checkQueue(target, 'feed dead-letter queue', s.SYNDIC_FEED_DLQ_URL, true, redeploy),
    checkQueue(target, 'article queue', s.SYNDIC_ARTICLE_QUEUE_URL, false, redeploy),
    checkQueue(target, 'article dead-letter queue', s.SYNDIC_ARTICLE_DLQ_URL, true, redeploy),
  ]);
  if (!target.stack) {
    checks.push({ status: 'info', subject: 'state machine and schedule', detail: 'a local target has none: syndic reprocess and syndic start run their work in-process' });
  } else {
    checks.push(await checkStateMachine(s.SYNDIC_REPROCESS_STATE_MACHINE_ARN), await checkSchedule(s.SYNDIC_SCHEDULE_NAME));
  }
  if (checks.find((check) => check.subject.startsWith('state table'))?.status === 'ok') checks.push(await feedHealth(target));
  return checks;
}

const ok = (detail: string) => ({ status: 'ok' as const, detail });

/** Runs one check; an error from the service becomes a problem line naming it and what to do. */
async function probe(subject: string, remedy: string, check: () => Promise<Omit<Check, 'subject'>>): Promise<Check> {
  try {
    return { subject, ...(await check()) };
  } catch (error) {
    return { status: 'problem', subject, detail: `${failure(error)}: ${remedyFor(error, remedy)}` };
  }
}

function failure(error: unknown): string {
  const name = (error as Error).name;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (/NotFound|NonExistent|DoesNotExist/i.test(name) || status === 404) return 'not found';
  return `${name}${(error as Error).message && (error as Error).message !== name ? ` (${(error as Error).message.split('\n')[0]})` : ''}`;
}

function remedyFor(error: unknown, remedy: string): string {
  const name = (error as Error).name;
  if (/Credentials|ExpiredToken|UnrecognizedClient|InvalidClientTokenId/i.test(name)) return 'set up AWS credentials (aws configure, or AWS_PROFILE)';
  if (/AccessDenied|Forbidden/i.test(name) || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403) {
    return 'your credentials lack the right to read it; use a role that may';
  }
  return remedy;
}

async function checkTable(target: Target, definition: TableDefinition, name: string, remedy: string): Promise<Check> {
  const label = definition === ARTICLES_TABLE ? 'articles table' : 'state table';
  return probe(`${label} ${name}`, remedy, async () => {
    const { Table } = await (target.aws.dynamo as unknown as DynamoDBClient).send(new DescribeTableCommand({ TableName: name }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    const missing = definition.indexes.map((index) => index.name).filter((index) => !present.has(index));
    if (missing.length > 0) return { status: 'problem', detail: `index ${missing.join(', ')} missing: ${remedy}` };
    if (Table?.TableStatus !== 'ACTIVE') return { status: 'problem', detail: `status ${Table?.TableStatus}: wait for it to become ACTIVE` };
    return ok(`ACTIVE, indexes ${definition.indexes.map((index) => index.name).join(', ')}`);
  });
}

async function checkQueue(target: Target, label: string, url: string | undefined, deadLetters: boolean, remedy: string): Promise<Check> {
  if (!url) return { status: 'problem', subject: label, detail: `not known: ${target.stack ? `stack ${target.stack} has no output for it; redeploy (npx cdk deploy)` : remedy}` };
  return probe(`${label} ${url.split('/').pop()}`, remedy, async () => {
    const { Attributes } = await target.aws.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    const waiting = Number(Attributes?.ApproximateNumberOfMessages ?? 0);
    if (deadLetters && waiting > 0) {
      return { status: 'info', detail: `${waiting} message${waiting > 1 ? 's' : ''} that failed every retry (each carries its reason)` };
    }
    return ok(`${waiting} waiting, ${Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)} in flight`);
  });
}

async function checkStateMachine(arn: string | undefined): Promise<Check> {
  const subject = 'reprocess state machine';
  if (!arn) return { status: 'problem', subject, detail: 'the stack has no output ReprocessStateMachineArn: redeploy (npx cdk deploy)' };
  const client = new SFNClient({});
  try {
    return await probe(subject, 'redeploy (npx cdk deploy)', async () => {
      const { status } = await client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
      return status === 'ACTIVE' ? ok('ACTIVE') : { status: 'problem', detail: `status ${status}: redeploy (npx cdk deploy)` };
    });
  } finally {
    client.destroy();
  }
}

async function checkSchedule(name: string | undefined): Promise<Check> {
  const subject = 'dispatch schedule';
  if (!name) return { status: 'problem', subject, detail: 'the stack has no output ScheduleName: redeploy (npx cdk deploy)' };
  const client = new SchedulerClient({});
  try {
    return await probe(`${subject} ${name}`, 'redeploy (npx cdk deploy)', async () => {
      const schedule = await client.send(new GetScheduleCommand({ Name: name }));
      if (schedule.State !== 'ENABLED') {
        return { status: 'problem', detail: `${schedule.State}: no feed is read until it is enabled (aws scheduler update-schedule, or redeploy)` };
      }
      return ok(`ENABLED, ${schedule.ScheduleExpression}`);
    });
  } finally {
    client.destroy();
  }
}

async function feedHealth(target: Target): Promise<Check> {
  return probe('feeds', 'check the state table', async () => {
    const feeds = await target.state.listFeeds();
    if (feeds.length === 0) return { status: 'info', detail: 'none yet: syndic feeds add <url>, or list them in config/feeds.json and deploy' };
    const paused = feeds.filter((feed) => feed.health.paused).length;
    const failing = feeds.filter((feed) => !feed.health.paused && feed.health.consecutiveFailures > 0).length;
    const detail = `${feeds.length} (${feeds.length - paused - failing} ok, ${failing} failing, ${paused} paused)`;
    return paused + failing > 0 ? { status: 'info', detail: `${detail}: syndic feeds list shows their last errors` } : ok(detail);
  });
}
