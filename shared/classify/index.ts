// Topic classification for articles: IPTC Media Topics from the committed model, the user's own
// custom topics, and named entities.
export { CLASSIFIER_VERSION, classifyTopics, scoreTopics, type TopicLabel } from './topics.ts';
export { extractEntities, type Entities, type NamedCount } from './entities.ts';
export {
  applyCustomTopics,
  loadCustomTopics,
  CustomTopicsError,
  type CustomTopicMatch,
  type CustomTopicRules,
} from './custom-topics.ts';
export type { ClassifyInput } from './input.ts';
