import { francAll } from 'franc-min';
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
// Han and kana carry a word or a syllable each: a few of them make a Chinese or Japanese text even
// when Latin names and numbers outnumber them.
const CJK = /[\u3040-\u30ff\u4e00-\u9fff]/g;
const MIN_CJK_CHARS = 5;

/** The languages the topic model reads: a close call between one of them and another goes to it. */
const PREFERRED = new Set(['eng', 'deu', 'fra', 'spa', 'rus', 'por', 'ita', 'nld', 'pol', 'ukr', 'tur', 'arb', 'cmn', 'jpn', 'hin']);
// franc's trigram scores are relative to the best (1); within this distance the call is a close one.
const CLOSE_CALL = 0.06;

// franc-min knows Hindi's neighbours (Bhojpuri, Magahi, Maithili) by profiles close enough to take
// plain Hindi from it; among Devanagari languages with an ISO 639-1 code it chooses from these.
const DEVANAGARI_CANDIDATES = ['hin', 'mar', 'npi'];
// Cyrillic text without any of the letters below is Russian or Ukrainian written without their own letters.
const EAST_SLAVIC = ['rus', 'ukr'];

/**
 * Letters only one of the Cyrillic languages franc knows uses (of them, in running text): they settle
 * Russian against Ukrainian, which share most trigrams, before any statistics.
 */
function cyrillicByLetters(sample: string): string | null {
  if (/[ўЎ]/.test(sample)) return 'be';
  if (/[ђћџЂЋЏ]/.test(sample)) return 'sr';
  if (/[әғқңөұүһӘҒҚҢӨҰҮҺ]/.test(sample)) return 'kk';
  const ukrainian = /[їєґЇЄҐ]/.test(sample) || /[іІ]/.test(sample);
  const russian = /[ыэъёЫЭЪЁ]/.test(sample);
  if (ukrainian) return russian ? null : 'uk';
  // Without those letters, Bulgarian shows itself by its frequent hard sign, Serbian by ј, љ, њ.
  if ((sample.match(/[ъЪ]/g)?.length ?? 0) >= 2 && !/[ыэЫЭ]/.test(sample)) return 'bg';
  if (/[јљњЈЉЊ]/.test(sample)) return 'sr';
  return russian ? 'ru' : null;
}

function francBest(sample: string, only?: string[]): string {
  const ranked = francAll(sample, { minLength: MIN_LETTERS_FOR_GUESS, only });
  const [best, bestScore] = ranked[0];
  const preferred = ranked.find(([code, score]) => PREFERRED.has(code) && bestScore - score <= CLOSE_CALL);
  return preferred ? preferred[0] : best;
}

// Letters of Turkish (dotless i, soft g) and of Portuguese (nasal vowels) that its close neighbours in
// franc's list do not write: franc takes short Turkish for Hausa or Indonesian, Portuguese for Spanish.
// A Turkish name in another language's sentence ("Erdoğan") has one such letter; Turkish text has more.
const TURKISH = /[ıİğĞşŞ]/g;
const AZERBAIJANI = /[əƏ]/;
const PORTUGUESE = /[ãõçêôÃÕÇÊÔ]/;
// Polish letters that no other language franc confuses it with writes: in two words, not one name.
const POLISH_WORD = /\p{L}*[łąęśźżŁĄĘŚŹŻ]\p{L}*/gu;

function latinGuess(sample: string): string | null {
  if ((sample.match(TURKISH)?.length ?? 0) >= 2 && /[ıİğĞ]/.test(sample) && !AZERBAIJANI.test(sample)) return 'tr';
  if (new Set(sample.match(POLISH_WORD)).size >= 2) return 'pl';
  const code = francBest(sample);
  if (code === 'spa' && PORTUGUESE.test(sample)) return 'pt';
  return ISO_639_3_TO_1[code] ?? null;
}

function guess(sample: string): string | null {
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  const cjk = sample.match(CJK)?.length ?? 0;
  if (cjk >= MIN_CJK_CHARS && cjk * 6 >= letters) return KANA.test(sample) ? 'ja' : 'zh';
  if (letters < MIN_LETTERS_FOR_GUESS) return null;
  const script = dominantScript(sample);
  if (script === 'cjk') return KANA.test(sample) ? 'ja' : 'zh';
  const byScript = script ? SCRIPT_LANGUAGE[script] : undefined;
  if (byScript) return byScript;
  if (script === 'devanagari') return ISO_639_3_TO_1[francBest(sample, DEVANAGARI_CANDIDATES)] ?? null;
  if (script === 'cyrillic') return cyrillicByLetters(sample) ?? ISO_639_3_TO_1[francBest(sample, EAST_SLAVIC)] ?? null;
  if (script === 'latin') return latinGuess(sample);
  return ISO_639_3_TO_1[francBest(sample)] ?? null;
}
