// Topic classification for articles: IPTC Media Topics from the committed model, the user's own
// custom topics, and named entities.
export { classifyTopics, scoreTopics, type TopicLabel } from './topics.ts';
export { CLASSIFIER_VERSION } from './version.ts';
export { extractEntities, type Entities, type NamedCount } from './entities.ts';
export {
  applyCustomTopics,
  loadCustomTopics,
  CustomTopicsError,
  type CustomTopicMatch,
  type CustomTopicRules,
} from './custom-topics.ts';
export type { ClassifyInput } from './input.ts';
