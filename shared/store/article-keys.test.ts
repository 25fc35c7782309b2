import { describe, expect, it } from 'vitest';
import { articleIdOf, recordFromItem, recordItem, topicItems } from './article-keys.ts';
import { articleId, sortTime } from './records.ts';
import { makeRecord } from '../../tests/support/records.ts';

describe('article keys', () => {
  it('derives the same id from the same canonical URL, and different ids from different URLs', () => {
    expect(articleId('https://a.example/x')).toBe(articleId('https://a.example/x'));
    expect(articleId('https://a.example/x')).not.toBe(articleId('https://a.example/y'));
    expect(articleId('https://a.example/x')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('sorts by publication time, or by fetch time when the page gives none', () => {
    expect(sortTime({ publishedAt: '2026-11-20T10:00:00+02:00', fetchedAt: '2026-11-21T00:00:00Z' })).toBe('2026-11-20T08:00:00.000Z');
    expect(sortTime({ publishedAt: null, fetchedAt: '2026-11-21T00:00:00Z' })).toBe('2026-11-21T00:00:00.000Z');
    expect(sortTime({ publishedAt: 'not a date', fetchedAt: '2026-11-21T00:00:00Z' })).toBe('2026-11-21T00:00:00.000Z');
  });

  it('puts an original in the month timeline, its source and its story', () => {
    const record = makeRecord({ publishedAt: '2026-11-20T10:00:00.000Z' });
    const item = recordItem(record);
    expect(item).toMatchObject({
      pk: `ART#${record.id}`,
      sk: 'RECORD',
      gsi1pk: 'ALL#2026-11',
      gsi1sk: `2026-11-20T10:00:00.000Z#${record.id}`,
      gsi2pk: 'SRC#news.example',
      gsi3pk: `STORY#${record.id}`,
    });
    expect(topicItems(record)).toEqual([
      expect.objectContaining({ pk: `ART#${record.id}`, sk: 'TOPIC#medtop:11000000', gsi1pk: 'TOPIC#medtop:11000000#2026-11' }),
    ]);
    // A keys-only index entry names its article by pk alone.
    expect(articleIdOf(item)).toBe(record.id);
    expect(articleIdOf(topicItems(record)[0])).toBe(record.id);
  });

  it('keeps a syndicated copy out of the timeline and topic listings, but in its story', () => {
    const copy = makeRecord({ duplicateOf: 'original', storyId: 'original' });
    expect(recordItem(copy)).not.toHaveProperty('gsi1pk');
    expect(recordItem(copy)).toMatchObject({ gsi3pk: 'STORY#original' });
    expect(topicItems(copy)).toEqual([]);
  });

  it('gives back the record without its key attributes', () => {
    const record = makeRecord();
    expect(recordFromItem(recordItem(record))).toEqual(record);
  });

  it('stores a long text compressed, in fewer bytes, and reads it back whole', () => {
    const text = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} of the council's budget story, with the harbour and the railway in it.`).join('\n\n');
    const record = makeRecord({ text });
    const item = recordItem(record);
    expect(item).not.toHaveProperty('text');
    expect((item.textBrotli as Uint8Array).byteLength).toBeLessThan(Buffer.byteLength(text) / 2);
    expect(recordFromItem(item)).toEqual(record);
  });

  it('keeps a text that would not shrink as it is', () => {
    const record = makeRecord({ text: 'Short.' });
    expect(recordItem(record)).toMatchObject({ text: 'Short.' });
    expect(recordFromItem(recordItem(record))).toEqual(record);
  });
});
