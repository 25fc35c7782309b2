import artifact from './model/iptc-topics.json' with { type: 'json' };
import multilingualArtifact from './model/multilingual/iptc-multilingual.json' with { type: 'json' };
import { classScores, decodeModel, type LinearModel, type ModelArtifact } from './model.ts';
import { decodeMultilingual, multilingualScores, type MultilingualArtifact, type MultilingualModel } from './multilingual.ts';
import { resolveLanguage, type ClassifyInput } from './input.ts';

export interface TopicLabel {
  code: string;
  label: string;
  score: number;
}

/** Both models' versions: a record is relabelled when either changes. */
export const MODEL_VERSION = `${(artifact as ModelArtifact).version}+${(multilingualArtifact as MultilingualArtifact).version}`;

let model: LinearModel | undefined;
let multilingual: MultilingualModel | undefined;

/** The English model, decoded once per process (a Lambda container), on first use. */
export function topicModel(): LinearModel {
  model ??= decodeModel(artifact as ModelArtifact);
  return model;
}

/** The model of the other languages, decoded on the first article that needs it. */
export function multilingualModel(): MultilingualModel {
  multilingual ??= decodeMultilingual(multilingualArtifact as MultilingualArtifact);
  return multilingual;
}

interface Ranked {
  topics: TopicLabel[];
  threshold: number;
}

function rank(classes: { code: string; label: string }[], scores: Float32Array, lead: Float32Array): TopicLabel[] {
  return classes
    .map((cls, c) => ({ code: cls.code, label: cls.label, score: Math.round(scores[c] * 1000) / 1000, lead: lead[c] }))
    .sort((a, b) => b.score - a.score || b.lead - a.lead)
    .map(({ code, label, score }) => ({ code, label, score }));
}

/**
 * English (or a text whose language cannot be told) goes to the English model; the other languages
 * the multilingual model reads, to it, with that language's calibration; any other language gets nothing.
 */
function rankedTopics(input: ClassifyInput): Ranked {
  const language = resolveLanguage(input);
  const english = topicModel();
  if (language === null || english.languages.includes(language)) {
    const { scores, articleScores } = classScores(english, input.title, input.text);
    return { topics: rank(english.classes, scores, articleScores), threshold: english.threshold };
  }
  const other = multilingualModel();
  if (!other.languages.includes(language)) return { topics: [], threshold: 1 };
  const scores = multilingualScores(other, language, input.title, input.text);
  return { topics: rank(other.classes, scores, scores), threshold: other.calibration[language].threshold };
}

/**
 * Every IPTC top-level topic with its calibrated score, best first (among equal scores, the topic the
 * whole article leans to first); empty for an unsupported language.
 */
export function scoreTopics(input: ClassifyInput): TopicLabel[] {
  return rankedTopics(input).topics;
}

/**
 * IPTC Media Topics for an article: every topic whose calibrated score reaches its language's
 * threshold, and always the best one, so a record is never unlabelled; a best guess below the
 * threshold shows it by its score. Empty when the article's language is not one the models read.
 */
export function classifyTopics(input: ClassifyInput): TopicLabel[] {
  const { topics, threshold } = rankedTopics(input);
  return topics.filter((topic, i) => i === 0 || topic.score >= threshold);
}

/** The score from which a label was right >= 90 % of the time on held-aside data, for a language the models read. */
export function topicThreshold(language: string): number | null {
  if (topicModel().languages.includes(language)) return topicModel().threshold;
  return multilingualModel().calibration[language]?.threshold ?? null;
}
