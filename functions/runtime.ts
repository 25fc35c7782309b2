// Shared by the handlers and created once per Lambda container: the logger, the configured clients, and
// the outcome feed. Dependencies are built on first use rather than at import, so a missing setting
// surfaces as a logged error of the invocation.
import { Logger } from '@aws-lambda-powertools/logger';
import { runtimeConfig } from '../shared/config.ts';
import type { RuntimeConfig } from '../shared/config.ts';
import { clients } from '../shared/aws/clients.ts';
import type { AwsClients } from '../shared/aws/clients.ts';
import type { FeedOutcome } from '../shared/pipeline/ingest-feed.ts';
import type { ArticleJobOutcome } from '../shared/pipeline/article-job.ts';

export const logger = new Logger({ serviceName: 'syndic' });

/** Builds a handler's dependencies once, from the environment, on first call. */
export function lazy<T>(build: (config: RuntimeConfig, aws: AwsClients) => T): () => T {
  let value: T | undefined;
  return () => (value ??= build(runtimeConfig(), clients()));
}

export type Outcome = { kind: 'feed'; outcome: FeedOutcome } | { kind: 'article'; outcome: ArticleJobOutcome; attempt: number };

const listeners = new Set<(outcome: Outcome) => void>();

/** Lets an in-process host (the local runner) watch what the handlers did, as CloudWatch does in AWS. */
export function onOutcome(listener: (outcome: Outcome) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function publish(outcome: Outcome): void {
  if (outcome.kind === 'feed') logger.info('feed read', { ...outcome.outcome });
  else {
    const { record: _record, ...summary } = outcome.outcome as ArticleJobOutcome & { record?: unknown };
    logger.info('article processed', { ...summary, attempt: outcome.attempt });
  }
  for (const listener of listeners) listener(outcome);
}
