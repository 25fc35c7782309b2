import { describe, expect, it } from 'vitest';
import { InvalidCursorError, decodeCursor, encodeCursor } from './cursor.ts';

describe('cursors', () => {
  it('round-trip a position', () => {
    const position = { month: '2026-11', key: { pk: 'x', sk: 'y' } };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('are absent for a first page', () => {
    expect(decodeCursor(null)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it('reject anything this API did not issue', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(InvalidCursorError);
    expect(() => decodeCursor(Buffer.from('{"v":2,"p":{}}').toString('base64url'))).toThrow(InvalidCursorError);
    expect(() => decodeCursor(Buffer.from('{"v":1,"p":3}').toString('base64url'))).toThrow(InvalidCursorError);
  });
});
