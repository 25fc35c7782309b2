// The deployed stack's outputs that the CLI reads to find it by name, and the setting (shared/config.ts)
// each one fills. infra/stack.ts declares one output per key (its type requires every key), so an output
// renamed on one side only fails the type check.
export const STACK_OUTPUTS = {
  ArticlesTableName: 'SYNDIC_ARTICLES_TABLE',
  StateTableName: 'SYNDIC_STATE_TABLE',
  RawBucketName: 'SYNDIC_RAW_BUCKET',
  FeedQueueUrl: 'SYNDIC_FEED_QUEUE_URL',
  FeedDlqUrl: 'SYNDIC_FEED_DLQ_URL',
  ArticleQueueUrl: 'SYNDIC_ARTICLE_QUEUE_URL',
  ArticleDlqUrl: 'SYNDIC_ARTICLE_DLQ_URL',
  ReprocessStateMachineArn: 'SYNDIC_REPROCESS_STATE_MACHINE_ARN',
  ScheduleName: 'SYNDIC_SCHEDULE_NAME',
  FeedIntervalMinutes: 'SYNDIC_FEED_INTERVAL_MINUTES',
} as const;

export type StackOutputName = keyof typeof STACK_OUTPUTS;
