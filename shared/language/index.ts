import { franc } from 'franc-min';
import { dominantScript, scriptOfLanguage, type Script } from './script.ts';

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

// Enough text for a stable guess; more only costs time (trigram scoring grows with the sample).
const SAMPLE_CHARS = 400;
const MIN_LETTERS_FOR_GUESS = 12;

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
    const actual = expected ? dominantScript(sample) : null;
    if (!expected || !actual || actual === expected) return hinted;
  }
  return guess(sample);
}

// franc-min answers in ISO 639-3; these are its languages that have an ISO 639-1 code.
const ISO_639_3_TO_1: Record<string, string> = {
  spa: 'es', eng: 'en', por: 'pt', ind: 'id', fra: 'fr', deu: 'de', jav: 'jv', vie: 'vi', ita: 'it', tur: 'tr',
  pol: 'pl', swh: 'sw', sun: 'su', ron: 'ro', hau: 'ha', fuv: 'ff', bos: 'bs', hrv: 'hr', nld: 'nl', srp: 'sr',
  ckb: 'ku', yor: 'yo', uzn: 'uz', zlm: 'ms', ibo: 'ig', tgl: 'tl', hun: 'hu', azj: 'az', ces: 'cs', run: 'rn',
  plt: 'mg', qug: 'qu', nya: 'ny', zyb: 'za', kin: 'rw', zul: 'zu', swe: 'sv', lin: 'ln', som: 'so',
  rus: 'ru', ukr: 'uk', bel: 'be', bul: 'bg', kaz: 'kk', arb: 'ar', urd: 'ur', pes: 'fa', pbu: 'ps',
  hin: 'hi', mar: 'mr', npi: 'ne', cmn: 'zh', ben: 'bn', jpn: 'ja', kor: 'ko', tel: 'te', tam: 'ta',
  guj: 'gu', kan: 'kn', mal: 'ml', mya: 'my', pan: 'pa', amh: 'am', tha: 'th', sin: 'si', ell: 'el',
};

// Scripts used by a single language need no statistics.
const SCRIPT_LANGUAGE: Partial<Record<Script, string>> = { hangul: 'ko', thai: 'th', greek: 'el', hebrew: 'he' };
const KANA = /[\u3040-\u30ff]/;

function guess(sample: string): string | null {
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS_FOR_GUESS) return null;
  const script = dominantScript(sample);
  if (script === 'cjk') return KANA.test(sample) ? 'ja' : 'zh';
  const byScript = script ? SCRIPT_LANGUAGE[script] : undefined;
  if (byScript) return byScript;
  return ISO_639_3_TO_1[franc(sample, { minLength: MIN_LETTERS_FOR_GUESS })] ?? null;
}
