// One item of the reprocess state machine's Distributed Map: one raw key from the archive listing.
import { z } from 'zod';
import { reprocessRawKey } from '../../shared/pipeline/reprocess.ts';
import type { ReprocessOutcome } from '../../shared/pipeline/reprocess.ts';
import { reprocessDeps } from '../../shared/pipeline/dependencies.ts';
import { inRawRange } from '../../shared/store/raw-archive.ts';
import { customTopicsFrom } from '../../shared/pipeline/analyze-page.ts';
import customTopicsFile from '../../config/topics.json' with { type: 'json' };
import { lazy, logger } from '../runtime.ts';

const itemSchema = z.object({
  key: z.string().min(1),
  since: z.string().nullish(),
  until: z.string().nullish(),
  source: z.string().nullish(),
  dryRun: z.boolean().nullish(),
});

const deps = lazy((config, aws) => reprocessDeps(config, aws, customTopicsFrom(customTopicsFile)));

export const handler = async (event: unknown): Promise<ReprocessOutcome> => {
  const item = itemSchema.parse(event);
  // The map lists a whole prefix; keys fetched outside the requested days are passed over here.
  if (!inRawRange(item.key, { since: item.since ?? undefined, until: item.until ?? undefined })) {
    return { key: item.key, status: 'skipped', reason: 'outside the requested days' };
  }
  const outcome = await reprocessRawKey(deps(), item.key, { source: item.source, dryRun: item.dryRun ?? false });
  logger.info('reprocessed', { ...outcome });
  return outcome;
};
