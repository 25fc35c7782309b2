/**
 * Lenient date reading for feeds: ISO 8601 / RFC 3339 and RFC 822 as specified, plus the odd forms
 * real feeds use (missing seconds or zone, zone abbreviations, 2-digit years, 'GMT+2', ordinal days,
 * a few non-English month names). A date without a zone is taken as UTC, never as the host's local
 * time. Returns an ISO 8601 UTC string, or null for anything unreadable or implausible.
 */
export function parseFeedDate(input: string | null | undefined): string | null {
  const text = input?.trim();
  if (!text) return null;
  const ms = parseIso(text) ?? parseRfc822(text) ?? parseLoose(text);
  if (ms === null || Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1970 && year <= 2200 ? new Date(ms).toISOString() : null;
}

const ISO =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseIso(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  const offset = zone ? numericOffset(zone) ?? 0 : 0;
  return utc(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms, offset);
}

const RFC822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (GMT|UTC|UT|Z|[+-]\d{4})$/;
const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The form nearly every RSS feed uses, read without the general tokenizer. */
function parseRfc822(text: string): number | null {
  const m = RFC822.exec(text);
  const month = m ? ENGLISH_MONTHS.indexOf(m[2].toLowerCase()) : -1;
  if (!m || month < 0) return null;
  return utc(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, numericOffset(m[7]) ?? 0);
}

/** Minutes east of UTC for '+0530', '-07:00', '+2', 'Z', 'UTC'; null when not an offset. */
function numericOffset(zone: string): number | null {
  if (/^(z|utc|gmt|ut)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0,
  est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7,
  akst: -9, akdt: -8, hst: -10, ast: -4, adt: -3, nst: -3.5, ndt: -2.5,
  bst: 1, ist: 5.5, cet: 1, cest: 2, met: 1, mest: 2, west: 1, eet: 2, eest: 3, msk: 3,
  jst: 9, kst: 9, hkt: 8, sgt: 8, awst: 8, acst: 9.5, aest: 10, aedt: 11, nzst: 12, nzdt: 13,
};

// Prefix of the month's name in English, German, French and Spanish, as feeds abbreviate them.
const MONTHS: [RegExp, number][] = [
  [/^(jan|ene|janv)/, 0],
  [/^(feb|fév|fev|févr)/, 1],
  [/^(mar|mär|mrz)/, 2],
  [/^(apr|avr|abr)/, 3],
  [/^(may|mai)/, 4],
  [/^(jun|juin)/, 5],
  [/^(jul|juil)/, 6],
  [/^(aug|ago|aoû|aou)/, 7],
  [/^(sep)/, 8],
  [/^(oct|okt)/, 9],
  [/^(nov)/, 10],
  [/^(dec|dez|déc|dic)/, 11],
];
const WEEKDAY = /^(mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim|mo|di|mi|do|fr|sa|so)/;

function parseLoose(text: string): number | null {
  const tokens = text
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ') // "+0000 (UTC)"
    .replace(/(\d)(z|[+-]\d{2}:?\d{2})$/, '$1 $2') // time glued to its zone
    .replace(/[,;]|(?<![\p{L}])(at|um|à|de|of|the)(?![\p{L}])/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let day: number | undefined;
  let month: number | undefined;
  let monthMayBeWeekday = false; // French 'mar' is both mardi and mars
  let year: number | undefined;
  let time: number[] | undefined;
  let offset = 0;
  let meridiem: 'am' | 'pm' | undefined;
  for (const token of tokens) {
    const clock = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?$/.exec(token);
    const zoned = /^(gmt|utc|ut)([+-]\d{1,2}(?::?\d{2})?)$/.exec(token);
    const numeric = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(token); // 24.11.2026, day first as in Europe
    if (numeric && day === undefined && month === undefined) {
      day = Number(numeric[1]);
      month = Number(numeric[2]) - 1;
      year = Number(numeric[3]);
    } else if (clock && !time) time = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    else if (zoned) offset = numericOffset(zoned[2]) ?? 0;
    else if (/^[+-]\d{1,2}(:?\d{2})?$/.test(token)) offset = numericOffset(token) ?? 0;
    else if (token in ZONES) offset = ZONES[token] * 60;
    else if (token === 'am' || token === 'pm') meridiem = token;
    else if (/^\d{4}$/.test(token)) year = Number(token);
    else if (/^\d{1,2}(st|nd|rd|th|\.)?$/.test(token)) {
      const n = Number.parseInt(token, 10);
      if (day === undefined) day = n;
      else if (year === undefined) year = n < 50 ? 2000 + n : 1900 + n;
      else return null;
    } else if (/^\p{L}/u.test(token)) {
      const found = MONTHS.find(([re]) => re.test(token));
      if (found && (month === undefined || monthMayBeWeekday)) {
        month = found[1];
        monthMayBeWeekday = token.replace(/\.$/, '') === 'mar';
      } else if (!WEEKDAY.test(token) && !/^[a-z]$/.test(token)) return null; // a word we cannot place
    } else return null;
  }
  if (day === undefined || month === undefined || year === undefined) return null;
  let [hour, minute, second] = time ?? [0, 0, 0];
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  return utc(year, month, day, hour, minute, second, 0, offset);
}

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offsetMinutes: number): number | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const value = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), ms);
  if (new Date(value).getUTCDate() !== day && hour < 24) return null; // 31 Feb and friends
  return value - offsetMinutes * 60_000;
}
