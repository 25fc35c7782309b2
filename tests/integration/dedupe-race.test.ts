// Two copies of one story processed at the same time must end as one story, however the two interleave:
// the real processArticle against both DynamoDB-compatible servers, with the first record's write held
// back 300 ms below the SDK (a request handler that delays the real request).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ensureTables } from '../../cli/local/resources.ts';
import { startLocalAwsServers } from '../../cli/local/aws-servers.ts';
import type { LocalAwsServers } from '../../cli/local/aws-servers.ts';
import { createClients } from '../../shared/aws/clients.ts';
import { processArticle } from '../../shared/pipeline/process-article.ts';
import type { ProcessArticleDeps } from '../../shared/pipeline/process-article.ts';
import type { Fetcher } from '../../shared/pipeline/fetcher.ts';
import { ArticleStore } from '../../shared/store/article-store.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import { RawArchive } from '../../shared/store/raw-archive.ts';
import { ARTICLES_TABLE, STATE_TABLE } from '../../shared/store/definitions.ts';
import { articleId } from '../../shared/store/records.ts';
import type { ArticleJob } from '../../shared/store/jobs.ts';
import { BACKENDS } from '../support/dynamo-backends.ts';
import type { DynamoBackend } from '../support/dynamo-backends.ts';

const BUCKET = 'race-raw';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const page = (file: string) => readFileSync(new URL(`../../samples/sites/${file}`, import.meta.url));

/** Seeded copy pairs: the sample sites' near copies, and one page served verbatim under two URLs. */
const PAIRS: { name: string; first: [string, Buffer]; second: [string, Buffer] }[] = [
  {
    name: 'near copies (wire story and its WordPress copy)',
    first: ['https://northwind-wire.example/world/putin.html', page('northwind-wire.localhost/world/2026/11/27/putin-says-russia-china-ties-best-in-history.html')],
    second: ['https://aggregator-wp.example/2026/11/27/putin.html', page('aggregator-wp.localhost/2026/11/27/putin-says-russia-china-ties-are-best-in-history-expects-xi-visit.html')],
  },
  {
    name: 'near copies (business story on a partner site)',
    first: ['https://daily-planet.example/business/port.html', page('daily-planet.localhost/business/2026/11/24/port-record-container-volumes.html')],
    second: ['https://the-ledger.example/partners/port.html', page('the-ledger.localhost/partners/2026/11/25/port-record-container-volumes.html')],
  },
  {
    name: 'exact copies',
    first: ['https://daily-planet.example/world/ceasefire.html', page('daily-planet.localhost/world/2026/11/26/ceasefire-talks-resume-geneva.html')],
    second: ['https://mirror.example/world/ceasefire.html', page('daily-planet.localhost/world/2026/11/26/ceasefire-talks-resume-geneva.html')],
  },
];

/** Holds back the first article record write (PutItem of an item with sk RECORD) on this client. */
class SlowFirstRecordWrite extends NodeHttpHandler {
  armed = false;
  override async handle(...[request, options]: Parameters<NodeHttpHandler['handle']>) {
    if (this.armed && request.headers['x-amz-target']?.endsWith('.PutItem') && String(request.body).includes('"RECORD"')) {
      this.armed = false;
      await sleep(300);
    }
    return super.handle(request, options);
  }
}

function job(url: string, run: number): ArticleJob {
  const runUrl = `${url}?run=${run}`;
  return { url: runUrl, canonicalUrl: runUrl, articleId: articleId(runUrl), version: '-', feed: null, entry: { title: null, publishedAt: null, updatedAt: null, authors: [] } };
}

describe.each(BACKENDS)('copies processed at the same time, on $name', ({ start }) => {
  let backend: DynamoBackend;
  let s3Server: LocalAwsServers;
  let deps: ProcessArticleDeps;
  let slow: SlowFirstRecordWrite;
  let tablesFor: (run: number) => Promise<Pick<ProcessArticleDeps, 'articles' | 'state'>>;
  let run = 0;

  beforeAll(async () => {
    backend = await start();
    s3Server = await startLocalAwsServers();
    slow = new SlowFirstRecordWrite();
    const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: backend.endpoint, requestHandler: slow as NodeHttpHandler }), {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
    const { s3 } = createClients({ ...process.env, ...s3Server.env });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const pages = new Map(PAIRS.flatMap((pair) => [pair.first, pair.second]));
    // The site side of the test: each URL answers its page (the query string names the run only).
    const fetch: Fetcher = async (url) => ({
      status: 200,
      url,
      notModified: false,
      contentType: 'text/html; charset=utf-8',
      headers: {},
      body: pages.get(url.split('?')[0])!,
      etag: null,
      lastModified: null,
    });
    // Each run gets tables of its own, so the pair meets no copy from an earlier run.
    tablesFor = async (run) => {
      const [articles, state] = [ARTICLES_TABLE, STATE_TABLE].map((table) => ({ ...table, localName: `${table.localName}-${run}` }));
      await ensureTables({ dynamo }, [articles, state]);
      return { articles: new ArticleStore(dynamo, articles.localName), state: new StateStore(dynamo, state.localName) };
    };
    deps = {
      ...(await tablesFor(0)),
      raw: new RawArchive(s3, BUCKET),
      fetch,
      now: () => new Date(),
      customTopics: null,
    };
  }, 90_000);

  afterAll(async () => {
    await s3Server?.stop();
    await backend?.stop();
  });

  // Start offsets of the second copy (ms), with and without the first record's write slowed.
  const schedules = [0, 60, 350].flatMap((offset) => [false, true].map((slowFirst) => ({ offset, slowFirst })));

  it.each(PAIRS)('$name end as one story, however interleaved', async (pair) => {
    for (const { offset, slowFirst } of schedules) {
      run++;
      const runDeps: ProcessArticleDeps = { ...deps, ...(await tablesFor(run)) };
      slow.armed = slowFirst;
      const [a, b] = [job(pair.first[0], run), job(pair.second[0], run)];
      const outcomes = await Promise.all([processArticle(runDeps, a), sleep(offset).then(() => processArticle(runDeps, b))]);
      expect(outcomes.map((o) => o.status)).toEqual(['stored', 'stored']);

      const [ra, rb] = await Promise.all([runDeps.articles.get(a.articleId, true), runDeps.articles.get(b.articleId, true)]);
      const where = `${pair.name}, second copy after ${offset} ms${slowFirst ? ', first record write slowed 300 ms' : ''}`;
      expect(ra!.storyId, where).toBe(rb!.storyId);
      expect([ra!.duplicateOf, rb!.duplicateOf].filter((d) => d === null), where).toHaveLength(1);
      const original = ra!.duplicateOf === null ? ra! : rb!;
      expect(original.storyId, where).toBe(original.id);
      expect((await runDeps.articles.listStory(original.storyId)).map((r) => r.id).sort(), where).toEqual([ra!.id, rb!.id].sort());
    }
  }, 120_000);
});
