// The one place that builds AWS clients. Endpoints come from the SDK's standard variables
// (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_DYNAMODB/_S3/_SQS), so the same code talks to AWS, LocalStack
// or the local servers; only the settings that custom endpoints need are switched on here.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';

type Service = 'DYNAMODB' | 'S3' | 'SQS';

function customEndpoint(service: Service, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL || undefined;
}

export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
}

/** Passing `env` explicitly lets one process talk to several endpoints (the storage tests do). */
export function createClients(env: NodeJS.ProcessEnv = process.env): AwsClients {
  const endpoints = { dynamo: customEndpoint('DYNAMODB', env), s3: customEndpoint('S3', env), sqs: customEndpoint('SQS', env) };
  const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: endpoints.dynamo }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  // Path-style addressing: emulators cannot serve <bucket>.localhost virtual hosts.
  const s3 = new S3Client({ endpoint: endpoints.s3, forcePathStyle: endpoints.s3 !== undefined });
  // Emulators hand out queue URLs on made-up hosts; send to the configured endpoint instead.
  const sqs = new SQSClient({ endpoint: endpoints.sqs, useQueueUrlAsEndpoint: endpoints.sqs === undefined });
  return { dynamo, s3, sqs };
}

let shared: AwsClients | undefined;

/** Clients reused across Lambda invocations (created on first use, not at import). */
export function clients(): AwsClients {
  shared ??= createClients();
  return shared;
}
