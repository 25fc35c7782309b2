import { resolveUrl } from './xml.ts';

/** The href resolved against base, when it makes an http(s) URL; null otherwise (mailto:, javascript:, junk). */
export function httpUrl(href: string | null | undefined, base: string): string | null {
  if (!href || !href.trim()) return null;
  const resolved = resolveUrl(href, base);
  return resolved && /^https?:/i.test(resolved) ? resolved : null;
}

/** Drops blanks and repeats, keeping first-seen order. */
export function uniqueNonBlank(values: Iterable<string | null | undefined>): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}
