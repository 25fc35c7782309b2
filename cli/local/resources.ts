// Creates the stack's tables, bucket and queues on whatever endpoint the clients point at, from the same
// definitions the CDK stack uses. Idempotent: a second run finds them and carries on.
import {
  CreateTableCommand, DescribeTableCommand, ResourceInUseException, UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../shared/aws/clients.ts';
import { QUEUES, RAW_BUCKET, TABLES } from '../../shared/store/definitions.ts';
import type { IndexDefinition, QueueDefinition, TableDefinition } from '../../shared/store/definitions.ts';

/** Creates everything and returns the settings the pipeline reads (shared/config.ts). */
export async function ensureResources(aws: AwsClients): Promise<Record<string, string>> {
  await ensureTables(aws);
  await ensureBucket(aws);
  const [feeds, articles] = await Promise.all(QUEUES.map((queue) => ensureQueue(aws, queue)));
  const [articlesTable, stateTable] = TABLES.map((table) => table.localName);
  return {
    SYNDIC_ARTICLES_TABLE: articlesTable,
    SYNDIC_STATE_TABLE: stateTable,
    SYNDIC_RAW_BUCKET: RAW_BUCKET.localName,
    SYNDIC_FEED_QUEUE_URL: feeds.url,
    SYNDIC_FEED_DLQ_URL: feeds.dlqUrl,
    SYNDIC_ARTICLE_QUEUE_URL: articles.url,
    SYNDIC_ARTICLE_DLQ_URL: articles.dlqUrl,
  };
}

function projectionOf(index: IndexDefinition) {
  const projection = index.projection ?? { type: 'ALL' };
  return projection.type === 'INCLUDE'
    ? { ProjectionType: projection.type, NonKeyAttributes: projection.attributes }
    : { ProjectionType: projection.type };
}

export async function ensureTables(aws: Pick<AwsClients, 'dynamo'>, tables: readonly TableDefinition[] = TABLES): Promise<void> {
  for (const table of tables) await ensureTable(aws.dynamo as unknown as DynamoDBClient, table);
}

async function ensureTable(dynamo: DynamoDBClient, table: TableDefinition): Promise<void> {
  const keyNames = new Set([table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: table.localName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...keyNames].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: table.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: projectionOf(index),
        })),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    return;
  }
  await waitActive(dynamo, table.localName);
  if (table.timeToLiveAttribute) await enableTtl(dynamo, table.localName, table.timeToLiveAttribute);
}

async function waitActive(dynamo: DynamoDBClient, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${name} did not become active`);
}

async function enableTtl(dynamo: DynamoDBClient, table: string, attribute: string): Promise<void> {
  try {
    await dynamo.send(
      new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { AttributeName: attribute, Enabled: true } }),
    );
  } catch (error) {
    // dynalite has no TTL: expired claims then simply stay, which only costs space on a local disk.
    if ((error as { name?: string }).name !== 'UnknownOperationException') throw error;
  }
}

async function ensureBucket(aws: AwsClients): Promise<void> {
  try {
    await aws.s3.send(new CreateBucketCommand({ Bucket: RAW_BUCKET.localName }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  }
}

async function ensureQueue(aws: AwsClients, queue: QueueDefinition): Promise<{ url: string; dlqUrl: string }> {
  const dlq = await aws.sqs.send(
    new CreateQueueCommand({
      QueueName: queue.dlq.localName,
      Attributes: { MessageRetentionPeriod: String(queue.dlq.retentionDays * 86400) },
    }),
  );
  const dlqAttributes = await aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }));
  const main = await aws.sqs.send(
    new CreateQueueCommand({
      QueueName: queue.localName,
      Attributes: {
        VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqAttributes.Attributes!.QueueArn, maxReceiveCount: queue.maxReceiveCount }),
      },
    }),
  );
  return { url: main.QueueUrl!, dlqUrl: dlq.QueueUrl! };
}
