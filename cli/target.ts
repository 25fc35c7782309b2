// Where a CLI command reads and writes: the local data folder of `syndic start` (servers started on
// 127.0.0.1 for the duration of the command), or a deployed stack (--aws) found by its name from its
// CloudFormation outputs, with any SYNDIC_* variable that is set taking precedence over its output.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { createClients } from '../shared/aws/clients.ts';
import type { AwsClients } from '../shared/aws/clients.ts';
import { runtimeConfig } from '../shared/config.ts';
import type { RuntimeConfig, StorageNames } from '../shared/config.ts';
import { STACK_OUTPUTS } from '../shared/stack-outputs.ts';
import type { StackOutputName } from '../shared/stack-outputs.ts';
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
  /** The deployed stack's name; null for local targets. */
  stack: string | null;
  /** Every SYNDIC_* setting the target resolved to (from the stack's outputs, the variables, or the local run). */
  settings: Record<string, string>;
  runtime(): RuntimeConfig;
  close(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

export const DEFAULT_STACK = 'Syndic';

export function dataDir(profile: string): string {
  return process.env.SYNDIC_DATA_DIR ?? path.join(REPO_ROOT, '.syndic', profile);
}

export interface TargetOptions {
  aws?: boolean;
  /** With aws: the CloudFormation stack (default $SYNDIC_STACK, then 'Syndic'). */
  stack?: string;
  profile?: string;
  verbose?: boolean;
  /** Extra settings for the local pipeline, e.g. SYNDIC_ALLOW_LOOPBACK for the sample sites. */
  settings?: Record<string, string>;
}

/** A deployed stack that cannot be used as it is: what is wrong and what to do, in one line. */
export class StackError extends Error {
  override readonly name = 'StackError';
}

export async function openTarget(options: TargetOptions): Promise<Target> {
  if (options.aws) {
    const stack = options.stack ?? (process.env.SYNDIC_STACK || DEFAULT_STACK);
    const settings = await stackSettings(stack);
    const config = runtimeConfig({ ...process.env, ...settings });
    const aws = createClients();
    return { aws, names: config, ...stores(config, aws), local: null, stack, settings, runtime: () => config, close: async () => {} };
  }
  const local = await openLocalEnvironment({
    dataDir: dataDir(options.profile ?? 'local'),
    settings: { POWERTOOLS_LOG_LEVEL: options.verbose ? 'INFO' : 'SILENT', ...options.settings },
  });
  return {
    aws: local.aws,
    names: local.config,
    ...stores(local.config, local.aws),
    local,
    stack: null,
    settings: local.env,
    runtime: () => local.config,
    close: () => local.close(),
  };
}

/** What a stack needs to answer for the CLI to work at all; the other outputs serve single commands. */
const REQUIRED: StackOutputName[] = ['ArticlesTableName', 'StateTableName', 'RawBucketName', 'FeedQueueUrl', 'ArticleQueueUrl', 'ArticleDlqUrl'];

/**
 * The stack's settings: its outputs, overridden by the SYNDIC_* variables that are set. When the variables
 * name everything the CLI needs, the stack is not asked (no cloudformation:DescribeStacks right needed).
 */
export async function stackSettings(stack: string, env: NodeJS.ProcessEnv = process.env): Promise<Record<string, string>> {
  const fromEnv = Object.fromEntries(
    Object.values(STACK_OUTPUTS).flatMap((setting) => (env[setting] ? [[setting, env[setting]]] : [])),
  );
  if (REQUIRED.every((output) => fromEnv[STACK_OUTPUTS[output]])) return fromEnv;
  const outputs = await describeOutputs(stack);
  const fromStack = Object.fromEntries(
    Object.entries(STACK_OUTPUTS).flatMap(([output, setting]) => (outputs[output] ? [[setting, outputs[output]]] : [])),
  );
  const settings = { ...fromStack, ...fromEnv };
  const missing = REQUIRED.filter((output) => !settings[STACK_OUTPUTS[output]]);
  if (missing.length > 0) {
    throw new StackError(`stack '${stack}' has no output ${missing.join(', ')}: is it a syndic stack? Redeploy it with npx cdk deploy, or set ${missing.map((output) => STACK_OUTPUTS[output]).join(', ')}`);
  }
  return settings;
}

async function describeOutputs(stack: string): Promise<Record<string, string>> {
  const client = new CloudFormationClient({});
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stack }));
    return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']));
  } catch (error) {
    if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message)) {
      const region = await client.config.region().catch(() => 'the configured region');
      throw new StackError(`no stack '${stack}' in ${region}: deploy it (npx cdk deploy), name yours with --stack or SYNDIC_STACK, or set AWS_REGION`);
    }
    if ((error as Error).name === 'CredentialsProviderError') {
      throw new StackError(`no AWS credentials to find stack '${stack}' with: run aws configure (or aws sso login), or set AWS_PROFILE`);
    }
    throw error;
  } finally {
    client.destroy();
  }
}
