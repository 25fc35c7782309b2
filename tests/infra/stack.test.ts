// The stack, as CloudFormation will see it: every resource the pipeline needs, least-privilege grants,
// and cdk-nag's AwsSolutions checks with nothing left unacknowledged.
import { describe, expect, it } from 'vitest';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SyndicStack } from '../../infra/stack.ts';
import { ARTICLE_QUEUE, ARTICLES_TABLE, FEED_QUEUE, STATE_TABLE } from '../../shared/store/definitions.ts';
import { rawPrefix } from '../../shared/store/raw-archive.ts';
import { handler as reprocessItem } from '../../functions/reprocess-item/handler.ts';
import { FUNCTION_NAMES, functionLogicalId, selectItem, stateMachineDefinition } from '../deployed/template.ts';
import type { CfnTemplate } from '../deployed/template.ts';

const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

function synth(scheduleMinutes = 15): Template {
  const app = new App({ context: SKIP_BUNDLING });
  return Template.fromStack(new SyndicStack(app, 'Test', { scheduleMinutes }));
}

const template = synth();

function policyOf(functionPrefix: string): { Action: string | string[]; Resource: unknown }[] {
  const policies = template.findResources('AWS::IAM::Policy');
  const entry = Object.entries(policies).find(([id]) => id.startsWith(`${functionPrefix}ServiceRoleDefaultPolicy`));
  if (!entry) throw new Error(`no policy for ${functionPrefix}`);
  return (entry[1] as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }).Properties.PolicyDocument.Statement;
}
const logicalIdOf = (name: string) => functionLogicalId(template.toJSON() as CfnTemplate, name);
const actionsOf = (functionPrefix: string) => policyOf(functionPrefix).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('storage', () => {
  it('has on-demand tables with point-in-time recovery and the indexes the access patterns query', () => {
    for (const table of [ARTICLES_TABLE, STATE_TABLE]) {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: table.indexes.map((index) => Match.objectLike({ IndexName: index.name })),
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      });
    }
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } });
  });

  it('copies only keys into the article indexes, and every attribute into the due-feeds index', () => {
    // A listing reads ids from an article index and the records by BatchGetItem; a whole-record copy in
    // each index would be written again on every put (docs/costs.md).
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: ['timeline', 'bySource', 'byStory'].map((name) =>
        Match.objectLike({ IndexName: name, Projection: { ProjectionType: 'KEYS_ONLY' } }),
      ),
    });
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'dueFeeds', Projection: { ProjectionType: 'ALL' } })],
    });
  });

  it('keeps whole-record article indexes for a stack deployed before they became keys-only, when asked to', () => {
    const app = new App({ context: SKIP_BUNDLING });
    const legacy = Template.fromStack(new SyndicStack(app, 'Legacy', { scheduleMinutes: 15, articleIndexesProjectAll: true }));
    legacy.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: ['timeline', 'bySource', 'byStory'].map((name) => Match.objectLike({ IndexName: name, Projection: { ProjectionType: 'ALL' } })),
    });
  });

  it('keeps raw copies in an encrypted, private, versioned bucket with a lifecycle rule', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Status: 'Enabled', Transitions: Match.anyValue() })]) },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
  });

  it('refuses plain-HTTP access to the buckets and queues', () => {
    const denyInsecure = Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(Object.keys(template.findResources('AWS::S3::BucketPolicy', { Properties: { PolicyDocument: { Statement: Match.arrayWith([denyInsecure]) } } }))).toHaveLength(2);
    expect(Object.keys(template.findResources('AWS::SQS::QueuePolicy', { Properties: { PolicyDocument: { Statement: Match.arrayWith([denyInsecure]) } } }))).toHaveLength(4);
  });
});

describe('queues', () => {
  it('gives the feed and article queues encrypted dead-letter queues with the defined receive counts', () => {
    for (const queue of [FEED_QUEUE, ARTICLE_QUEUE]) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        VisibilityTimeout: queue.visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: queue.maxReceiveCount },
      });
    }
    template.resourceCountIs('AWS::SQS::Queue', 4);
  });

  it('feeds both queues to their functions with partial batch failure reporting', () => {
    template.resourcePropertiesCountIs('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: ['ReportBatchItemFailures'] }, 2);
  });
});

describe('functions', () => {
  it('runs each of its functions on arm64 with the newest Node.js runtime, at least nodejs22.x', () => {
    const functions = FUNCTION_NAMES.map((name) => template.toJSON().Resources[logicalIdOf(name)]) as { Properties: { Runtime: string; Architectures: string[] } }[];
    for (const fn of functions) {
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(Number(fn.Properties.Runtime.match(/^nodejs(\d+)\.x$/)?.[1])).toBeGreaterThanOrEqual(24);
    }
  });

  it('serves the query API behind IAM authentication only', () => {
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
  });

  it('grants each function only what it uses', () => {
    expect(actionsOf('QueryApi').every((action) => /^(dynamodb:(BatchGet|Get|Query|Scan|ConditionCheck|Describe)|xray:)/.test(action) || action === 'dynamodb:PutItem')).toBe(true);
    const queryWrites = policyOf('QueryApi').filter((statement) => statement.Action === 'dynamodb:PutItem') as { Condition?: unknown }[];
    expect(queryWrites).toEqual([expect.objectContaining({ Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['CONFIG'] } } })]);
    expect(actionsOf('DispatchFeeds').some((action) => action.startsWith('s3:'))).toBe(false);
    expect(actionsOf('FetchFeed').some((action) => action.startsWith('s3:'))).toBe(false);
    expect(actionsOf('ProcessArticle').filter((action) => action.startsWith('s3:'))).toEqual(['s3:PutObject']);
  });
});

