import type { ScheduledEvent } from 'aws-lambda';
import { dispatchDueFeeds } from '../../shared/pipeline/dispatch-feeds.ts';
import { dispatchDeps } from '../../shared/pipeline/dependencies.ts';
import { lazy, logger } from '../runtime.ts';

const deps = lazy(dispatchDeps);

export const handler = async (_event: ScheduledEvent): Promise<{ dispatched: number }> => {
  const result = await dispatchDueFeeds(deps());
  logger.info('feeds dispatched', result);
  return result;
};
