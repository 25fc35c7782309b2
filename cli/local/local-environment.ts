// A complete local deployment: AWS-compatible servers on 127.0.0.1, the stack's resources created on
// them, and the process environment pointed at them exactly as a Lambda's would be.
import path from 'node:path';
import { createClients } from '../../shared/aws/clients.ts';
import type { AwsClients } from '../../shared/aws/clients.ts';
import { runtimeConfig } from '../../shared/config.ts';
import type { RuntimeConfig } from '../../shared/config.ts';
import { ARTICLE_QUEUE, FEED_QUEUE, RAW_BUCKET } from '../../shared/store/definitions.ts';
import { startLocalAwsServers } from './aws-servers.ts';
import { ensureResources } from './resources.ts';
import { restoreBucket, saveBucket } from './s3-snapshot.ts';
import { restoreQueue, saveQueue } from './queue-snapshot.ts';

export interface LocalEnvironment {
  aws: AwsClients;
  config: RuntimeConfig;
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface LocalEnvironmentOptions {
  /** Folder that keeps the data between runs; omit for a throwaway in-memory environment. */
  dataDir?: string;
  /** Extra settings, e.g. SYNDIC_ALLOW_LOOPBACK for fetching the local sample sites. */
  settings?: Record<string, string>;
}

export async function openLocalEnvironment(options: LocalEnvironmentOptions = {}): Promise<LocalEnvironment> {
  const servers = await startLocalAwsServers({ dynamoDir: options.dataDir && path.join(options.dataDir, 'dynamodb') });
  try {
    Object.assign(process.env, servers.env, options.settings);
    const aws = createClients();
    const env = { ...servers.env, ...options.settings, ...(await ensureResources(aws)) };
    Object.assign(process.env, env);
    const config = runtimeConfig();
    const s3Dir = options.dataDir && path.join(options.dataDir, 's3');
    if (s3Dir) await restoreBucket(aws.s3, RAW_BUCKET.localName, s3Dir);
    // Messages stay until processed, as in SQS: dead letters until redriven, redriven ones until the next run.
    const queueFiles = options.dataDir ? queueSnapshots(config, path.join(options.dataDir, 'sqs')) : [];
    for (const { url, file } of queueFiles) await restoreQueue(aws.sqs, url, file);
    return {
      aws,
      config,
      env,
      async close() {
        try {
          if (s3Dir) await saveBucket(aws.s3, RAW_BUCKET.localName, s3Dir);
          for (const { url, file } of queueFiles) await saveQueue(aws.sqs, url, file);
        } finally {
          await servers.stop();
        }
      },
    };
  } catch (error) {
    await servers.stop();
    throw error;
  }
}

function queueSnapshots(config: RuntimeConfig, dir: string): { url: string; file: string }[] {
  const file = (name: string) => path.join(dir, `${name}.json`);
  return [
    { url: config.feedQueueUrl, file: file(FEED_QUEUE.localName) },
    { url: config.feedDlqUrl!, file: file(FEED_QUEUE.dlq.localName) },
    { url: config.articleQueueUrl, file: file(ARTICLE_QUEUE.localName) },
    { url: config.articleDlqUrl, file: file(ARTICLE_QUEUE.dlq.localName) },
  ];
}
