// AWS-compatible servers for a run with no AWS account: dynalite (pure-Node DynamoDB, LevelDB on disk
// when given a folder) and fauxqs (SQS + S3, in memory), both bound to 127.0.0.1 on free ports.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import dynalite from 'dynalite';
import { buildApp } from 'fauxqs';

export interface LocalAwsServers {
  /** Variables that point the AWS SDK at these servers (standard names, so nothing else changes). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startLocalAwsServers(options: { dynamoDir?: string } = {}): Promise<LocalAwsServers> {
  if (options.dynamoDir) mkdirSync(options.dynamoDir, { recursive: true });
  const dynamo: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.dynamoDir });
  await new Promise<void>((resolve, reject) => dynamo.once('error', reject).listen(0, '127.0.0.1', resolve));
  const dynamoPort = (dynamo.address() as AddressInfo).port;

  const queues = buildApp({ logger: false });
  const queuesAddress = await queues.listen({ port: 0, host: '127.0.0.1' });

  return {
    env: {
      AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dynamoPort}`,
      AWS_ENDPOINT_URL_SQS: queuesAddress,
      AWS_ENDPOINT_URL_S3: queuesAddress,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    },
    async stop() {
      await queues.close();
      await new Promise<void>((resolve) => dynamo.close(() => resolve()));
    },
  };
}
