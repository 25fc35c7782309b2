import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { handleArticleMessage } from '../../shared/pipeline/article-job.ts';
import { publish, runtime } from '../runtime.ts';

const processor = new BatchProcessor(EventType.SQS);

async function processRecord(record: SQSRecord): Promise<void> {
  const attempt = Number(record.attributes.ApproximateReceiveCount ?? '1');
  publish({ kind: 'article', outcome: await handleArticleMessage(runtime(), record.body, attempt), attempt });
}

export const handler = (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, processRecord, processor, { context, throwOnFullBatchFailure: false });
