// The composition root: real stores, queues and fetcher built from configuration. Lambda handlers and
// the CLI both start here, so they run the same pipeline with the same wiring.
import type { RuntimeConfig } from '../config.ts';
import type { AwsClients } from '../aws/clients.ts';
import { ArticleStore } from '../store/article-store.ts';
import { StateStore } from '../store/state-store.ts';
import { RawArchive } from '../store/raw-archive.ts';
import { JobQueue } from '../store/job-queue.ts';
import type { CustomTopicRules } from '../classify/index.ts';
import { DynamoHostGate, DynamoRobotsCache, RobotsTxtChecker } from '../fetch/index.ts';
import { configuredFetcher } from './fetcher.ts';
import type { DispatchDeps } from './dispatch-feeds.ts';
import type { IngestFeedDeps } from './ingest-feed.ts';
import type { ArticleJobDeps } from './article-job.ts';

export interface PipelineDeps extends DispatchDeps, IngestFeedDeps, ArticleJobDeps {}

export function pipelineDeps(config: RuntimeConfig, aws: AwsClients, customTopics: CustomTopicRules | null = null): PipelineDeps {
  return {
    articles: new ArticleStore(aws.dynamo, config.articlesTable),
    state: new StateStore(aws.dynamo, config.stateTable),
    raw: new RawArchive(aws.s3, config.rawBucket),
    feedQueue: new JobQueue(aws.sqs, config.feedQueueUrl),
    articleQueue: new JobQueue(aws.sqs, config.articleQueueUrl),
    deadLetters: new JobQueue(aws.sqs, config.articleDlqUrl),
    // Politeness state lives in the state table, so the per-host limits hold across concurrent Lambdas.
    fetch: configuredFetcher(config.fetch, {
      hostGate: new DynamoHostGate({ client: aws.dynamo, tableName: config.stateTable }),
      robots: new RobotsTxtChecker({ cache: new DynamoRobotsCache({ client: aws.dynamo, tableName: config.stateTable }) }),
    }),
    now: () => new Date(),
    feedIntervalMs: config.feedIntervalMinutes * 60_000,
    customTopics,
  };
}
