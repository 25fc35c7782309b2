import { describe, expect, it } from 'vitest';
import { CursorCodec, InvalidCursorError } from './cursor.ts';

const codec = new CursorCodec(Buffer.alloc(32, 7));

describe('cursors', () => {
  it('round-trip a position for the query they were issued for', () => {
    const position = { month: '2026-11', key: { pk: 'x', sk: 'y' } };
    expect(codec.decode(codec.encode(position, 'topic=a'), 'topic=a')).toEqual(position);
  });

  it('are refused for another query', () => {
    expect(() => codec.decode(codec.encode({ month: '2026-11' }, 'topic=a'), 'topic=b')).toThrow(InvalidCursorError);
  });

  it('are refused when edited, forged or signed with another key', () => {
    const cursor = codec.encode({ month: '2026-11' }, 'q');
    const [, signature] = cursor.split('.');
    const edited = `${Buffer.from(JSON.stringify({ month: '2026-10' })).toString('base64url')}.${signature}`;
    expect(() => codec.decode(edited, 'q')).toThrow(InvalidCursorError);
    expect(() => codec.decode('not-a-cursor', 'q')).toThrow(InvalidCursorError);
    expect(() => codec.decode(`${cursor}.more`, 'q')).toThrow(InvalidCursorError);
    expect(() => new CursorCodec(Buffer.alloc(32, 8)).decode(cursor, 'q')).toThrow(InvalidCursorError);
  });

  it('need a key long enough to sign with', () => {
    expect(() => new CursorCodec(Buffer.alloc(8))).toThrow(/16 bytes/);
  });
});
