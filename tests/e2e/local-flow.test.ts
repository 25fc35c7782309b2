// The whole flow as `npm start` runs it: sample sites -> schedule tick -> dispatch-feeds -> feed queue ->
// fetch-feed -> article queue -> process-article, through the real handlers against the local servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { startSampleServer } from '../../cli/local/sample-server.ts';
import type { SampleServer } from '../../cli/local/sample-server.ts';
import { registerFeeds, runFlow } from '../../cli/local/local-flow.ts';
import type { FlowSummary } from '../../cli/local/local-flow.ts';
import { canonicalizeUrl } from '../../shared/feeds/index.ts';
import { ArticleStore } from '../../shared/store/article-store.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import { JobQueue } from '../../shared/store/job-queue.ts';
import { articleId, feedId } from '../../shared/store/records.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';
import type { ArticleJob } from '../../shared/store/jobs.ts';
import { getFromSampleServer } from '../support/http.ts';
import { reprocessDeps } from '../../shared/pipeline/dependencies.ts';
import { reprocessRawKey } from '../../shared/pipeline/reprocess.ts';
import { customTopicsFrom } from '../../shared/pipeline/analyze-page.ts';
import customTopicsFile from '../../config/topics.json' with { type: 'json' };

let samples: SampleServer;
let env: LocalEnvironment;
let articles: ArticleStore;
let state: StateStore;
let first: FlowSummary;
const records = new Map<string, ArticleRecord>();

const idOf = (url: string) => articleId(canonicalizeUrl(url));
const FAILING_PAGE = 'daily-planet.localhost/business/2026/11/25/market-outage.html';

beforeAll(async () => {
  samples = await startSampleServer();
  env = await openLocalEnvironment({ settings: { SYNDIC_ALLOW_LOOPBACK: 'true' } });
  articles = new ArticleStore(env.aws.dynamo, env.config.articlesTable);
  state = new StateStore(env.aws.dynamo, env.config.stateTable);
  await registerFeeds(state, samples.manifest.feeds.map((feed) => feed.url), new Date());
  first = await runFlow(env);
  for (const article of samples.manifest.articles) {
    const record = await articles.get(idOf(article.url));
    if (record) records.set(article.url, record);
  }
}, 120_000);

afterAll(async () => {
  await env?.close();
  await samples?.stop();
});

