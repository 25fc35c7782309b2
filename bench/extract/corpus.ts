import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dataPath } from '../../scripts/data-paths.ts';

export interface BenchmarkPage {
  id: string;
  url: string;
  articleBody: string;
}

/** The benchmark corpus (MIT) is committed under data/. */
export function corpusDir(): string {
  return dataPath('extraction-benchmark');
}

/** The pages with their expected article bodies; the HTML is read one page at a time. */
export function loadCorpus(dir = corpusDir()): BenchmarkPage[] {
  const truth = JSON.parse(gunzipSync(readFileSync(path.join(dir, 'ground-truth.json.gz'))).toString('utf8')) as Record<string, { url: string; articleBody: string }>;
  return readdirSync(path.join(dir, 'html'))
    .filter((name) => name.endsWith('.html.gz'))
    .sort()
    .map((name) => {
      const id = name.replace(/\.html\.gz$/, '');
      const expected = truth[id];
      if (!expected) throw new Error(`no ground truth for ${id}`);
      return { id, url: expected.url, articleBody: expected.articleBody ?? '' };
    });
}

export function readPageHtml(id: string, dir = corpusDir()): Buffer {
  return gunzipSync(readFileSync(path.join(dir, 'html', `${id}.html.gz`)));
}
