import { readFileSync } from 'node:fs';
import { extractEntities, type Entities } from './entities.ts';
import { resolveLanguage, type ClassifyInput } from './input.ts';
import { termPattern } from './text-match.ts';
import {
  customTopicsFileSchema,
  type CustomRuleDefinition,
  type CustomTopicDefinition,
} from './custom-topics-schema.ts';

export interface CustomTopicMatch {
  id: string;
  label: string;
  score: number;
}

/** Repeating one term more than this adds nothing: a topic is about several of its terms, not one. */
export const MAX_COUNT_PER_TERM = 3;

interface CompiledRule {
  weight: number;
  languages?: string[];
  /** Occurrences, each term or pattern counted at most MAX_COUNT_PER_TERM times. */
  count(text: string, entities: () => Entities): number;
}

interface CompiledTopic {
  id: string;
  label: string;
  minScore: number;
  languages?: string[];
  rules: CompiledRule[];
}

export interface CustomTopicRules {
  topics: CompiledTopic[];
}

export class CustomTopicsError extends Error {
  constructor(
    source: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`invalid custom topics (${source}):\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'CustomTopicsError';
  }
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

function countMatches(pattern: RegExp, text: string): number {
  let n = 0;
  pattern.lastIndex = 0;
  while (n < MAX_COUNT_PER_TERM && pattern.exec(text)) n++;
  return n;
}

function compileRule(rule: CustomRuleDefinition): CompiledRule {
  const base = { weight: rule.weight, languages: rule.languages };
  const sumOver = (patterns: RegExp[]) => (text: string) =>
    patterns.reduce((sum, pattern) => sum + countMatches(pattern, text), 0);
  switch (rule.type) {
    case 'keyword':
    case 'phrase':
      return { ...base, count: sumOver(rule.terms.map((term) => termPattern(term))) };
    case 'regex':
      return { ...base, count: sumOver([new RegExp(rule.pattern, `${rule.flags}g`)]) };
    case 'entity': {
      const wanted = new Set(rule.names.map((n) => n.toLowerCase()));
      return {
        ...base,
        count: (_text, entities) =>
          entities()
            [rule.kind].filter((e) => wanted.has(e.name.toLowerCase()))
            .reduce((sum, e) => sum + Math.min(e.count, MAX_COUNT_PER_TERM), 0),
      };
    }
  }
}

function compileTopic(topic: CustomTopicDefinition): CompiledTopic {
  return { id: topic.id, label: topic.label, minScore: topic.minScore, languages: topic.languages, rules: topic.rules.map(compileRule) };
}

/**
 * Reads and validates a custom topics file (a path, a JSON text, or an already parsed value) and
 * compiles its rules once. Throws CustomTopicsError naming the JSON path of every problem.
 */
export function loadCustomTopics(pathOrJson: string | unknown): CustomTopicRules {
  let source = 'value';
  let value = pathOrJson;
  if (typeof pathOrJson === 'string') {
    const isJsonText = pathOrJson.trimStart().startsWith('{');
    source = isJsonText ? 'JSON text' : pathOrJson;
    try {
      value = JSON.parse(isJsonText ? pathOrJson : readFileSync(pathOrJson, 'utf8'));
    } catch (error) {
      throw new CustomTopicsError(source, [{ path: '', message: (error as Error).message }]);
    }
  }
  const parsed = customTopicsFileSchema.safeParse(value);
  if (!parsed.success) {
    throw new CustomTopicsError(
      source,
      parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message })),
    );
  }
  return { topics: parsed.data.topics.map(compileTopic) };
}

const appliesTo = (languages: string[] | undefined, language: string | null) =>
  languages === undefined || (language !== null && languages.includes(language));

/**
 * Custom topics an article matches, best first: a topic's score is the sum of its rules' weights
 * times their occurrences, and it matches from its minScore. Rules restricted to languages apply only
 * to articles in one of them. Entities are extracted only when a rule needs them and none are given.
 */
export function applyCustomTopics(
  rules: CustomTopicRules,
  input: ClassifyInput & { entities?: Entities },
): CustomTopicMatch[] {
  const language = resolveLanguage(input);
  const text = `${input.title ?? ''}\n${input.text}`;
  let entities = input.entities;
  const getEntities = () => (entities ??= extractEntities({ ...input, language }));
  const matches: CustomTopicMatch[] = [];
  for (const topic of rules.topics) {
    if (!appliesTo(topic.languages, language)) continue;
    let score = 0;
    for (const rule of topic.rules) {
      if (appliesTo(rule.languages, language)) score += rule.weight * rule.count(text, getEntities);
    }
    if (score >= topic.minScore) matches.push({ id: topic.id, label: topic.label, score: Math.round(score * 100) / 100 });
  }
  return matches.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
