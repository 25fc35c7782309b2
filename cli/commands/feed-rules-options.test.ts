import { describe, expect, it } from 'vitest';
import { UsageError } from '../args.ts';
import { rulesOf } from '../../shared/pipeline/feeds-file.ts';
import { rulesFromOptions } from './feeds.ts';

describe('rule options of syndic feeds and syndic extract', () => {
  it('reads --content, repeated --remove and --strip-text, and none at all', () => {
    expect(rulesFromOptions({})).toBeUndefined();
    expect(rulesFromOptions({ content: '.entry-content', remove: ['.a', '.b'], 'strip-text': ['^Source link$'] })).toEqual({
      content: '.entry-content', remove: ['.a', '.b'], stripText: ['^Source link$'],
    });
  });

  it('lets an empty value clear a stored rule', () => {
    const stored = { content: '.a', remove: ['.b'] };
    expect(rulesOf({ ...stored, ...rulesFromOptions({ content: '' }) })).toEqual({ remove: ['.b'] });
    expect(rulesOf({ ...stored, ...rulesFromOptions({ remove: [''] }) })).toEqual({ content: '.a' });
  });

  it('turns an invalid selector into a one-line usage error naming it', () => {
    expect(() => rulesFromOptions({ remove: ['div['] })).toThrow(UsageError);
    expect(() => rulesFromOptions({ remove: ['div['] })).toThrow(/invalid selector 'div\['/);
  });
});
