import iconv from 'iconv-lite';

// Labels browsers treat as another encoding (WHATWG Encoding Standard): pages labelled
// latin1/ascii are really windows-1252, Shift_JIS pages routinely use cp932 extensions.
const ALIASES: Record<string, string> = {
  'utf8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'us-ascii': 'windows-1252',
  'ascii': 'windows-1252',
  'latin1': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  'l1': 'windows-1252',
  'cp1252': 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'latin5': 'windows-1254',
  'cp1251': 'windows-1251',
  'x-cp1251': 'windows-1251',
  'cp1250': 'windows-1250',
  'x-cp1250': 'windows-1250',
  'sjis': 'shift_jis',
  'shift-jis': 'shift_jis',
  'x-sjis': 'shift_jis',
  'ms_kanji': 'shift_jis',
  'windows-31j': 'shift_jis',
  'cp932': 'shift_jis',
  'gb2312': 'gbk',
  'x-gbk': 'gbk',
  'big5-hkscs': 'big5',
  'ks_c_5601-1987': 'euc-kr',
  'koi8': 'koi8-r',
  'koi': 'koi8-r',
};

/**
 * Turns a charset label from a header or markup into the canonical lowercase name we decode
 * with, or null when the label is unknown (the caller then moves on to the next signal).
 */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const key = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  if (!key || key.length > 40) return null;
  const name = ALIASES[key] ?? key;
  // A page cannot really be UTF-16 if its ASCII markup declared it; browsers read it as UTF-8.
  if (name === 'utf-16' || name === 'utf-16le' || name === 'utf-16be') return 'utf-8';
  return iconv.encodingExists(name) ? name : null;
}
