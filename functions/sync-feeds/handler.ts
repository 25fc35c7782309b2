// Runs once per deploy (a CDK trigger): makes the state table's file-managed feeds match config/feeds.json,
// which is bundled into this function, so a changed file means a changed function and a new run.
import { parseFeedsFile, syncFeedsFile } from '../../shared/pipeline/feeds-file.ts';
import type { SyncResult } from '../../shared/pipeline/feeds-file.ts';
import { stores } from '../../shared/pipeline/dependencies.ts';
import feedsFile from '../../config/feeds.json' with { type: 'json' };
import { lazy, logger } from '../runtime.ts';

const deps = lazy(stores);

export const handler = async (): Promise<SyncResult> => {
  const result = await syncFeedsFile(deps().state, parseFeedsFile(feedsFile), new Date());
  logger.info('feeds file synced', { ...result });
  return result;
};
