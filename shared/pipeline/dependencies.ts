// The composition root: real stores, queues and fetcher built from configuration. Each function takes
// only the part it uses (so its bundle carries nothing else); the CLI and the local runner go through
// the same functions, so everything runs the same pipeline with the same wiring.
import type { RuntimeConfig, StorageNames } from '../config.ts';
import type { AwsClients } from '../aws/clients.ts';
import { ArticleStore } from '../store/article-store.ts';
import { StateStore } from '../store/state-store.ts';
import { RawArchive } from '../store/raw-archive.ts';
import { JobQueue } from '../store/job-queue.ts';
import { DeadLetters } from '../store/dead-letters.ts';
import type { DeadLetterQueue, DeadLettersOptions } from '../store/dead-letters.ts';
import { DynamoHostGate, DynamoRobotsCache, RobotsTxtChecker } from '../fetch/index.ts';
import { configuredFetcher } from './fetcher.ts';
import type { Fetcher } from './fetcher.ts';
import type { DispatchDeps } from './dispatch-feeds.ts';
import type { IngestFeedDeps } from './ingest-feed.ts';
import type { ArticleJobDeps } from './article-job.ts';
import type { ReprocessDeps } from './reprocess.ts';
import type { CustomTopics } from './analyze-page.ts';

export function stores(names: StorageNames, aws: AwsClients): { articles: ArticleStore; state: StateStore } {
  return { articles: new ArticleStore(aws.dynamo, names.articlesTable), state: new StateStore(aws.dynamo, names.stateTable) };
}

/** Politeness state lives in the state table, so the per-host limits hold across concurrent Lambdas. */
function sharedHostGate(config: RuntimeConfig, aws: AwsClients): DynamoHostGate {
  const { hostMinDelayMs: minDelayMs, hostMaxConcurrent: maxConcurrent } = config.fetch;
  return new DynamoHostGate({ client: aws.dynamo, tableName: config.stateTable, minDelayMs, maxConcurrent });
}

function politeFetcher(config: RuntimeConfig, aws: AwsClients, hostGate = sharedHostGate(config, aws)): Fetcher {
  return configuredFetcher(config.fetch, {
    hostGate,
    robots: new RobotsTxtChecker({ cache: new DynamoRobotsCache({ client: aws.dynamo, tableName: config.stateTable }) }),
  });
}

const clock = () => new Date();

/** Both dead-letter queues with their sources; the feed DLQ only where its URL is configured. */
export function deadLetters(config: RuntimeConfig, aws: AwsClients, options: DeadLettersOptions): DeadLetters {
  const queues: DeadLetterQueue[] = [{ name: 'articles', url: config.articleDlqUrl, sourceUrl: config.articleQueueUrl }];
  if (config.feedDlqUrl) queues.unshift({ name: 'feeds', url: config.feedDlqUrl, sourceUrl: config.feedQueueUrl });
  return new DeadLetters(aws.sqs, queues, options);
}

export function dispatchDeps(config: RuntimeConfig, aws: AwsClients): DispatchDeps {
  return {
    state: new StateStore(aws.dynamo, config.stateTable),
    feedQueue: new JobQueue(aws.sqs, config.feedQueueUrl),
    now: clock,
    feedIntervalMs: config.feedIntervalMinutes * 60_000,
  };
}

export function ingestFeedDeps(config: RuntimeConfig, aws: AwsClients): IngestFeedDeps {
  const hostGate = sharedHostGate(config, aws);
  return {
    state: new StateStore(aws.dynamo, config.stateTable),
    articleQueue: new JobQueue(aws.sqs, config.articleQueueUrl),
    fetch: politeFetcher(config, aws, hostGate),
    hostGate,
    now: clock,
    feedIntervalMs: config.feedIntervalMinutes * 60_000,
  };
}

export function articleJobDeps(config: RuntimeConfig, aws: AwsClients, customTopics: CustomTopics | null): ArticleJobDeps {
  return {
    ...stores(config, aws),
    raw: new RawArchive(aws.s3, config.rawBucket),
    deadLetters: new JobQueue(aws.sqs, config.articleDlqUrl),
    articleQueue: new JobQueue(aws.sqs, config.articleQueueUrl),
    fetch: politeFetcher(config, aws),
    now: clock,
    customTopics,
  };
}

export function reprocessDeps(config: StorageNames, aws: AwsClients, customTopics: CustomTopics | null): ReprocessDeps {
  return {
    articles: new ArticleStore(aws.dynamo, config.articlesTable),
    raw: new RawArchive(aws.s3, config.rawBucket),
    feeds: new StateStore(aws.dynamo, config.stateTable),
    customTopics,
  };
}
