/** The text as a regular expression that matches it literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whole-word matcher for a word or phrase in any script; spacing between words may vary and a
 * trailing * matches any word ending ("export*" finds "exports"). Case-insensitive by default.
 */
export function termPattern(term: string, flags = 'giu'): RegExp {
  const prefix = term.endsWith('*');
  const words = (prefix ? term.slice(0, -1) : term).trim().split(/\s+/).map(escapeRegex);
  const tail = prefix ? '[\\p{L}\\p{M}\\p{N}]*' : '';
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${words.join('\\s+')}${tail}(?![\\p{L}\\p{M}\\p{N}])`, flags);
}
