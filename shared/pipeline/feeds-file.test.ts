import { describe, expect, it } from 'vitest';
import { FeedsFileError, parseFeedsFile } from './feeds-file.ts';

describe('the feeds file', () => {
  it('accepts a list of http(s) feeds with optional titles', () => {
    expect(parseFeedsFile({ feeds: [{ url: 'https://a.example/feed' }, { url: 'http://b.example/rss', title: 'B' }] }).feeds).toHaveLength(2);
    expect(parseFeedsFile({ feeds: [] }).feeds).toEqual([]);
  });

  it('says where the file is wrong', () => {
    expect(() => parseFeedsFile({ feeds: [{ url: 'ftp://a.example/feed' }] })).toThrow(/http\(s\) URL[\s\S]*at feeds\[0\]\.url/);
    expect(() => parseFeedsFile({ feeds: [{ url: 'https://a.example/feed', tittle: 'typo' }] })).toThrow(FeedsFileError);
    expect(() => parseFeedsFile({ feed: [] })).toThrow(FeedsFileError);
    expect(() => parseFeedsFile({ feeds: [{ url: 'https://a.example/f' }, { url: 'https://a.example/f' }] })).toThrow(/listed twice/);
  });

  it('accepts extraction rules and names the feed and selector of an invalid one', () => {
    const feed = { url: 'https://wp.example/feed', content: '.entry-content', remove: ['.jp-relatedposts'], stripText: ['^Source link$'] };
    expect(parseFeedsFile({ feeds: [feed] }).feeds[0]).toEqual(feed);
    expect(() => parseFeedsFile({ feeds: [{ ...feed, remove: ['.ok', 'div['] }] })).toThrow(/feed https:\/\/wp\.example\/feed: invalid selector 'div\['[\s\S]*at feeds\[0\]\.remove\[1\]/);
    expect(() => parseFeedsFile({ feeds: [{ ...feed, content: 'p:contains(x)' }] })).toThrow(/feed https:\/\/wp\.example\/feed: invalid selector 'p:contains\(x\)'/);
  });

  it('validates the file shipped in config/', async () => {
    const { default: shipped } = await import('../../config/feeds.json', { with: { type: 'json' } });
    expect(parseFeedsFile(shipped).feeds.length).toBeGreaterThan(0);
  });
});
