/** Writing systems that tell languages apart before any statistics are needed. */
export type Script = 'latin' | 'cyrillic' | 'greek' | 'arabic' | 'hebrew' | 'cjk' | 'hangul' | 'thai' | 'devanagari' | 'other';

const SCRIPT_RANGES: Array<[Script, RegExp]> = [
  ['latin', /[A-Za-z\u00C0-\u024F]/],
  ['cyrillic', /[\u0400-\u04FF]/],
  ['greek', /[\u0370-\u03FF]/],
  ['arabic', /[\u0600-\u06FF\u0750-\u077F]/],
  ['hebrew', /[\u0590-\u05FF]/],
  ['cjk', /[\u3040-\u30FF\u4E00-\u9FFF]/],
  ['hangul', /[\uAC00-\uD7AF]/],
  ['thai', /[\u0E00-\u0E7F]/],
  ['devanagari', /[\u0900-\u097F]/],
];

// The script each language is written in, for the languages whose pages commonly carry a wrong
// lang attribute (theme defaults such as lang="en-US" on a Russian or Japanese site).
const LANGUAGE_SCRIPT: Record<string, Script> = {
  en: 'latin', es: 'latin', de: 'latin', fr: 'latin', it: 'latin', pt: 'latin', nl: 'latin', pl: 'latin',
  tr: 'latin', cs: 'latin', sv: 'latin', da: 'latin', no: 'latin', fi: 'latin', ro: 'latin', hu: 'latin',
  id: 'latin', ms: 'latin', vi: 'latin', ca: 'latin',
  ru: 'cyrillic', uk: 'cyrillic', bg: 'cyrillic', be: 'cyrillic', mk: 'cyrillic', kk: 'cyrillic',
  el: 'greek', ar: 'arabic', fa: 'arabic', ur: 'arabic', he: 'hebrew', ja: 'cjk', zh: 'cjk', ko: 'hangul',
  th: 'thai', hi: 'devanagari', mr: 'devanagari', ne: 'devanagari',
};

export function scriptOfLanguage(code: string): Script | undefined {
  return LANGUAGE_SCRIPT[code];
}

/** The script most letters of the sample are written in, or null when there are too few letters. */
export function dominantScript(sample: string): Script | null {
  const counts = new Map<Script, number>();
  let letters = 0;
  for (const char of sample) {
    if (!/\p{L}/u.test(char)) continue;
    letters++;
    const script = SCRIPT_RANGES.find(([, range]) => range.test(char))?.[0] ?? 'other';
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  if (letters < 10) return null;
  let best: Script | null = null;
  let bestCount = 0;
  for (const [script, count] of counts) if (count > bestCount) [best, bestCount] = [script, count];
  return bestCount * 2 > letters ? best : null;
}
