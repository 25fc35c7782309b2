// The console's defences, as Hono middleware: it answers only to its own host names (a DNS-rebinding
// page reaches it under a foreign Host), sends a strict Content-Security-Policy and the other secure
// headers, and takes POSTs only from its own origin carrying the token its forms carry.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';

export function hostOf(header: string | undefined): string | null {
  const match = header?.match(/^(127\.0\.0\.1|localhost)(?::(\d{1,5}))?$/i);
  return match ? match[1].toLowerCase() : null;
}

export const localHostOnly: MiddlewareHandler = async (c, next) => {
  if (!hostOf(c.req.header('host'))) return c.text('this console answers only to 127.0.0.1 and localhost\n', 421);
  await next();
};

export const strictHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  referrerPolicy: 'no-referrer',
  crossOriginResourcePolicy: 'same-origin',
  crossOriginOpenerPolicy: 'same-origin',
});

/**
 * Same-origin POSTs only (Sec-Fetch-Site, or Origin equal to the request's own origin): Hono's check. The
 * request's origin is built from its Host, which localHostOnly has already limited to this machine.
 */
export const sameOriginPosts: MiddlewareHandler = csrf();

export class CsrfToken {
  readonly value = randomBytes(32).toString('base64url');

  matches(candidate: unknown): boolean {
    if (typeof candidate !== 'string') return false;
    const [a, b] = [Buffer.from(candidate), Buffer.from(this.value)];
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
