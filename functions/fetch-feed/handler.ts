import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ingestFeed } from '../../shared/pipeline/ingest-feed.ts';
import { ingestFeedDeps } from '../../shared/pipeline/dependencies.ts';
import { feedJobSchema, parseJob } from '../../shared/store/jobs.ts';
import { lazy, publish } from '../runtime.ts';

const deps = lazy(ingestFeedDeps);

async function processRecord(record: SQSRecord): Promise<void> {
  publish({ kind: 'feed', outcome: await ingestFeed(deps(), parseJob(feedJobSchema, record.body), record.messageId) });
}

export const handler = (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  // A processor per invocation: it holds its batch's records and failures, and the local event source runs
  // several batches in one process at once (Lambda runs one per container).
  processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false });
