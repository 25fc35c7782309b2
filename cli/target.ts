// Where a CLI command reads and writes: the local data folder of `syndic start` (servers started on
// 127.0.0.1 for the duration of the command), or a deployed stack (--aws, named by SYNDIC_* variables).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClients } from '../shared/aws/clients.ts';
import type { AwsClients } from '../shared/aws/clients.ts';
import { runtimeConfig, storageNames } from '../shared/config.ts';
import type { RuntimeConfig, StorageNames } from '../shared/config.ts';
import type { ArticleStore } from '../shared/store/article-store.ts';
import type { StateStore } from '../shared/store/state-store.ts';
import { stores } from '../shared/pipeline/dependencies.ts';
import { openLocalEnvironment } from './local/local-environment.ts';
import type { LocalEnvironment } from './local/local-environment.ts';

export interface Target {
  aws: AwsClients;
  names: StorageNames;
  articles: ArticleStore;
  state: StateStore;
  /** Present for local targets: the environment the in-process pipeline runs in. */
  local: LocalEnvironment | null;
  runtime(): RuntimeConfig;
  close(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

export function dataDir(profile: string): string {
  return process.env.SYNDIC_DATA_DIR ?? path.join(REPO_ROOT, '.syndic', profile);
}

export interface TargetOptions {
  aws?: boolean;
  profile?: string;
  verbose?: boolean;
  /** Extra settings for the local pipeline, e.g. SYNDIC_ALLOW_LOOPBACK for the sample sites. */
  settings?: Record<string, string>;
}

export async function openTarget(options: TargetOptions): Promise<Target> {
  if (options.aws) {
    const aws = createClients();
    const names = storageNames();
    return { aws, names, ...stores(names, aws), local: null, runtime: () => runtimeConfig(), close: async () => {} };
  }
  const local = await openLocalEnvironment({
    dataDir: dataDir(options.profile ?? 'local'),
    settings: { POWERTOOLS_LOG_LEVEL: options.verbose ? 'INFO' : 'SILENT', ...options.settings },
  });
  return { aws: local.aws, names: local.config, ...stores(local.config, local.aws), local, runtime: () => local.config, close: () => local.close() };
}
