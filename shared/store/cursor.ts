// Opaque pagination cursors: callers pass back what they got and cannot depend on the key layout.
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

export function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify({ v: 1, p: position })).toString('base64url');
}

export function decodeCursor<T>(cursor: string | null | undefined): T | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: number; p?: T };
    if (parsed.v !== 1 || typeof parsed.p !== 'object' || parsed.p === null) throw new Error('bad shape');
    return parsed.p;
  } catch {
    throw new InvalidCursorError('the cursor is not one this API issued');
  }
}
