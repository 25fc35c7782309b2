// `syndic extract`: what the extractor makes of one page, from a file or a URL.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { UsageError } from '../args.ts';
import { defineCommand } from '../command.ts';
import { extractArticle } from '../../shared/extract/index.ts';
import { fetchSettings } from '../../shared/config.ts';
import { configuredFetcher } from '../../shared/pipeline/fetcher.ts';

export const extractCommand = defineCommand({
  name: 'extract',
  summary: 'Show what the extractor makes of one page: its metadata, then its text.',
  arguments: { usage: '<url-or-file>', min: 1, max: 1 },
  options: {
    json: { type: 'boolean', description: 'print the extracted article as JSON' },
    url: { type: 'string', value: 'URL', description: 'with a file: the URL it was saved from (resolves its links)' },
    'content-type': { type: 'string', value: 'TYPE', description: "with a file: its Content-Type, e.g. 'text/html; charset=windows-1252'" },
  },
  examples: [
    'syndic extract https://example.com/2026/11/27/story.html',
    'syndic extract saved-page.html --url https://example.com/story --json',
  ],
  run: async ({ values, positionals }) => extract(positionals[0], values),
});

async function extract(source: string, values: { json: boolean; url: string | undefined; 'content-type': string | undefined }): Promise<number> {
  let body: Uint8Array;
  let url: string;
  let contentType: string | null = values['content-type'] ?? null;
  if (existsSync(source)) {
    body = await readFile(source);
    url = values.url ?? `file://${source}`;
  } else if (/^https?:\/\//i.test(source)) {
    const response = await configuredFetcher(fetchSettings())(source, { accept: 'html' });
    body = response.body;
    url = response.url;
    contentType ??= response.contentType;
  } else {
    throw new UsageError(`'${source}' is neither a file nor an http(s) URL`);
  }
  const article = extractArticle(body, url, { contentType });
  if (values.json) {
    console.log(JSON.stringify(article, null, 2));
    return 0;
  }
  const { text, ...meta } = article;
  for (const [key, value] of Object.entries(meta)) {
    console.log(`${key.padEnd(13)} ${Array.isArray(value) ? value.join(', ') : (value ?? '-')}`);
  }
  console.log(`\n${text}`);
  return 0;
}
