// Two copies of one story processed at the same time must end as one story, however the two interleave:
// the real processArticle against both DynamoDB-compatible servers, with the first record's write (or
// the first story decision) held back 300 ms below the SDK (a request handler that delays the real request).
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

type Write = 'record' | 'bands' | 'decision';

/** A write held back until another request has been sent (or has completed), at most HOLD_LIMIT_MS. */
interface Gate {
  hold: Write;
  until: Write;
  when: 'sent' | 'done';
}
const HOLD_LIMIT_MS = 3000;

/**
 * Interleaves the two copies below the SDK, on this client: holds back the first article record write
 * (PutItem of an item with sk RECORD) by 300 ms, and holds other writes behind gates. Each is armed once.
 */
class Interleaver extends NodeHttpHandler {
  slowRecord = false;
  private gates: (Gate & { open: () => void; opened: Promise<void> })[] = [];

  arm(slowRecord: boolean, gates: Gate[]) {
    this.slowRecord = slowRecord;
    this.gates = gates.map((gate) => {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { ...gate, open, opened };
    });
  }

  override async handle(...[request, options]: Parameters<NodeHttpHandler['handle']>) {
    const target = request.headers['x-amz-target'] ?? '';
    const body = typeof request.body === 'string' ? request.body : Buffer.from(request.body as Uint8Array).toString('utf8');
    const kind: Write | null =
      target.endsWith('.PutItem') && body.includes('"RECORD"') ? 'record'
      : target.endsWith('.BatchWriteItem') && body.includes('"BAND#') ? 'bands'
      : target.endsWith('.UpdateItem') && body.includes('attribute_not_exists(storyId)') ? 'decision'
      : null;
    const openFor = (when: Gate['when']) => this.gates.filter((g) => g.until === kind && g.when === when).forEach((g) => g.open());
    // The first request of a kind a gate holds waits; later ones pass (and may open gates).
    const held = this.gates.find((g) => g.hold === kind && !('taken' in g));
    if (held) Object.assign(held, { taken: true });
    openFor('sent');
    if (held) await Promise.race([held.opened, sleep(HOLD_LIMIT_MS)]);
    if (kind === 'record' && this.slowRecord) {
      this.slowRecord = false;
      await sleep(300);
    }
    const response = await super.handle(request, options);
    openFor('done');
    return response;
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
  let slow: Interleaver;
  let tablesFor: (run: number) => Promise<Pick<ProcessArticleDeps, 'articles' | 'state'>>;
  let run = 0;

  beforeAll(async () => {
    backend = await start();
    s3Server = await startLocalAwsServers();
    slow = new Interleaver();
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

  // When the second copy starts (ms after the first), whether the first record write is slowed, and
  // gates: the last one lets only the second copy see the first, and lets the first decide for both
  // before the second's own decision lands (run in both orders, as the story goes to the smaller id).
  const onlyOneSees: Gate[] = [
    { hold: 'bands', until: 'decision', when: 'sent' },
    { hold: 'decision', until: 'decision', when: 'done' },
  ];
  const schedules: { offset: number; slowRecord: boolean; gates: Gate[]; reversed: boolean }[] = [
    { offset: 0, slowRecord: false, gates: [], reversed: false },
    { offset: 0, slowRecord: true, gates: [], reversed: false },
    { offset: 60, slowRecord: true, gates: [], reversed: true },
    { offset: 350, slowRecord: true, gates: [], reversed: false },
    { offset: 0, slowRecord: true, gates: onlyOneSees, reversed: false },
    { offset: 0, slowRecord: true, gates: onlyOneSees, reversed: true },
  ];

  it.each(PAIRS)('$name end as one story, however interleaved', async (pair) => {
    for (const { offset, slowRecord, gates, reversed } of schedules) {
      run++;
      const runDeps: ProcessArticleDeps = { ...deps, ...(await tablesFor(run)) };
      slow.arm(slowRecord, gates);
      const [a, b] = reversed ? [job(pair.second[0], run), job(pair.first[0], run)] : [job(pair.first[0], run), job(pair.second[0], run)];
      const outcomes = await Promise.all([processArticle(runDeps, a), sleep(offset).then(() => processArticle(runDeps, b))]);
      expect(outcomes.map((o) => o.status)).toEqual(['stored', 'stored']);

      const [ra, rb] = await Promise.all([runDeps.articles.get(a.articleId, true), runDeps.articles.get(b.articleId, true)]);
      const where = `${pair.name}${reversed ? ' (reversed)' : ''}, second copy after ${offset} ms${slowRecord ? ', first record write slowed 300 ms' : ''}${gates.length ? ', only one sees the other' : ''}`;
      expect(ra!.storyId, where).toBe(rb!.storyId);
      expect([ra!.duplicateOf, rb!.duplicateOf].filter((d) => d === null), where).toHaveLength(1);
      const original = ra!.duplicateOf === null ? ra! : rb!;
      expect(original.storyId, where).toBe(original.id);
      expect((await runDeps.articles.listStory(original.storyId)).map((r) => r.id).sort(), where).toEqual([ra!.id, rb!.id].sort());
    }
  }, 120_000);
});
