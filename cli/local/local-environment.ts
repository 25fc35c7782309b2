// A complete local deployment: AWS-compatible servers on 127.0.0.1, the stack's resources created on
// them, and the process environment pointed at them exactly as a Lambda's would be.
import path from 'node:path';
import { createClients } from '../../shared/aws/clients.ts';
import type { AwsClients } from '../../shared/aws/clients.ts';
import { runtimeConfig } from '../../shared/config.ts';
import type { RuntimeConfig } from '../../shared/config.ts';
import { RAW_BUCKET } from '../../shared/store/definitions.ts';
import { startLocalAwsServers } from './aws-servers.ts';
import { ensureResources } from './resources.ts';
import { restoreBucket, saveBucket } from './s3-snapshot.ts';

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
    return {
      aws,
      config,
      env,
      async close() {
        try {
          if (s3Dir) await saveBucket(aws.s3, RAW_BUCKET.localName, s3Dir);
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
