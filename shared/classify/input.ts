import { detectLanguage } from '../language/index.ts';

export interface ClassifyInput {
  title: string | null;
  text: string;
  language?: string | null;
}

/**
 * The given language (an ISO 639-1 code or a lang tag such as "en-GB") unless the text is plainly in a
 * script that language does not use, else the one detected; null when it cannot be told.
 */
export function resolveLanguage(input: ClassifyInput): string | null {
  return detectLanguage(`${input.title ?? ''}\n${input.text}`, input.language);
}
