// A synthesized template "deployed" onto the local AWS-compatible servers: its tables, queues and buckets
// created from the template's own resource properties (not from shared/store/definitions.ts), and its
// references (Ref, Fn::GetAtt) resolved to the local names, URLs and ARNs.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../shared/aws/clients.ts';
import type { CfnResource, CfnTemplate } from './template.ts';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';

/** What a reference to a created resource stands for: its Ref value and its attributes. */
interface Deployed {
  ref: string;
  attributes: Record<string, string>;
}

export class UnresolvableReference extends Error {
  override readonly name = 'UnresolvableReference';
}

export class LocalStack {
  private readonly deployed = new Map<string, Deployed>();

  private constructor(private readonly template: CfnTemplate) {}

  /** Creates every table, queue and bucket of the template on the servers the clients point at. */
  static async deploy(template: CfnTemplate, aws: AwsClients): Promise<LocalStack> {
    const stack = new LocalStack(template);
    const of = (type: string) => Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
    for (const [id, resource] of [...of('AWS::DynamoDB::GlobalTable'), ...of('AWS::DynamoDB::Table')]) await stack.createTable(aws, id, resource);
    for (const [id] of of('AWS::S3::Bucket')) await stack.createBucket(aws, id);
    // Dead-letter queues first: a redrive policy names its target's ARN.
    const queues = of('AWS::SQS::Queue').sort(([, a], [, b]) => Number('RedrivePolicy' in a.Properties!) - Number('RedrivePolicy' in b.Properties!));
    for (const [id, resource] of queues) await stack.createQueue(aws, id, resource);
    for (const [id] of of('AWS::Lambda::Function')) {
      stack.deployed.set(id, { ref: id, attributes: { Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${id}` } });
    }
    return stack;
  }

  /** A template value with every reference replaced by what it stands for locally. */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) return this.intrinsic(entries[0][0], entries[0][1]);
    return Object.fromEntries(entries.map(([key, item]) => [key, this.resolve(item)]));
  }

  /** Environment variables as a function of this stack receives them. */
  environment(variables: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, String(this.resolve(value))]));
  }

  private intrinsic(name: string, argument: unknown): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(argument as string);
      case 'Fn::GetAtt': {
        const [id, attribute] = argument as [string, string];
        const value = this.found(id).attributes[attribute];
        if (value === undefined) throw new UnresolvableReference(`${id}.${attribute} has no local value`);
        return value;
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown[]];
        return parts.map((part) => this.resolve(part)).join(separator);
      }
      default:
        throw new UnresolvableReference(`${name} is not resolved locally`);
    }
  }

  private ref(id: string): string {
    const pseudo: Record<string, string> = { 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };
    return pseudo[id] ?? this.found(id).ref;
  }

  private found(id: string): Deployed {
    const deployed = this.deployed.get(id);
    if (!deployed) {
      const type = this.template.Resources[id]?.Type ?? 'no such resource';
      throw new UnresolvableReference(`${id} (${type}) is not deployed locally`);
    }
    return deployed;
  }

  private async createTable(aws: AwsClients, id: string, resource: CfnResource): Promise<void> {
    const p = resource.Properties as Record<string, unknown> & Pick<CreateTableCommandInput, 'KeySchema' | 'AttributeDefinitions' | 'GlobalSecondaryIndexes' | 'LocalSecondaryIndexes'>;
    const index = ({ IndexName, KeySchema, Projection }: { IndexName?: string; KeySchema?: unknown; Projection?: unknown }) => ({ IndexName, KeySchema, Projection });
    await (aws.dynamo as unknown as DynamoDBClient).send(
      new CreateTableCommand({
        TableName: id,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: p.KeySchema,
        AttributeDefinitions: p.AttributeDefinitions,
        // Only what decides a query: names, keys and projections (throughput and replicas do not apply here).
        GlobalSecondaryIndexes: p.GlobalSecondaryIndexes?.map(index) as CreateTableCommandInput['GlobalSecondaryIndexes'],
        LocalSecondaryIndexes: p.LocalSecondaryIndexes?.map(index) as CreateTableCommandInput['LocalSecondaryIndexes'],
      }),
    );
    this.deployed.set(id, { ref: id, attributes: { Arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${id}` } });
  }

  private async createBucket(aws: AwsClients, id: string): Promise<void> {
    const name = id.toLowerCase();
    await aws.s3.send(new CreateBucketCommand({ Bucket: name }));
    this.deployed.set(id, { ref: name, attributes: { Arn: `arn:aws:s3:::${name}`, DomainName: `${name}.s3.amazonaws.com` } });
  }

  private async createQueue(aws: AwsClients, id: string, resource: CfnResource): Promise<void> {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(resource.Properties ?? {})) {
      if (QUEUE_ATTRIBUTES.has(name)) attributes[name] = name === 'RedrivePolicy' ? JSON.stringify(this.resolve(value)) : String(value);
      else if (!ENCRYPTION_SETTINGS.has(name)) throw new Error(`queue ${id}: ${name} is not applied locally; add it to the local deployment`);
    }
    const { QueueUrl } = await aws.sqs.send(new CreateQueueCommand({ QueueName: id, Attributes: attributes }));
    const { Attributes } = await aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    this.deployed.set(id, { ref: QueueUrl!, attributes: { Arn: Attributes!.QueueArn!, QueueUrl: QueueUrl!, QueueName: id } });
  }
}

/** Queue properties that change how messages flow, applied as the queue's attributes. */
const QUEUE_ATTRIBUTES = new Set(['VisibilityTimeout', 'MessageRetentionPeriod', 'RedrivePolicy', 'DelaySeconds', 'MaximumMessageSize', 'ReceiveMessageWaitTimeSeconds']);
/** Encryption at rest, which the local servers have no notion of. */
const ENCRYPTION_SETTINGS = new Set(['SqsManagedSseEnabled', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds']);
