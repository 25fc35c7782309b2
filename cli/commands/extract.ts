// `syndic extract`: what the extractor makes of one page, from a file or a URL.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { UsageError } from '../args.ts';
import { defineCommand } from '../command.ts';
import { extractArticle } from '../../shared/extract/index.ts';
import { fetchSettings } from '../../shared/config.ts';
import { configuredFetcher } from '../../shared/pipeline/fetcher.ts';
import { RULE_OPTIONS, rulesFromOptions } from './feeds.ts';

export const extractCommand = defineCommand({
  name: 'extract',
  summary: 'Show what the extractor makes of one page: its metadata, then its text (and, with rules, their effect).',
  arguments: { usage: '<url-or-file>', min: 1, max: 1 },
  options: {
    json: { type: 'boolean', description: 'print the extracted article as JSON' },
    url: { type: 'string', value: 'URL', description: 'with a file: the URL it was saved from (resolves its links)' },
    'content-type': { type: 'string', value: 'TYPE', description: "with a file: its Content-Type, e.g. 'text/html; charset=windows-1252'" },
    ...RULE_OPTIONS,
    diff: { type: 'boolean', description: 'show the text without the rules, marking what they remove (-) and add (+)' },
  },
  examples: [
    'syndic extract https://example.com/2026/11/27/story.html',
    'syndic extract saved-page.html --url https://example.com/story --json',
    "syndic extract saved-page.html --remove '.related-stories' --diff",
  ],
  run: async ({ values, positionals }) => extract(positionals[0], values),
});

async function extract(
  source: string,
  values: { json: boolean; url: string | undefined; 'content-type': string | undefined; content?: string; remove: string[]; 'strip-text': string[]; diff: boolean },
): Promise<number> {
  // Validated as a feed's rules are, so a rule previewed here can be stored as it is.
  const rules = rulesFromOptions(values) ?? null;
  if (values.diff && !rules) throw new UsageError('--diff compares with and without rules: give --content, --remove or --strip-text');
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
  const article = extractArticle(body, url, { contentType, rules });
  if (values.diff) {
    const without = extractArticle(body, url, { contentType }).text.split('\n\n');
    const kept = new Set(article.text.split('\n\n'));
    const added = article.text.split('\n\n').filter((paragraph) => !without.includes(paragraph));
    if (values.json) console.log(JSON.stringify({ removed: without.filter((paragraph) => !kept.has(paragraph)), added }, null, 2));
    else {
      for (const paragraph of without) console.log(`${kept.has(paragraph) ? ' ' : '-'} ${paragraph}`);
      for (const paragraph of added) console.log(`+ ${paragraph}`);
    }
    return 0;
  }
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
