import { describe, expect, it } from 'vitest';
import { leakedBlocks } from './leaks.ts';
import { FAMILIES, writtenPages } from './written-pages.ts';

describe('leakedBlocks', () => {
  const comment = 'Great piece, thanks for writing it. The council voted on Tuesday to close the library.';

  it('counts a comment whose words stand in the text, whatever the case and punctuation', () => {
    expect(leakedBlocks([comment], `The article. ${comment.toUpperCase()} More article.`)).toBe(1);
  });

  it('does not count a comment of which less than half reached the text', () => {
    expect(leakedBlocks([comment], 'Great piece, thanks for writing it. Something else entirely here now.')).toBe(0);
  });

  it('counts a short count line only when all its words stand together', () => {
    expect(leakedBlocks(['12 Comments'], 'the story ends. 12 Comments')).toBe(1);
    expect(leakedBlocks(['12 Comments'], 'there were 12 new comments on the plan')).toBe(0);
  });
});

describe('writtenPages', () => {
  const pages = writtenPages(2);

  it('writes every family, split into a development and a check half', () => {
    expect(new Set(pages.map((page) => page.family))).toEqual(new Set(FAMILIES));
    expect(pages.filter((page) => page.half === 'dev')).toHaveLength(FAMILIES.length);
    expect(pages.filter((page) => page.half === 'check')).toHaveLength(FAMILIES.length);
  });

  it('puts the expected article text and every comment on the page, escaped', () => {
    for (const page of pages) {
      const html = page.html.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
      for (const paragraph of page.expected.split('\n\n')) expect(html).toContain(paragraph);
      expect(page.comments.length > 0).toBe(!/sections|steps|split/.test(page.family));
    }
  });

  it('is the same every time (seeded)', () => {
    expect(writtenPages(2).map((page) => page.html)).toEqual(pages.map((page) => page.html));
  });
});
