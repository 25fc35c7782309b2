import type { ScheduledEvent } from 'aws-lambda';
import { dispatchDueFeeds } from '../../shared/pipeline/dispatch-feeds.ts';
import { logger, runtime } from '../runtime.ts';

export const handler = async (_event: ScheduledEvent): Promise<{ dispatched: number }> => {
  const result = await dispatchDueFeeds(runtime());
  logger.info('feeds dispatched', result);
  return result;
};
