// Users name topics by IPTC code or by label; the query library takes codes.
import { topicModel } from '../shared/classify/topics.ts';
import { UsageError } from './args.ts';

export function resolveTopicCode(name: string): string {
  if (/^medtop:\d{8}$/.test(name)) return name;
  const topics = topicModel().classes;
  const wanted = name.trim().toLowerCase();
  const match = topics.find((topic) => topic.label.toLowerCase() === wanted) ?? topics.find((topic) => topic.label.toLowerCase().startsWith(wanted));
  if (!match) throw new UsageError(`unknown topic '${name}'; known: ${topics.map((topic) => topic.label).join(', ')}`);
  return match.code;
}