describe('a local run over the sample sites', () => {
  it('reads every feed and stores one record per distinct article', () => {
    expect(first.feeds).toBe(samples.manifest.feeds.length);
    expect(first.stored).toBe(samples.manifest.articles.length);
    expect([...records.keys()].sort()).toEqual(samples.manifest.articles.map((a) => a.url).sort());
  });

  it('fills title, text, topics, source, publication date and raw key on each record', () => {
    for (const article of samples.manifest.articles) {
      const record = records.get(article.url)!;
      expect(record.title, article.url).toBe(article.title);
      expect(record.text.length, article.url).toBeGreaterThan(200);
      expect(record.source.host, article.url).toBe(new URL(article.url).host);
      expect(record.publishedAt, article.url).toMatch(/^2026-11-\d\dT/);
      expect(record.rawKey, article.url).toMatch(new RegExp(`^raw/\\d{4}-\\d\\d-\\d\\d/${record.id}/[0-9a-f]{64}$`));
      if (article.language === 'en') expect(record.topics.length, article.url).toBeGreaterThan(0);
    }
  });

  it('keeps the raw bytes in S3 exactly as the site served them', async () => {
    for (const [url, record] of records) {
      const served = await getFromSampleServer(url, samples.port);
      const object = await env.aws.s3.send(new GetObjectCommand({ Bucket: env.config.rawBucket, Key: record.rawKey }));
      expect(Buffer.from(await object.Body!.transformToByteArray()).equals(served.body), url).toBe(true);
    }
  });

  it('strips the WordPress syndication boilerplate from the seed-style page and keeps every paragraph', () => {
    const seedCopy = samples.manifest.articles.find((a) => a.url.includes('aggregator-wp') && a.url.includes('putin'))!;
    const text = records.get(seedCopy.url)!.text;
    expect(text).toContain('Russia leading supplier of oil to China');
    for (const paragraph of [
      'Russia’s ties with China are the “best in history,”',
      'Neither of them directly mentioned Ukraine.',
      'counterbalances the global dominance of the United States.',
    ]) {
      expect(text).toContain(paragraph);
    }
    for (const boilerplate of ['Source link', 'By wy9m6', 'Leave a Reply', 'Your email address will not be published', 'Required fields are marked']) {
      expect(text).not.toContain(boilerplate);
    }
  });

  it('extracts what each sample page must contain and none of its boilerplate', () => {
    for (const article of samples.manifest.articles) {
      const text = records.get(article.url)!.text;
      for (const phrase of article.mustContain) expect(text, article.url).toContain(phrase);
      for (const phrase of article.mustNotContain) expect(text, article.url).not.toContain(phrase);
    }
  });

  it('recognises each syndicated copy: the pair shares one story and the later-stored one points at the other', () => {
    for (const article of samples.manifest.articles.filter((a) => a.copyOf)) {
      const copy = records.get(article.url)!;
      const original = records.get(article.copyOf!)!;
      expect(copy.storyId, article.url).toBe(original.storyId);
      // Exactly one of the pair is the copy: it points at the other, which points at nothing.
      const [later, earlier] = copy.duplicateOf !== null ? [copy, original] : [original, copy];
      expect(later.duplicateOf, article.url).toBe(earlier.id);
      expect(earlier.duplicateOf, article.url).toBeNull();
      expect(copy.storyId, article.url).toBe(earlier.id);
    }
    expect(first.copies).toBe(samples.manifest.articles.filter((a) => a.copyOf).length);
  });

  it('skips the same article listed twice under different tracking parameters', () => {
    expect(first.duplicates).toBeGreaterThanOrEqual(1);
  });

  it('retries the page that answers 500 and dead-letters it with its reason, while the rest of its batch is stored', async () => {
    expect(samples.log.filter((line) => line === `${FAILING_PAGE} 500`)).toHaveLength(3);
    const failure = first.failures.find((f) => f.url.includes(FAILING_PAGE.split('/').slice(1).join('/')));
    expect(failure?.reason).toMatch(/HTTP_STATUS.*500/);
    const { Messages = [] } = await env.aws.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: env.config.articleDlqUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], VisibilityTimeout: 0 }),
    );
    const letter = Messages.find((m) => m.Body?.includes('market-outage'));
    expect(letter?.MessageAttributes?.reason?.StringValue).toMatch(/500/);
    expect(letter?.MessageAttributes?.attempts?.StringValue).toBe('3');
    const sameFeed = samples.manifest.articles.filter((a) => a.url.includes('daily-planet'));
    for (const article of sameFeed) expect(records.has(article.url), article.url).toBe(true);
  });

  it('dead-letters the non-HTML link at once, without retrying it', () => {
    const pdf = first.failures.find((f) => f.url.endsWith('.pdf'));
    expect(pdf?.reason).toMatch(/UNSUPPORTED_CONTENT_TYPE/);
    expect(samples.log.filter((line) => line.endsWith('.pdf 200'))).toHaveLength(1);
  });
});

