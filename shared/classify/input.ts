import { detectLanguage, normalizeLanguageTag } from '../language/index.ts';

export interface ClassifyInput {
  title: string | null;
  text: string;
  language?: string | null;
}

/** The given language (an ISO 639-1 code or a lang tag such as "en-GB"), else the one detected; null when it cannot be told. */
export function resolveLanguage(input: ClassifyInput): string | null {
  return normalizeLanguageTag(input.language) ?? detectLanguage(`${input.title ?? ''}\n${input.text}`);
}
