// Opaque, tamper-evident pagination cursors: a position in a listing, signed together with the query it
// belongs to, so a cursor can be neither forged nor replayed against another query.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Position = Record<string, unknown>;

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

const SIGNATURE_BYTES = 16;

export class CursorCodec {
  constructor(private readonly key: Uint8Array) {
    if (key.length < 16) throw new Error('a cursor key needs at least 16 bytes');
  }

  encode(position: Position, scope: string): string {
    const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
    return `${payload}.${this.sign(payload, scope).toString('base64url')}`;
  }

  decode(cursor: string, scope: string): Position {
    const [payload, signature, extra] = cursor.split('.');
    const expected = payload ? this.sign(payload, scope) : undefined;
    const given = Buffer.from(signature ?? '', 'base64url');
    if (!expected || extra !== undefined || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidCursorError('the cursor is not one this API issued for this query');
    }
    const position: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof position !== 'object' || position === null || Array.isArray(position)) throw new InvalidCursorError('the cursor is malformed');
    return position as Position;
  }

  private sign(payload: string, scope: string): Buffer {
    return createHmac('sha256', this.key).update(scope).update('\n').update(payload).digest().subarray(0, SIGNATURE_BYTES);
  }
}
