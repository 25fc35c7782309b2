import artifact from './model/iptc-topics.json' with { type: 'json' };
import { classScores, decodeModel, type LinearModel, type ModelArtifact } from './model.ts';
import { resolveLanguage, type ClassifyInput } from './input.ts';

export interface TopicLabel {
  code: string;
  label: string;
  score: number;
}

export const MODEL_VERSION: string = (artifact as ModelArtifact).version;

let model: LinearModel | undefined;

/** Decoded once per process (a Lambda container), on first use. */
export function topicModel(): LinearModel {
  model ??= decodeModel(artifact as ModelArtifact);
  return model;
}

/**
 * Every IPTC top-level topic with its calibrated score, best first (among equal scores, the topic the
 * whole article leans to first); empty for an unsupported language.
 */
export function scoreTopics(input: ClassifyInput): TopicLabel[] {
  const m = topicModel();
  const language = resolveLanguage(input);
  if (language !== null && !m.languages.includes(language)) return [];
  const { scores, articleScores } = classScores(m, input.title, input.text);
  return m.classes
    .map((cls, c) => ({ code: cls.code, label: cls.label, score: Math.round(scores[c] * 1000) / 1000, lead: articleScores[c] }))
    .sort((a, b) => b.score - a.score || b.lead - a.lead)
    .map(({ code, label, score }) => ({ code, label, score }));
}

/**
 * IPTC Media Topics for an article: every topic whose calibrated score reaches the model's threshold,
 * and always the best one, so a record is never unlabelled; a best guess below the threshold shows it
 * by its score. Empty when the article's language is not one the model was trained on.
 */
export function classifyTopics(input: ClassifyInput): TopicLabel[] {
  const ranked = scoreTopics(input);
  const threshold = topicModel().threshold;
  return ranked.filter((topic, i) => i === 0 || topic.score >= threshold);
}
