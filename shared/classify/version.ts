import { ENTITIES_VERSION } from './entities.ts';
import { MODEL_VERSION } from './topics.ts';

/**
 * Stored on every record as `classifierVersion`: it names both the topic model and the entity rules,
 * so a record is rebuilt when either changes (`syndic reprocess`).
 */
export const CLASSIFIER_VERSION = `${MODEL_VERSION}+${ENTITIES_VERSION}`;
