import { eld } from 'eld/extrasmall';
import { dominantScript, scriptOfLanguage } from './script.ts';

// ISO 639-1 codes (all 183), to tell a real lang attribute from junk such as "x-default" or "zz".
const ISO_639_1 = new Set(
  ('aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo ' +
    'es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ' +
    'ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn ' +
    'no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ' +
    'ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu').split(' '),
);

// Legacy codes still found in lang attributes, mapped to their current ones.
const LEGACY_CODES: Record<string, string> = { iw: 'he', in: 'id', ji: 'yi' };

// Enough text for a stable guess; more only costs time on long articles.
const SAMPLE_CHARS = 3000;
const MIN_LETTERS_FOR_GUESS = 12;
const SCRIPT_SAMPLE_CHARS = 600;

/** The ISO 639-1 primary subtag of a lang attribute value ('en-US', 'pt_BR', 'RU'), or null. */
export function normalizeLanguageTag(tag: string | null | undefined): string | null {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  if (!primary) return null;
  const code = LEGACY_CODES[primary] ?? primary;
  return ISO_639_1.has(code) ? code : null;
}

/**
 * The language of a text as an ISO 639-1 code. A valid `hint` (the page's lang attribute) wins,
 * unless the text is plainly written in a script that language does not use.
 */
export function detectLanguage(text: string, hint?: string | null): string | null {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const hinted = normalizeLanguageTag(hint);
  if (hinted) {
    const expected = scriptOfLanguage(hinted);
    const actual = expected ? dominantScript(sample.slice(0, SCRIPT_SAMPLE_CHARS)) : null;
    if (!expected || !actual || actual === expected) return hinted;
  }
  return guess(sample);
}

function guess(sample: string): string | null {
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS_FOR_GUESS) return null;
  try {
    return eld.detect(sample).language || null;
  } catch {
    return null;
  }
}
