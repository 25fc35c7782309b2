// The whole deployment: storage, queues, the four functions, the schedule and the alarms. Table, bucket
// and queue shapes come from shared/store/definitions.ts, which the local runner uses too.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as triggers from 'aws-cdk-lib/triggers';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sfnTasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import {
  ARTICLES_TABLE, ARTICLE_QUEUE, FEED_QUEUE, FUNCTION_TIMEOUT_SECONDS, RAW_BUCKET, STATE_TABLE,
} from '../shared/store/definitions.ts';
import type { IndexProjection, QueueDefinition, TableDefinition } from '../shared/store/definitions.ts';
import type { StackOutputName } from '../shared/stack-outputs.ts';
import { CONFIG_PK } from '../shared/store/state-store.ts';

export interface SyndicStackProps extends StackProps {
  /** How often the dispatcher wakes up to send due feeds (minutes). */
  scheduleMinutes: number;
  /**
   * Keep the article indexes copying every attribute, as stacks deployed before they became keys-only
   * do: DynamoDB cannot change an existing index's projection, so such a stack is redeployed with this
   * set (the code reads only keys from the indexes either way). See docs/costs.md.
   */
  articleIndexesProjectAll?: boolean;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The newest Node.js runtime this aws-cdk-lib offers; the code is also tested on Node 20 and 22. */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

export class SyndicStack extends Stack {
  constructor(scope: Construct, id: string, props: SyndicStackProps) {
    super(scope, id, props);
    if (!Number.isInteger(props.scheduleMinutes) || props.scheduleMinutes < 1) {
      throw new Error(`scheduleMinutes must be a whole number of minutes >= 1, got ${props.scheduleMinutes}`);
    }

    const articlesTable = this.table(
      props.articleIndexesProjectAll
        ? { ...ARTICLES_TABLE, indexes: ARTICLES_TABLE.indexes.map((index) => ({ ...index, projection: { type: 'ALL' as const } })) }
        : ARTICLES_TABLE,
    );
    const stateTable = this.table(STATE_TABLE);
    const rawBucket = this.rawBucket();
    const feeds = this.queue(FEED_QUEUE);
    const articles = this.queue(ARTICLE_QUEUE);

    const environment = {
      SYNDIC_ARTICLES_TABLE: articlesTable.tableName,
      SYNDIC_STATE_TABLE: stateTable.tableName,
      SYNDIC_RAW_BUCKET: rawBucket.bucketName,
      SYNDIC_FEED_QUEUE_URL: feeds.queue.queueUrl,
      SYNDIC_ARTICLE_QUEUE_URL: articles.queue.queueUrl,
      SYNDIC_ARTICLE_DLQ_URL: articles.dlq.queueUrl,
      SYNDIC_FEED_INTERVAL_MINUTES: String(props.scheduleMinutes),
      POWERTOOLS_SERVICE_NAME: 'syndic',
      NODE_OPTIONS: '--enable-source-maps',
    };
    const fn = (name: string, timeoutSeconds: number, memorySize: number) => this.function(name, timeoutSeconds, memorySize, environment);

    const dispatchFeeds = fn('dispatch-feeds', FUNCTION_TIMEOUT_SECONDS.dispatchFeeds, 256);
    stateTable.grantReadWriteData(dispatchFeeds);
    feeds.queue.grantSendMessages(dispatchFeeds);

    const fetchFeed = fn('fetch-feed', FEED_QUEUE.consumer.timeoutSeconds, 512);
    stateTable.grantReadWriteData(fetchFeed);
    articles.queue.grantSendMessages(fetchFeed);
    fetchFeed.addEventSource(this.eventSource(feeds.queue, FEED_QUEUE));

    const processArticle = fn('process-article', ARTICLE_QUEUE.consumer.timeoutSeconds, 1024);
    articlesTable.grantReadWriteData(processArticle);
    stateTable.grantReadWriteData(processArticle);
    // Only PutObject: grantPut would add tagging, retention and abort rights the function never uses.
    processArticle.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [rawBucket.arnForObjects('*')] }));
    articles.dlq.grantSendMessages(processArticle);
    // A job whose host has no turn for it yet is sent back to its own queue with a delay.
    articles.queue.grantSendMessages(processArticle);
    processArticle.addEventSource(this.eventSource(articles.queue, ARTICLE_QUEUE));

    const queryApi = fn('query-api', FUNCTION_TIMEOUT_SECONDS.queryApi, 512);
    articlesTable.grantReadData(queryApi);
    stateTable.grantReadData(queryApi);
    // The one write it may make: the cursor-signing key, created on first use in the CONFIG partition.
    queryApi.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:PutItem'],
        resources: [stateTable.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [CONFIG_PK] } },
      }),
    );
    const queryUrl = queryApi.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    // config/feeds.json is bundled into sync-feeds; a changed file is a changed function, run again on deploy.
    const syncFeeds = fn('sync-feeds', FUNCTION_TIMEOUT_SECONDS.syncFeeds, 256);
    stateTable.grantReadWriteData(syncFeeds);
    new triggers.Trigger(this, 'SyncFeedsOnDeploy', { handler: syncFeeds, executeAfter: [stateTable], executeOnHandlerChange: true });

    const reprocessItem = fn('reprocess-item', FUNCTION_TIMEOUT_SECONDS.reprocessItem, 1024);
    const reprocess = this.reprocessStateMachine(reprocessItem, articlesTable, stateTable, rawBucket);

    this.acknowledgeWildcards(syncFeeds, [stateTable]);
    this.acknowledgeWildcards(dispatchFeeds, [stateTable]);
    this.acknowledgeWildcards(fetchFeed, [stateTable]);
    this.acknowledgeWildcards(processArticle, [articlesTable, stateTable], rawBucket);
    this.acknowledgeWildcards(queryApi, [articlesTable, stateTable]);

    const schedule = new scheduler.Schedule(this, 'DispatchSchedule', {
      description: 'Wakes dispatch-feeds, which sends every due feed to the feed queue',
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(props.scheduleMinutes)),
      target: new targets.LambdaInvoke(dispatchFeeds, { retryAttempts: 2, maxEventAge: Duration.minutes(props.scheduleMinutes) }),
    });
    Validations.of(this).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.logicalIdOf(dispatchFeeds)}.Arn>:*]`,
      reason: `The scheduler's role (${schedule.node.id}) may invoke dispatch-feeds and its versions, nothing else.`,
    });

    for (const { id, queue } of [{ id: 'FeedDlq', queue: feeds.dlq }, { id: 'ArticleDlq', queue: articles.dlq }]) {
      new cloudwatch.Alarm(this, `${id}NotEmpty`, {
        alarmDescription:
          `Messages in ${id}: work that failed every retry. Its reason is in the message attributes; one SQS moved by itself ` +
          '(the function crashed or timed out) has none and is listed as NO_REASON. Read them with `syndic dlq list --aws`, ' +
          'move them back with `syndic dlq redrive --aws [--reason CODE]` once the fault is gone.',
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    const functions = { DispatchFeeds: dispatchFeeds, FetchFeed: fetchFeed, ProcessArticle: processArticle, QueryApi: queryApi };
    this.dashboard(functions, { feeds, articles });
    // Errors of every function, the deploy-time sync and the reprocess items included: a failed sync leaves
    // the feeds file unapplied, a failed item leaves a record unrebuilt.
    for (const [id, f] of Object.entries({ ...functions, SyncFeeds: syncFeeds, ReprocessItem: reprocessItem })) {
      new cloudwatch.Alarm(this, `${id}Errors`, {
        alarmDescription: `${id} invocations failed`,
        metric: f.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    // What the CLI's --aws mode reads to find this stack by its name.
    const outputs: Record<StackOutputName, string> = {
      ArticlesTableName: articlesTable.tableName,
      StateTableName: stateTable.tableName,
      RawBucketName: rawBucket.bucketName,
      FeedQueueUrl: feeds.queue.queueUrl,
      FeedDlqUrl: feeds.dlq.queueUrl,
      ArticleQueueUrl: articles.queue.queueUrl,
      ArticleDlqUrl: articles.dlq.queueUrl,
      ReprocessStateMachineArn: reprocess.stateMachineArn,
      ScheduleName: schedule.scheduleName,
      FeedIntervalMinutes: String(props.scheduleMinutes),
    };
    for (const [id, value] of Object.entries(outputs)) new CfnOutput(this, id, { value });
    new CfnOutput(this, 'QueryApiUrl', { value: queryUrl.url });
  }

  /** One page for the pipeline's health: queue backlogs, dead letters, and each function's errors and duration. */
  private dashboard(functions: Record<string, NodejsFunction>, queues: Record<string, { queue: sqs.Queue; dlq: sqs.Queue }>): void {
    const period = Duration.minutes(5);
    new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(24),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Queue backlog',
            left: Object.entries(queues).map(([name, q]) => q.queue.metricApproximateNumberOfMessagesVisible({ period, label: name })),
          }),
          new cloudwatch.GraphWidget({
            title: 'Dead letters',
            left: Object.entries(queues).map(([name, q]) => q.dlq.metricApproximateNumberOfMessagesVisible({ period, label: `${name} DLQ` })),
          }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'Errors', left: Object.entries(functions).map(([name, f]) => f.metricErrors({ period, label: name })) }),
          new cloudwatch.GraphWidget({
            title: 'Duration p95',
            left: Object.entries(functions).map(([name, f]) => f.metricDuration({ period, statistic: 'p95', label: name })),
          }),
        ],
      ],
    });
  }

  /**
   * Reprocessing after an upgrade: a Distributed Map over the raw keys under a prefix, one Lambda call per
   * key. Input: { prefix, since, until, source, dryRun } (the CLI's `reprocess --aws` fills it in).
   * A key that fails is a failed item of the map run (counted in its ItemCounts) and the run completes,
   * as the local command counts the error and goes on.
   */
  private reprocessStateMachine(reprocessItem: NodejsFunction, articlesTable: dynamodb.TableV2, stateTable: dynamodb.TableV2, rawBucket: s3.Bucket): sfn.StateMachine {
    articlesTable.grantReadWriteData(reprocessItem);
    reprocessItem.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [rawBucket.arnForObjects('*')] }));
    // Reprocessing applies each feed's current extraction rules, read from the feed item.
    stateTable.grantReadData(reprocessItem);
    this.acknowledgeWildcards(reprocessItem, [articlesTable, stateTable], rawBucket);

    const eachRawCopy = new sfn.DistributedMap(this, 'ReprocessEachRawCopy', {
      itemReader: new sfn.S3ObjectsItemReader({ bucket: rawBucket, prefix: sfn.JsonPath.stringAt('$.prefix') }),
      itemSelector: {
        key: sfn.JsonPath.stringAt('$$.Map.Item.Value.Key'),
        since: sfn.JsonPath.stringAt('$.since'),
        until: sfn.JsonPath.stringAt('$.until'),
        source: sfn.JsonPath.stringAt('$.source'),
        dryRun: sfn.JsonPath.stringAt('$.dryRun'),
      },
      maxConcurrency: 20,
      toleratedFailurePercentage: 100,
      mapExecutionType: sfn.StateMachineType.EXPRESS,
      resultSelector: { done: true },
    });
    eachRawCopy.itemProcessor(
      new sfnTasks.LambdaInvoke(this, 'ReprocessRawCopy', { lambdaFunction: reprocessItem, payloadResponseOnly: true, retryOnServiceExceptions: true }),
    );
    const machine = new sfn.StateMachine(this, 'Reprocess', {
      definitionBody: sfn.DefinitionBody.fromChainable(eachRawCopy),
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(this, 'ReprocessLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
        level: sfn.LogLevel.ALL,
      },
    });
    Validations.of(machine).acknowledge(
      ...['*', `<${this.logicalIdOf(reprocessItem)}.Arn>:*`].map((resource) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`,
        reason:
          resource === '*'
            ? 'Step Functions log delivery, X-Ray and starting its own map runs take no narrower resource.'
            : 'The state machine invokes reprocess-item and its versions, nothing else.',
      })),
    );
    // Map runs of this machine's own executions: the ARNs cannot be known before they start.
    // cdk-nag names the resource as CloudFormation will see it: a known region or account appears as itself.
    const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
    const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
    const executions = `arn:<AWS::Partition>:states:${region}:${account}:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${this.logicalIdOf(machine)}"}]}]}`;
    Validations.of(machine).acknowledge(
      ...[`${executions}:*`, `${executions}/*:*`].map((resource) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`,
        reason: 'A Distributed Map describes and stops the map runs of its own executions, whose names are made at run time.',
      })),
    );
    return machine;
  }

  /**
   * cdk-nag flags every wildcard; each one acknowledged here is scoped to a resource of this stack:
   * a table's own indexes, the raw bucket's objects, and X-Ray writes (which take no resource ARN).
   */
  private acknowledgeWildcards(fn: NodejsFunction, tables: dynamodb.TableV2[], bucket?: s3.Bucket): void {
    const finding = (resource: string) => `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`;
    Validations.of(fn).acknowledge(
      { id: finding('*'), reason: 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.' },
      ...tables.map((table) => ({
        id: finding(`<${this.logicalIdOf(table)}.Arn>/index/*`),
        reason: `Queries on the global secondary indexes of ${table.node.id}, the table this function already uses.`,
      })),
      ...(bucket
        ? [{ id: finding(`<${this.logicalIdOf(bucket)}.Arn>/*`), reason: 'PutObject of raw copies, whose keys are per article.' }]
        : []),
    );
  }

  private logicalIdOf(construct: Construct): string {
    return this.getLogicalId(construct.node.defaultChild as CfnElement);
  }

  private table(definition: TableDefinition): dynamodb.TableV2 {
    const attribute = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    return new dynamodb.TableV2(this, definition.id, {
      partitionKey: attribute(definition.partitionKey),
      sortKey: attribute(definition.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: definition.timeToLiveAttribute,
      globalSecondaryIndexes: definition.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        ...projectionOf(index.projection),
      })),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  private rawBucket(): s3.Bucket {
    const accessLogs = new s3.Bucket(this, 'RawBucketAccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'This is the access-log bucket of the raw archive; logging its own access would recurse.',
    });
    return new s3.Bucket(this, RAW_BUCKET.id, {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'raw/',
      lifecycleRules: [
        {
          id: 'tier-raw-copies',
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(RAW_BUCKET.infrequentAccessAfterDays) },
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(RAW_BUCKET.glacierAfterDays) },
          ],
          noncurrentVersionExpiration: Duration.days(30),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Lambda reads the queue as its definition says; the local event source reads the same numbers. */
  private eventSource(queue: sqs.Queue, definition: QueueDefinition): SqsEventSource {
    const { batchSize, maxConcurrency } = definition.consumer;
    return new SqsEventSource(queue, { batchSize, maxConcurrency, reportBatchItemFailures: true });
  }

  private queue(definition: QueueDefinition): { queue: sqs.Queue; dlq: sqs.Queue } {
    const dlq = new sqs.Queue(this, definition.dlq.id, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(definition.dlq.retentionDays),
    });
    Validations.of(dlq).acknowledge({ id: 'AwsSolutions::AwsSolutions-SQS3', reason: 'This queue is itself a dead-letter queue.' });
    const queue = new sqs.Queue(this, definition.id, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: dlq, maxReceiveCount: definition.maxReceiveCount },
    });
    return { queue, dlq };
  }

  private function(name: string, timeoutSeconds: number, memorySize: number, environment: Record<string, string>): NodejsFunction {
    const id = name.replace(/(^|-)(\w)/g, (_m, _dash, letter: string) => letter.toUpperCase());
    const fn = new NodejsFunction(this, id, {
      entry: path.join(ROOT, 'functions', name, 'handler.ts'),
      handler: 'handler',
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.seconds(timeoutSeconds),
      memorySize,
      environment,
      projectRoot: ROOT,
      depsLockFilePath: path.join(ROOT, 'package-lock.json'),
      logGroup: new logs.LogGroup(this, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
      tracing: lambda.Tracing.ACTIVE,
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        // Stack traces map back to file and line without the map carrying every source (the model files
        // among them) a second time: that content was most of the process-article zip.
        sourcesContent: false,
        target: 'node22',
        bundleAwsSDK: true,
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies call require(); ESM bundles need it defined.
        banner: "import { createRequire as __syndicCreateRequire } from 'node:module'; const require = __syndicCreateRequire(import.meta.url);",
      },
    });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch Logs.',
    });
    return fn;
  }
}

function projectionOf(projection: IndexProjection = { type: 'ALL' }) {
  return projection.type === 'INCLUDE'
    ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: projection.attributes }
    : { projectionType: projection.type === 'ALL' ? dynamodb.ProjectionType.ALL : dynamodb.ProjectionType.KEYS_ONLY };
}
