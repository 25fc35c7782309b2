import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import { normalizeCharset } from './charset-label.ts';

const SNIFF_BYTES = 256 * 1024;

export function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return true;
  return false;
}

/**
 * Guesses the charset of undeclared bytes. Valid UTF-8 with non-ASCII bytes is almost never an
 * accident, so it wins; otherwise chardet's statistical guess over a bounded sample.
 */
export function sniffCharset(bytes: Uint8Array): string {
  const sample = bytes.length > SNIFF_BYTES ? bytes.subarray(0, SNIFF_BYTES) : bytes;
  if (!hasNonAscii(sample)) return 'utf-8';
  // A sample cut mid-sequence would look invalid, so trim a trailing partial character first.
  if (isUtf8(trimPartialUtf8(sample, sample !== bytes))) return 'utf-8';
  for (const match of chardet.analyse(sample)) {
    const name = normalizeCharset(match.name);
    if (name && name !== 'utf-8') return name;
  }
  return 'windows-1252';
}

function trimPartialUtf8(bytes: Uint8Array, truncated: boolean): Uint8Array {
  if (!truncated) return bytes;
  let end = bytes.length;
  // Step back over at most 3 continuation bytes and the lead byte that started them.
  for (let back = 0; back < 4 && end > 0; back++) {
    const byte = bytes[end - 1];
    end--;
    if ((byte & 0xc0) !== 0x80) break;
  }
  return bytes.subarray(0, end);
}
