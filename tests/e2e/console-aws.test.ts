// `syndic serve --aws` as a user runs it: the CLI in its own process, with a shell that holds only
// endpoints and credentials, finds a "deployed" stack by its name (the CloudFormation control-plane stub
// answers DescribeStacks; tables, bucket and queues are on the local AWS-compatible servers) and serves
// the console over it. The raw copy is a presigned S3 URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { ArticleStore } from '../../shared/store/article-store.ts';
import { JobQueue } from '../../shared/store/job-queue.ts';
import { RawArchive } from '../../shared/store/raw-archive.ts';
import { makeRecord } from '../support/records.ts';
import { startLocalStack } from '../support/local-stack.ts';
import type { LocalStack } from '../support/local-stack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RAW = '<html><body><script>window.__pwned=1</script><p>The raw page.</p></body></html>';
const HOUR_MS = 3_600_000;

let stack: LocalStack;
let child: ChildProcessWithoutNullStreams;
let origin: string;
let rawKey: string;
const now = Date.now();
const original = makeRecord({ publishedAt: new Date(now - 2 * HOUR_MS).toISOString(), title: 'Harbour reopens', source: { host: 'first.example', name: null } });
const copy = makeRecord({ publishedAt: new Date(now - HOUR_MS).toISOString(), duplicateOf: original.id, storyId: original.id, source: { host: 'second.example', name: null } });

beforeAll(async () => {
  stack = await startLocalStack('SyndicConsole');
  const raw = new RawArchive(stack.aws.s3, stack.settings.SYNDIC_RAW_BUCKET);
  rawKey = await raw.put({ articleId: original.id, url: original.url, fetchedAt: new Date(now), contentType: 'text/html; charset=utf-8', body: new TextEncoder().encode(RAW) });
  const articles = new ArticleStore(stack.aws.dynamo, stack.settings.SYNDIC_ARTICLES_TABLE);
  for (const record of [{ ...original, rawKey }, copy]) await articles.put(record);
  await new JobQueue(stack.aws.sqs, stack.settings.SYNDIC_ARTICLE_DLQ_URL).deadLetter({ body: JSON.stringify({ url: 'https://a.example/x' }), reason: 'HTTP_STATUS: 500', errorCode: 'HTTP_STATUS', attempts: 3 });
  await new JobQueue(stack.aws.sqs, stack.settings.SYNDIC_FEED_DLQ_URL).deadLetter({ body: JSON.stringify({ url: 'https://b.example/feed.xml' }), reason: 'TIMEOUT', errorCode: 'TIMEOUT', attempts: 3 });

  // A user's shell: no SYNDIC_* setting and no endpoint but the stack's; anything else goes to a closed port, never to AWS.
  const userEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SYNDIC_') && !key.startsWith('AWS_')));
  child = spawn(process.execPath, [path.join(ROOT, 'bin/syndic.js'), 'serve', '--aws', '--stack', 'SyndicConsole', '--port', String(await freePort())], {
    cwd: ROOT,
    env: { ...userEnv, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', ...stack.env },
  });
  origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = out.match(/syndic console on (http:\/\/127\.0\.0\.1:\d+)\//)?.[1];
      if (url) resolve(url);
    });
    child.stderr.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`syndic serve --aws exited ${code}: ${out}`)));
  });
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'));
  await stack?.stop();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const page = async (url: string) => {
  const response = await fetch(`${origin}${url}`);
  expect(response.status, url).toBe(200);
  return cheerio.load(await response.text());
};

describe('syndic serve --aws', () => {
  it('finds the stack by its name and shows its articles, story counts and both dead-letter queues', async () => {
    expect(stack.controlPlane.calls).toContain('DescribeStacks SyndicConsole');
    const overview = await page('/');
    expect(overview('.card').first().text()).toBe('1 articles in the last 24 h');
    expect(overview('#top-stories').parent().find('tbody tr td').map((_, td) => overview(td).text()).get().slice(0, 3)).toEqual(['Harbour reopens', '1', '2']);
    const letters = await page('/dead-letters');
    expect(letters('table').last().find('tbody tr td:nth-child(2)').map((_, td) => letters(td).text()).get().sort()).toEqual(['articles', 'feeds']);
  });

  it('links the raw copy to a presigned S3 URL that serves it as plain text', async () => {
    const article = await page(`/articles/${original.id}`);
    const href = article(`a[href="/articles/${original.id}/raw"]`).attr('href');
    expect(href).toBeDefined();
    const response = await fetch(`${origin}${href}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const signed = new URL(response.headers.get('location')!);
    expect(signed.origin).toBe(stack.env.AWS_ENDPOINT_URL_S3.replace(/\/$/, ''));
    expect(decodeURIComponent(signed.pathname)).toBe(`/${stack.settings.SYNDIC_RAW_BUCKET}/${rawKey}`);
    expect(Object.fromEntries([...signed.searchParams].filter(([name]) => !['X-Amz-Signature', 'X-Amz-Date', 'X-Amz-Credential'].includes(name)))).toMatchObject({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Expires': '300',
      'response-content-type': 'text/plain',
      'response-content-disposition': 'inline',
    });
    expect(signed.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(await (await fetch(signed)).text()).toBe(RAW);
  });

  it('redrives one reason from the stack\'s dead-letter queue to its source queue, with the form\'s token', async () => {
    const token = (await page('/dead-letters'))('input[name=csrf]').first().val() as string;
    const response = await fetch(`${origin}/dead-letters/redrive`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ csrf: token, errorCode: 'HTTP_STATUS' }),
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.headers.get('location')).toBe('/dead-letters?redriven=1');
    const { Messages = [] } = await stack.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: stack.settings.SYNDIC_ARTICLE_QUEUE_URL, MaxNumberOfMessages: 10 }));
    expect(Messages.map((message) => JSON.parse(message.Body!).url)).toEqual(['https://a.example/x']);
  });
});
