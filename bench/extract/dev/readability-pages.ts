// Readability's own test pages (data/readability-test-pages, Apache-2.0): the page and the text
// Readability.js extracts from it, used as a reference for agreement.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { dataPath } from '../../../scripts/data-paths.ts';

export interface ReadabilityPage {
  name: string;
  url: string;
  html: Buffer;
  expected: string;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, pre, blockquote, td, th, dd, dt, figcaption';

/** The expected HTML's text, one line per block element, as an extractor's text would have it. */
export function textOf(html: string): string {
  const $ = cheerio.load(html);
  $(BLOCKS).each((_, element) => {
    $(element).append('\n');
  });
  return $.root().text().replace(/[ \t\r\f\v]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
}

export function readabilityPages(dir = dataPath('readability-test-pages')): ReadabilityPage[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const folder = path.join(dir, name);
      const expected = textOf(gunzipSync(readFileSync(path.join(folder, 'expected.html.gz'))).toString('utf8'));
      // The test pages were saved from http://fakehost/test/page.html, as Readability's own tests load them.
      return { name, url: 'http://fakehost/test/page.html', html: gunzipSync(readFileSync(path.join(folder, 'source.html.gz'))), expected };
    });
}
