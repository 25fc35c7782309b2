import { normalizeCharset } from './charset-label.ts';

export type DocumentKind = 'html' | 'xml';

// Browsers look for <meta charset> in the first 1024 bytes; real pages often put it after long
// inline scripts, so we look further but still bounded.
const PRESCAN_BYTES = 64 * 1024;

export function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

export function contentTypeCharset(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType);
  return match ? normalizeCharset(match[2]) : null;
}

function asciiHead(bytes: Uint8Array): string {
  const end = Math.min(bytes.length, PRESCAN_BYTES);
  return Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('latin1');
}

export function markupCharset(bytes: Uint8Array, kind: DocumentKind): string | null {
  const prefix = asciiHead(bytes);
  // Declarations belong in the head; stopping at the body saves scanning inline page data.
  const bodyAt = kind === 'html' ? prefix.search(/<body[\s>]/i) : -1;
  const head = bodyAt > 0 ? prefix.slice(0, bodyAt) : prefix;
  if (kind === 'xml') {
    const decl = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
    if (decl) return normalizeCharset(decl[1]);
  }
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, '');
  const metaTags = withoutComments.match(/<meta\s[^>]*>/gi) ?? [];
  for (const tag of metaTags) {
    const direct = /\scharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(tag);
    if (direct) {
      const name = normalizeCharset(direct[1]);
      if (name) return name;
    }
  }
  // An XML document without a declaration (or an HTML page without meta) may still say it here.
  if (kind === 'html') {
    const decl = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
    if (decl) return normalizeCharset(decl[1]);
  }
  return null;
}
