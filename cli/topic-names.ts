// Users name topics by IPTC code or label, or by a custom topic's id or label; the query library takes
// IPTC codes and custom topic ids.
import { topicModel } from '../shared/classify/topics.ts';
import customTopicsFile from '../config/topics.json' with { type: 'json' };
import { UsageError } from './args.ts';

export function resolveTopicCode(name: string): string {
  if (/^medtop:\d{8}$/.test(name)) return name;
  const known = [
    ...topicModel().classes.map((topic) => ({ code: topic.code, label: topic.label })),
    ...customTopicsFile.topics.map((topic) => ({ code: topic.id, label: topic.label })),
  ];
  const wanted = name.trim().toLowerCase();
  const match =
    known.find((topic) => topic.code === wanted || topic.label.toLowerCase() === wanted) ??
    known.find((topic) => topic.label.toLowerCase().startsWith(wanted));
  if (!match) throw new UsageError(`unknown topic '${name}'; known: ${known.map((topic) => topic.label).join(', ')}`);
  return match.code;
}
