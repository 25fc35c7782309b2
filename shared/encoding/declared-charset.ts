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

// Most pages declare their charset in the first kilobytes; only pages that do not are scanned
// further, which spares decoding 64 KB of head on every page.
const QUICK_PRESCAN_BYTES = 4096;

function asciiPrefix(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, length)).toString('latin1');
}

export function markupCharset(bytes: Uint8Array, kind: DocumentKind): string | null {
  const quick = declarationIn(asciiPrefix(bytes, QUICK_PRESCAN_BYTES), kind);
  if (quick || bytes.length <= QUICK_PRESCAN_BYTES) return quick;
  return declarationIn(asciiPrefix(bytes, PRESCAN_BYTES), kind);
}

const XML_DECLARATION = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/i;

function declarationIn(prefix: string, kind: DocumentKind): string | null {
  // Declarations belong in the head; stopping at the body saves scanning inline page data.
  const bodyAt = kind === 'html' ? prefix.search(/<body[\s>]/i) : -1;
  const head = bodyAt > 0 ? prefix.slice(0, bodyAt) : prefix;
  if (kind === 'xml') {
    const decl = XML_DECLARATION.exec(head);
    if (decl) return normalizeCharset(decl[1]);
  }
  // A comment still open at the end of the prefix hides the rest of it.
  const withoutComments = head.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
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
    const decl = XML_DECLARATION.exec(head);
    if (decl) return normalizeCharset(decl[1]);
  }
  return null;
}
