import { z } from 'zod';

const languageCode = z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 code such as "en"');
// Rules (or whole topics) restricted to these article languages; absent means every language.
const languages = z.array(languageCode).min(1).optional();
const weight = z.number().finite().default(1);

function regexError(pattern: string, flags: string): string | null {
  try {
    new RegExp(pattern, flags);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const keywordRule = z.strictObject({
  type: z.literal('keyword'),
  // A single word; a trailing * matches any ending ("export*" matches "exports", "exported").
  terms: z.array(z.string().regex(/^[^\s*]+\*?$/, 'a keyword is one word (use a phrase rule for several)')).min(1),
  weight,
  languages,
});

const phraseRule = z.strictObject({
  type: z.literal('phrase'),
  terms: z.array(z.string().trim().min(1)).min(1),
  weight,
  languages,
});

const regexRule = z
  .strictObject({
    type: z.literal('regex'),
    pattern: z.string().min(1),
    flags: z.string().regex(/^[imsuv]*$/, 'allowed flags: i m s u v').default('i'),
    weight,
    languages,
  })
  .superRefine((rule, ctx) => {
    const error = regexError(rule.pattern, rule.flags);
    if (error) ctx.addIssue({ code: 'custom', path: ['pattern'], message: error });
  });

const entityRule = z.strictObject({
  type: z.literal('entity'),
  kind: z.enum(['people', 'places', 'organizations']),
  names: z.array(z.string().trim().min(1)).min(1),
  weight,
  languages,
});

export const customTopicSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes, e.g. "energy-exports"'),
  label: z.string().trim().min(1),
  // The summed rule score an article needs for the topic.
  minScore: z.number().positive().default(1),
  languages,
  rules: z.array(z.discriminatedUnion('type', [keywordRule, phraseRule, regexRule, entityRule])).min(1),
});

export const customTopicsFileSchema = z
  .strictObject({
    version: z.literal(1),
    topics: z.array(customTopicSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.topics.forEach((topic, i) => {
      if (seen.has(topic.id)) ctx.addIssue({ code: 'custom', path: ['topics', i, 'id'], message: `duplicate id "${topic.id}"` });
      seen.add(topic.id);
    });
  });

export type CustomTopicsFile = z.infer<typeof customTopicsFileSchema>;
export type CustomTopicDefinition = z.infer<typeof customTopicSchema>;
export type CustomRuleDefinition = CustomTopicDefinition['rules'][number];
