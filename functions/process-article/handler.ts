import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { handleArticleMessage } from '../../shared/pipeline/article-job.ts';
import { DEAD_LETTER_ATTRIBUTES } from '../../shared/store/dead-letters.ts';
import { articleJobDeps } from '../../shared/pipeline/dependencies.ts';
import { customTopicsFrom } from '../../shared/pipeline/analyze-page.ts';
// Deploy-time configuration: the custom topics file is bundled into the function.
import customTopicsFile from '../../config/topics.json' with { type: 'json' };
import { lazy, logger, publish } from '../runtime.ts';

const deps = lazy((config, aws) => articleJobDeps(config, aws, customTopicsFrom(customTopicsFile)));

async function processRecord(record: SQSRecord): Promise<void> {
  const attempt = Number(record.attributes.ApproximateReceiveCount ?? '1');
  // A redriven message carries when it first failed; otherwise its first receive is when it first ran.
  const firstFailureAt =
    record.messageAttributes[DEAD_LETTER_ATTRIBUTES.firstFailureAt]?.stringValue ??
    new Date(Number(record.attributes.ApproximateFirstReceiveTimestamp) || Date.now()).toISOString();
  try {
    publish({ kind: 'article', outcome: await handleArticleMessage(deps(), record.body, attempt, { firstFailureAt, messageId: record.messageId }), attempt });
  } catch (error) {
    logger.warn('article will be retried', { messageId: record.messageId, attempt, error: error as Error });
    throw error;
  }
}

export const handler = (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  // A processor per invocation: it holds its batch's records and failures, and the local event source runs
  // several batches in one process at once (Lambda runs one per container).
  processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false });
