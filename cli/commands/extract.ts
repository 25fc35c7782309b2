// `syndic extract`: what the extractor makes of one page, from a file or a URL.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { UsageError, parse } from '../args.ts';
import { extractArticle } from '../../shared/extract/index.ts';
import { fetchSettings } from '../../shared/config.ts';
import { configuredFetcher } from '../../shared/pipeline/fetcher.ts';
import { rulesFromOptions } from './feeds.ts';

export async function extractCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean', default: false },
    url: { type: 'string' },
    'content-type': { type: 'string' },
    content: { type: 'string' },
    remove: { type: 'string', multiple: true },
    'strip-text': { type: 'string', multiple: true },
    diff: { type: 'boolean', default: false },
  });
  // Validated as a feed's rules are, so a rule previewed here can be stored as it is.
  const rules = rulesFromOptions(values) ?? null;
  if (values.diff && !rules) throw new UsageError('--diff compares with and without rules: give --content, --remove or --strip-text');
  if (positionals.length !== 1) throw new UsageError('give one URL or file');
  const [source] = positionals;
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
