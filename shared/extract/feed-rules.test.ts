import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from './index.ts';
import { FeedRulesError, matchStripText, parseFeedRules, rulesVersion, selectorProblem, stripParagraphs } from './feed-rules.ts';

const sentence = (topic: string) => `${topic} was discussed at length on Monday, and officials said that more details, figures and plans would follow later this week.`;
const page = (body: string) => `<html><body>${body}</body></html>`;
const url = 'https://example.org/story';

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

describe('feed rules in extraction', () => {
  const related = `<div class="rail"><h3>Elsewhere</h3><p>${sentence('A related story')}</p><p>${sentence('Another related story')}</p></div>`;
  const html = page(`<article><p>${sentence('Trade')}</p><p>${sentence('Energy')}</p>${related}<p>Source: The Wire</p><p>${sentence('Farming')}</p></article>`);

  it('removes what the remove selectors match before scoring', () => {
    expect(extractArticle(html, url).text).toContain('A related story');
    const text = extractArticle(html, url, { rules: { remove: ['.rail'] } }).text;
    expect(text).not.toContain('related story');
    expect(text).toContain('Farming');
  });

  it('keeps to the content selector when it matches text, and scores the page when it does not', () => {
    const twoBlocks = page(`<div class="lead"><p>${sentence('Lead')}</p></div><div class="main"><p>${sentence('Trade')}</p><p>${sentence('Energy')}</p><p>${sentence('Farming')}</p></div>`);
    expect(extractArticle(twoBlocks, url, { rules: { content: '.lead' } }).text).toBe(sentence('Lead'));
    expect(extractArticle(twoBlocks, url, { rules: { content: '.missing' } }).text).toContain(sentence('Energy'));
  });

  it('strips exact phrases and anchored patterns from the text', () => {
    const text = extractArticle(page(`<article><p>${sentence('Trade')} Click here.</p><p>The post Trade appeared on Wire at noon</p><p>${sentence('Energy')}</p></article>`), url, {
      rules: { stripText: [' Click here.', '^The post * on Wire*'] },
    }).text;
    expect(text).toBe(`${sentence('Trade')}\n\n${sentence('Energy')}`);
  });
});

describe('the documented examples (docs/extraction.md)', () => {
  it('a "Related" block the general rules keep goes with a remove rule', () => {
    const html = readFileSync(path.join(import.meta.dirname, 'fixtures', 'related-block.html'));
    expect(extractArticle(html, url).text).toContain('Elsewhere in the city');
    const text = extractArticle(html, url, { rules: parseFeedRules({ remove: ['.story-rail'] }) }).text;
    expect(text).not.toMatch(/Elsewhere|bus timetable|library/);
    expect(text.split('\n\n')).toHaveLength(3);
  });
});

describe('validation', () => {
  it('accepts plain selectors and names the problem with others', () => {
    expect(selectorProblem('.entry-content > p:not(.ad), #main article')).toBeNull();
    expect(selectorProblem('div[')).toMatch(/not a CSS selector/);
    expect(selectorProblem('p:contains(x)')).toMatch(/:contains is not allowed/);
    expect(selectorProblem('li:nth-last-child(2)')).toMatch(/not allowed/);
    expect(selectorProblem('a ~ b')).toMatch(/sibling combinator/);
    expect(selectorProblem('div:has(p:has(a))')).toMatch(/inside :has/);
    expect(selectorProblem('a b c d')).toMatch(/descendant/);
    expect(selectorProblem('p::before')).toMatch(/pseudo-elements/);
  });

  it('throws one error naming every invalid rule', () => {
    expect(() => parseFeedRules({ content: 'div[', remove: ['.ok', 'p:hover'] })).toThrow(FeedRulesError);
    expect(() => parseFeedRules({ content: 'div[', remove: ['.ok', 'p:hover'] })).toThrow(/'div\['.*'p:hover'/);
    expect(() => parseFeedRules({ script: 'alert(1)' })).toThrow(FeedRulesError);
    expect(() => parseFeedRules({ stripText: ['a*b'] })).toThrow(/anchored/);
  });
});

describe('rulesVersion', () => {
  it('is none without rules and changes with them', () => {
    expect(rulesVersion(null)).toBe('none');
    expect(rulesVersion({ remove: [] })).toBe('none');
    expect(rulesVersion({ remove: ['.a'] })).not.toBe(rulesVersion({ remove: ['.b'] }));
    expect(rulesVersion({ remove: ['.a'] })).toBe(rulesVersion({ remove: ['.a'] }));
  });
});

describe('matchStripText', () => {
  it.each([
    ['Source link', 'Read it. Source link', [9, 20]],
    ['^Source', 'Source: AP', [0, 6]],
    ['^Source', 'The Source', null],
    ['link$', 'Source link', [7, 11]],
    ['^Source link$', 'Source link', [0, 11]],
    ['^Source link$', 'Source link here', null],
    ['^The post * appeared first on *$', 'The post X appeared first on Y.', [0, 31]],
    ['^The post * appeared first on *$', 'The post X was here', null],
  ] as const)('%j in %j', (entry, paragraph, expected) => {
    expect(matchStripText(entry, paragraph)).toEqual(expected);
  });

  it('drops paragraphs left empty', () => {
    expect(stripParagraphs(['Source link', 'Text.'], ['^Source link$'])).toEqual(['Text.']);
  });
});

describe('bounded work', () => {
  it('keeps a pathological selector on a million-tag page within bounds', () => {
    const deep = `${'<div class="x">'.repeat(150)}${'<p><span>word</span></p>'.repeat(3000)}${'</div>'.repeat(150)}`;
    const html = page(`${deep}${'<b>w</b>'.repeat(1_000_000)}`);
    const rules = { remove: ['.nothing div div:has(.none)', 'div:not(.x) div p + p'], content: '.x .x:has(.absent)' };
    let text = '';
    const withRules = cpuMs(() => (text = extractArticle(html, url, { rules }).text));
    const without = cpuMs(() => extractArticle(html, url));
    // The page alone costs about a second of CPU; the rules may not multiply it. Both figures are taken
    // back to back, so machine load moves them together; the absolute bound catches superlinear work.
    expect(withRules).toBeLessThan(15_000);
    expect(withRules).toBeLessThan(4 * without + 500);
    expect(text).toContain('word');
  }, 120_000);

  it('a pattern with wildcards stays linear on a long paragraph', () => {
    const long = 'a'.repeat(2_000_000);
    expect(cpuMs(() => stripParagraphs([long], ['^a*b*c*d$']))).toBeLessThan(500);
  });
});
