/** Writing systems that tell languages apart before any statistics are needed. */
export type Script = 'latin' | 'cyrillic' | 'greek' | 'arabic' | 'hebrew' | 'cjk' | 'hangul' | 'thai' | 'devanagari' | 'other';

function scriptOf(code: number): Script {
  if (code < 0x250) return 'latin';
  if (code >= 0x400 && code <= 0x4ff) return 'cyrillic';
  if (code >= 0x370 && code <= 0x3ff) return 'greek';
  if ((code >= 0x600 && code <= 0x6ff) || (code >= 0x750 && code <= 0x77f)) return 'arabic';
  if (code >= 0x590 && code <= 0x5ff) return 'hebrew';
  if ((code >= 0x3040 && code <= 0x30ff) || (code >= 0x4e00 && code <= 0x9fff)) return 'cjk';
  if (code >= 0xac00 && code <= 0xd7af) return 'hangul';
  if (code >= 0xe00 && code <= 0xe7f) return 'thai';
  if (code >= 0x900 && code <= 0x97f) return 'devanagari';
  return 'other';
}

const LETTER = /\p{L}/u;

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
    if (!LETTER.test(char)) continue;
    letters++;
    const script = scriptOf(char.codePointAt(0)!);
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  if (letters < 10) return null;
  let best: Script | null = null;
  let bestCount = 0;
  for (const [script, count] of counts) if (count > bestCount) [best, bestCount] = [script, count];
  return bestCount * 2 > letters ? best : null;
}