describe('running again', () => {
  it('stores nothing new when the same article messages are delivered again', async () => {
    const before = await countRecords();
    const jobs: ArticleJob[] = samples.manifest.articles.map((article) => ({
      url: article.url,
      canonicalUrl: canonicalizeUrl(article.url),
      articleId: idOf(article.url),
      version: '-',
      feed: null,
      entry: { title: null, publishedAt: null, updatedAt: null, authors: [] },
    }));
    await new JobQueue(env.aws.sqs, env.config.articleQueueUrl).sendAll(jobs);
    const again = await runFlow(env);
    expect(again.stored).toBe(0);
    expect(again.failures).toEqual([]);
    expect(await countRecords()).toEqual(before);
    // Seven pages of one site fetched again wait their turns, one second apart, in the queue.
  }, 60_000);

  it('claims nothing twice when a feed is read again without its validators', async () => {
    for (const feed of await state.listFeeds()) await state.putFeed({ ...feed, etag: null, lastModified: null, health: { ...feed.health, nextDueAt: new Date(0).toISOString() } });
    const again = await runFlow(env);
    expect(again.feeds).toBe(samples.manifest.feeds.length);
    expect(again.stored).toBe(0);
    expect(again.duplicates).toBeGreaterThanOrEqual(samples.manifest.articles.length);
  });

  it('processes an entry again when its updated date changes, replacing the record', async () => {
    const article = samples.manifest.articles[0];
    const version = '2026-11-28T08:00:00Z';
    const id = idOf(article.url);
    expect(await state.claim({ articleId: id, version, url: canonicalizeUrl(article.url), now: new Date() })).toBe(true);
    await new JobQueue(env.aws.sqs, env.config.articleQueueUrl).sendAll([
      { url: article.url, canonicalUrl: canonicalizeUrl(article.url), articleId: id, version, feed: null, entry: { title: null, publishedAt: null, updatedAt: version, authors: [] } },
    ]);
    const again = await runFlow(env);
    expect(again).toMatchObject({ stored: 0, updated: 1 });
    expect((await articles.get(id))?.entryVersion).toBe(version);
  });

  it('answers a second scheduled read with 304s and no further work', async () => {
    await registerFeeds(state, samples.manifest.feeds.map((feed) => feed.url), new Date());
    const again = await runFlow(env);
    expect(again.notModified).toBe(samples.manifest.feeds.length);
    expect(again.stored + again.duplicates + again.failures.length).toBe(0);
    const feeds = await state.listFeeds();
    expect(feeds.map((feed) => feed.id).sort()).toEqual(samples.manifest.feeds.map((feed) => feedId(feed.url)).sort());
  });
});

describe('reprocessing from the raw archive', () => {
  it('leaves records built by the current extractor and classifier alone', async () => {
    const deps = reprocessDeps(env.config, env.aws, customTopicsFrom(customTopicsFile));
    const statuses = new Set<string>();
    for await (const key of deps.raw.list()) statuses.add((await reprocessRawKey(deps, key, { dryRun: true })).status);
    expect([...statuses].sort()).toEqual(['unchanged']);
  });

  it('rebuilds a record made by an older extractor, once, and only when not a dry run', async () => {
    const deps = reprocessDeps(env.config, env.aws, customTopicsFrom(customTopicsFile));
    const current = (await articles.get(idOf(samples.manifest.articles[1].url)))!;
    await articles.put({ ...current, text: 'what an older extractor kept', contentHash: 'older', extractorVersion: 'older' });

    expect(await reprocessRawKey(deps, current.rawKey, { source: 'elsewhere.example' })).toMatchObject({ status: 'skipped' });
    expect(await reprocessRawKey(deps, current.rawKey, { dryRun: true })).toMatchObject({ status: 'would-update' });
    expect((await articles.get(current.id))?.extractorVersion).toBe('older');
    expect(await reprocessRawKey(deps, current.rawKey)).toMatchObject({ status: 'updated' });
    const rebuilt = await articles.get(current.id);
    expect(rebuilt).toMatchObject({ text: current.text, extractorVersion: current.extractorVersion, storyId: current.storyId });
    expect(await reprocessRawKey(deps, current.rawKey)).toMatchObject({ status: 'unchanged' });
  });

  it('rebuilds records labelled with another custom topics file', async () => {
    const deps = reprocessDeps(env.config, env.aws, customTopicsFrom({ version: 1, topics: [] }));
    const record = (await articles.get(idOf(samples.manifest.articles[2].url)))!;
    expect(await reprocessRawKey(deps, record.rawKey)).toMatchObject({ status: 'updated' });
    expect((await articles.get(record.id))?.customTopics).toEqual([]);
    await reprocessRawKey(reprocessDeps(env.config, env.aws, customTopicsFrom(customTopicsFile)), record.rawKey);
  });

  it('skips a raw copy that no record was built from', async () => {
    const deps = reprocessDeps(env.config, env.aws, customTopicsFrom(customTopicsFile));
    expect(await reprocessRawKey(deps, `raw/2026-11-27/unknown/${'0'.repeat(64)}`)).toMatchObject({ status: 'skipped' });
  });
});

async function countRecords(): Promise<number> {
  let count = 0;
  for (const article of samples.manifest.articles) if (await articles.get(idOf(article.url))) count++;
  const page = await articles.listRecent({ since: '2026-01-01T00:00:00.000Z', until: '2027-01-01T00:00:00.000Z', limit: 100 });
  return count * 1000 + page.items.length;
}
