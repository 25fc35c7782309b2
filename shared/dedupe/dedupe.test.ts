import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharesBandKey } from '../../bench/dedupe/eval/detectors.ts';
import { DEDUPE_VERSION, containment, fingerprint, isSyndicatedCopy, similarity, type Fingerprint } from './index.ts';

// The seed is a scraped syndicated copy: the story, then 'Source link', a byline and a comment form.
const scraped = readFileSync(path.join(import.meta.dirname, '..', '..', 'data', 'seeds', 'scraped-article.txt'), 'utf8');
const story = scraped.slice(0, scraped.indexOf('Source link')).trim();
const paragraphs = story.split(/\n\s*\n/);

const otherStory = [
  'Shares in the carmaker fell sharply on Tuesday after it warned that profits for the year would be',
  'well below forecasts, blaming weak demand in Europe and the rising cost of steel and batteries.',
  'The company said it would cut 4,000 jobs over the next two years and close a plant in the north of',
  'the country. Unions called the decision a betrayal and promised strikes at three other factories.',
  'Analysts said the warning was the third in twelve months and questioned whether the chief executive',
  'could survive a shareholder vote next month.',
].join(' ');

// Pinned from the seed article: records and band items stored by version 1 rely on these exact values.
const GOLDEN_V1 = {
  contentHash: '8290c02c39bf4134',
  simhash: 'b756a153a3cd4f13',
  minhash: 'HHXq8RBi35m2LfaP',
  leadMinhash: 'L/WVwhBi6fmJQ8j1',
  keys: ['b00:cc90f746', 'l00:4b1d6cc7'],
};

function viaJson(value: Fingerprint): Fingerprint {
  return JSON.parse(JSON.stringify(value)) as Fingerprint;
}

describe('fingerprint', () => {
  it('is JSON-serializable and well under 2 KB, band keys included', () => {
    const value = fingerprint(scraped);
    expect(viaJson(value)).toEqual(value);
    expect(JSON.stringify(value).length).toBeLessThan(1400);
    expect(value.version).toBe(DEDUPE_VERSION);
  });

  it('hashes the normalized text, so typography and spacing do not change the content hash', () => {
    const retyped = story.replace(/’/g, "'").replace(/[“”]/g, '"').replace(/\n\n/g, '\r\n \r\n');
    expect(fingerprint(retyped).contentHash).toBe(fingerprint(story).contentHash);
    expect(fingerprint(story).contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives a 64-bit SimHash and short band keys for whole-text and lead bands', () => {
    const value = fingerprint(story);
    expect(value.simhash).toMatch(/^[0-9a-f]{16}$/);
    expect(value.bandKeys).toHaveLength(20);
    expect(new Set(value.bandKeys).size).toBe(20);
    for (const key of value.bandKeys) expect(key).toMatch(/^[bl]\d\d:[0-9a-f]{8}$/);
  });

  it('stays the same for version 1: a change here needs a new DEDUPE_VERSION, as stored keys would no longer match', () => {
    const value = fingerprint(scraped);
    expect(DEDUPE_VERSION).toBe('1');
    expect({
      contentHash: value.contentHash.slice(0, 16),
      simhash: value.simhash,
      minhash: value.minhash.slice(0, 16),
      leadMinhash: value.leadMinhash.slice(0, 16),
      // The first whole-text and lead keys: still those version 1 stored when it wrote 16 + 16.
      keys: [value.bandKeys[0], value.bandKeys[6]],
    }).toEqual(GOLDEN_V1);
  });

  it('gives short texts no band keys, so they are never looked up or indexed', () => {
    expect(fingerprint('Subscribe to read this article. Already a subscriber? Log in.').bandKeys).toEqual([]);
  });
});

describe('isSyndicatedCopy', () => {
  const original = fingerprint(story);

  it('recognises the scraped page, with its footer and comment form, as a copy of the story', () => {
    const copy = fingerprint(scraped);
    expect(isSyndicatedCopy(original, copy)).toBe(true);
    expect(sharesBandKey(original, copy)).toBe(true);
  });

  it('recognises a lead-only teaser with a "Read more" link, whichever arrives first', () => {
    const teaser = fingerprint(`${paragraphs.slice(0, 4).join('\n\n')}\n\nRead more`);
    expect(similarity(original, teaser)).toBeLessThan(0.5);
    expect(isSyndicatedCopy(original, teaser)).toBe(true);
    expect(isSyndicatedCopy(teaser, original)).toBe(true);
    expect(sharesBandKey(original, teaser)).toBe(true);
  });

  it('recognises a copy with a paragraph dropped and two swapped', () => {
    const edited = [paragraphs[0], paragraphs[2], paragraphs[1], ...paragraphs.slice(4)].join('\n\n');
    expect(isSyndicatedCopy(original, fingerprint(edited))).toBe(true);
  });

  it('does not match a different story', () => {
    const other = fingerprint(otherStory);
    expect(similarity(original, other)).toBeLessThan(0.05);
    expect(isSyndicatedCopy(original, other)).toBe(false);
  });

  it('does not match two wire items wrapped in one site template about as long as each item', () => {
    const page = (item: string) =>
      `Share this article: Facebook Twitter WhatsApp Email\n\nBy News Desk | 24 Jun 2026, 14:48\n\n${item}\n\n` +
      'Leave a Reply\n\nYour email address will not be published. Required fields are marked *\n\nSign up for our newsletter';
    const first = page(otherStory.split(' ').slice(0, 40).join(' '));
    const second = page(story.split(/\s+/).slice(0, 40).join(' '));
    expect(isSyndicatedCopy(fingerprint(first), fingerprint(second))).toBe(false);
  });

  it('never matches texts under 40 words, even identical boilerplate pages', () => {
    const paywall = fingerprint('Subscribe to continue reading. Get unlimited access to all our journalism for just £1 a week. Already a subscriber? Sign in.');
    expect(similarity(paywall, paywall)).toBe(1);
    expect(isSyndicatedCopy(paywall, paywall)).toBe(false);
  });

  it('does not match a short page to a long story that quotes its words', () => {
    const quote = fingerprint(paragraphs.slice(3, 5).join(' ').split(' ').slice(0, 39).join(' '));
    expect(quote.words).toBeLessThan(40);
    expect(isSyndicatedCopy(original, quote)).toBe(false);
  });

  it('is symmetric and bounded for any two texts', () => {
    const vocabulary = story.split(/\s+/).slice(0, 60);
    const text = fc.array(fc.constantFrom(...vocabulary), { minLength: 0, maxLength: 120 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, (x, y) => {
        const [a, b] = [fingerprint(x), fingerprint(y)];
        const c = containment(a, b);
        return (
          similarity(a, b) === similarity(b, a) &&
          c === containment(b, a) &&
          c >= 0 &&
          c <= 1 &&
          isSyndicatedCopy(a, b) === isSyndicatedCopy(b, a)
        );
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to compare fingerprints of another version', () => {
    const old = { ...original, version: '0' };
    expect(() => isSyndicatedCopy(old, original)).toThrow(/version/);
    expect(() => containment(original, old)).toThrow(/version/);
  });
});
