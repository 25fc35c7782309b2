const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const pad = (value: number) => String(value).padStart(2, '0');

function validParts(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute < 60 && second <= 60;
}

/**
 * A date as ISO 8601 with an explicit offset: ISO inputs keep their own offset ('Z' when they
 * have none, as for a bare date); other formats Date can read (RFC 2822, "Nov 19, 2019 10:00 GMT")
 * are converted to UTC. Null when the value is not a date.
 */
export function normalizeDate(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text || text.length > 64) return null;
  const iso = ISO.exec(text);
  if (iso) {
    const [year, month, day, hour, minute, second] = iso.slice(1, 7).map((part) => Number(part ?? 0));
    if (!validParts(year, month, day, hour, minute, second)) return null;
    const offset = iso[7] ? formatOffset(iso[7]) : 'Z';
    return `${iso[1]}-${iso[2]}-${iso[3]}T${pad(hour)}:${pad(minute)}:${pad(second)}${offset}`;
  }
  // Only hand Date strings that look like dates; it accepts odd things like "1".
  if (!/\d{4}/.test(text) || !/[a-z]{3}|\d{1,2}[/.]\d{1,2}/i.test(text)) return null;
  // Without a zone, Date would use the machine's; pages without one are read as UTC everywhere.
  const zoned = /(?:GMT|UTC|[+-]\d{2}:?\d{2}\b|\b[A-Z]{1,4}T\b)/.test(text);
  const time = zoned ? Date.parse(text) : Date.parse(`${text} UTC`);
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  if (date.getUTCFullYear() < 1900 || date.getUTCFullYear() > 2200) return null;
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

function formatOffset(offset: string): string {
  if (offset.toUpperCase() === 'Z') return 'Z';
  const digits = offset.replace(':', '');
  const hours = digits.slice(1, 3);
  const minutes = digits.slice(3, 5) || '00';
  return hours === '00' && minutes === '00' ? 'Z' : `${digits[0]}${hours}:${minutes}`;
}