describe('feeds file', () => {
  it('syncs config/feeds.json into the state table on every deploy that changes it', () => {
    const triggers = Object.values(template.findResources('Custom::Trigger')) as { Properties: Record<string, unknown> }[];
    expect(triggers).toHaveLength(1);
    // The handler is sync-feeds' current version: a changed bundle (a changed feeds file) is a new version,
    // and ExecuteOnHandlerChange runs the trigger again on the deploy that brings it.
    const { HandlerArn, ExecuteOnHandlerChange } = triggers[0].Properties as { HandlerArn: { Ref: string }; ExecuteOnHandlerChange: boolean };
    expect(ExecuteOnHandlerChange).toBe(true);
    expect(template.toJSON().Resources[HandlerArn.Ref]).toMatchObject({
      Type: 'AWS::Lambda::Version',
      Properties: { FunctionName: { Ref: logicalIdOf('SyncFeeds') } },
    });
    const syncRole = Object.keys(template.findResources('AWS::IAM::Policy')).some((id) => id.startsWith('SyncFeedsServiceRoleDefaultPolicy'));
    expect(syncRole).toBe(true);
    expect(actionsOf('SyncFeeds').some((action) => action.startsWith('s3:') || action.startsWith('sqs:'))).toBe(false);
  });
});

describe('reprocessing', () => {
  it('runs a Distributed Map over the raw archive, logged and traced', () => {
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as { Properties: Record<string, unknown> }[];
    expect(machines).toHaveLength(1);
    expect(machines[0].Properties).toMatchObject({ TracingConfiguration: { Enabled: true }, LoggingConfiguration: { Level: 'ALL' } });
    const definition = stateMachineDefinition(template.toJSON() as CfnTemplate);
    const map = definition.States[definition.StartAt];
    expect(map).toMatchObject({
      Type: 'Map',
      ItemReader: { Resource: 'arn:<AWS::Partition>:states:::s3:listObjectsV2', Parameters: { Bucket: `<${bucketId()}>`, 'Prefix.$': '$.prefix' } },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' } },
    });
    // A key that fails (say NO_ARTICLE_TEXT after an extractor upgrade) is a failed item of the map run,
    // counted in its ItemCounts, and the run goes on, as the local command does.
    expect(map.ToleratedFailurePercentage).toBe(100);
    const task = map.ItemProcessor.States[map.ItemProcessor.StartAt];
    expect(task).toMatchObject({ Type: 'Task', Resource: `<${logicalIdOf('ReprocessItem')}.Arn>` });
    expect(actionsOf('ReprocessItem').filter((action) => action.startsWith('s3:'))).toEqual(['s3:GetObject']);
  });

  it('hands each listed key to reprocess-item in the shape its handler accepts', async () => {
    const definition = stateMachineDefinition(template.toJSON() as CfnTemplate);
    const selector = definition.States[definition.StartAt].ItemSelector as Record<string, string>;
    // The input `syndic reprocess --aws --since 2026-11-02 --until 2026-11-03 --dry-run` starts the machine with.
    const input = { prefix: rawPrefix('2026-11-02', '2026-11-03'), since: '2026-11-02', until: '2026-11-03', source: null, dryRun: true };
    const listed = { Key: `raw/2026-11-01/a1/${'0'.repeat(64)}`, Size: 10 };
    const item = selectItem(selector, input, listed);
    expect(item).toEqual({ key: listed.Key, since: '2026-11-02', until: '2026-11-03', source: null, dryRun: true });
    // A key the month prefix lists but outside the requested days: accepted, and passed over before any AWS call.
    await expect(reprocessItem(item)).resolves.toEqual({ key: listed.Key, status: 'skipped', reason: 'outside the requested days' });
    await expect(reprocessItem({ ...item, key: undefined })).rejects.toThrow(/key/);
  });
});

const bucketId = () => Object.keys(template.findResources('AWS::S3::Bucket')).find((id) => id.startsWith('RawBucket') && !id.startsWith('RawBucketAccessLogs'))!;

describe('schedule and alarms', () => {
  it('wakes the dispatcher every 15 minutes by default, at a rate set by context', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(15 minutes)', State: 'ENABLED' });
    synth(5).hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(5 minutes)' });
    expect(() => synth(0)).toThrow(/scheduleMinutes/);
  });

  it('has a dashboard of queue backlogs, dead letters, errors and durations', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('alarms on dead-letter queue depth and on errors of every function', () => {
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 }, 2);
    const errorAlarms = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'Errors', Namespace: 'AWS/Lambda' } }));
    const watched = errorAlarms.map((alarm) => (alarm as { Properties: { Dimensions: { Name: string; Value: { Ref: string } }[] } }).Properties.Dimensions);
    expect(watched.map(([dimension]) => dimension.Value.Ref).sort()).toEqual(FUNCTION_NAMES.map(logicalIdOf).sort());
    expect(watched.every((dimensions) => dimensions.length === 1 && dimensions[0].Name === 'FunctionName')).toBe(true);
  });
});

describe('cdk-nag AwsSolutions', () => {
  const environments = [
    { name: 'an environment-agnostic stack', env: undefined },
    { name: 'a stack bound to an account and region', env: { account: '123456789012', region: 'eu-west-1' } },
  ];

  it.each(environments)('reports no unacknowledged finding for $name, and every acknowledgement gives a reason', ({ env }) => {
    const app = new App({ context: SKIP_BUNDLING });
    const stack = new SyndicStack(app, 'Nag', { scheduleMinutes: 15, env });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
    const acknowledged = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const entry of acknowledged) {
      for (const [rule, reason] of Object.entries(entry.data as Record<string, string>)) {
        if (rule.startsWith('AwsSolutions::')) expect(reason.length, rule).toBeGreaterThan(20);
      }
    }
  });
});
