// The DynamoDB item-size calculator behind docs/benchmarks-store.md, against the documented rules and
// against dynalite's own (reverse-engineered) sizes for items it sizes the same way.
import { describe, expect, it } from 'vitest';
// dynalite ships no types; its db module exports the size function it uses for capacity units.
// @ts-expect-error untyped CommonJS module
import dynaliteDb from 'dynalite/db/index.js';
import { itemSize, significantDigits, valueSize, writeUnits } from '../../bench/store/item-size.ts';
import { recordItem, topicItems } from '../../shared/store/article-keys.ts';
import { makeRecord } from '../support/records.ts';

/** The wire form of a plain item, as the document client marshals it. */
function attribute(value: unknown): unknown {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(attribute) };
  return { M: wire(value as Record<string, unknown>) };
}
const wire = (item: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined).map(([k, v]) => [k, attribute(v)]));
const dynaliteSize = (item: Record<string, unknown>) => (dynaliteDb as { itemSize: (item: unknown) => number }).itemSize(wire(item));

describe('DynamoDB item size', () => {
  it('counts strings in UTF-8 bytes, names included', () => {
    expect(itemSize({ pk: 'ART#abc' })).toBe(2 + 7);
    expect(itemSize({ title: 'Zürich' })).toBe(5 + 7);
    expect(itemSize({ 'é': 'x' })).toBe(2 + 1);
  });

  it('counts numbers as one byte per two significant digits plus one', () => {
    expect(significantDigits(0)).toBe(1);
    expect(significantDigits(120)).toBe(2);
    expect(significantDigits(0.905)).toBe(3);
    expect(significantDigits(-12345)).toBe(5);
    expect(valueSize(7)).toBe(2);
    expect(valueSize(1234)).toBe(3);
    expect(valueSize(12345)).toBe(4);
  });

  it('counts null and booleans as one byte', () => {
    expect(itemSize({ a: null, b: true })).toBe(1 + 1 + 1 + 1);
  });

  it('gives lists and maps 3 bytes plus 1 per element, nested names counted', () => {
    expect(valueSize([])).toBe(3);
    expect(valueSize({})).toBe(3);
    expect(valueSize(['ab', 'c'])).toBe(3 + (1 + 2) + (1 + 1));
    expect(valueSize({ host: 'a.example' })).toBe(3 + 1 + 4 + 9);
    expect(itemSize({ topics: [{ code: 'x' }] })).toBe(6 + 3 + 1 + (3 + 1 + 4 + 1));
  });

  it('skips undefined values, as the document client is told to', () => {
    expect(itemSize({ a: 'x', b: undefined })).toBe(2);
  });

  it('agrees with dynalite on items of strings, lists, maps, booleans and null', () => {
    const record = makeRecord({ wordCount: 5, topics: [{ code: 'medtop:15000000', label: 'sport', score: 1 }] });
    // The stored text is binary (brotli), which dynalite sizes as base64: compare the item with its text plain.
    const { textBrotli: _packed, ...fields } = recordItem(record);
    const item = { ...fields, text: record.text };
    expect(itemSize(item)).toBe(dynaliteSize(item));
    for (const topic of topicItems(record)) expect(itemSize(topic)).toBe(dynaliteSize(topic));
  });

  it('rounds write units up to whole kilobytes', () => {
    expect(writeUnits(1)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
  });
});
