// `syndic ingest`: feeds or single article pages, right now. Locally it runs the pipeline in-process;
// with --aws it hands the work to the deployed queues.
import { JSON_OPTION, TARGET_OPTIONS, defineCommand } from '../command.ts';
import { startProgress } from '../progress.ts';
import { openTarget } from '../target.ts';
import { canonicalizeUrl, parseFeed } from '../../shared/feeds/index.ts';
import { configuredFetcher } from '../../shared/pipeline/fetcher.ts';
import { JobQueue } from '../../shared/store/job-queue.ts';
import { articleId, feedId } from '../../shared/store/records.ts';
import type { ArticleJob, FeedJob } from '../../shared/store/jobs.ts';
import { registerFeeds, runFlow } from '../local/local-flow.ts';

export const ingestCommand = defineCommand({
  name: 'ingest',
  summary: 'Ingest feeds or single article pages now: locally in-process, with --aws by queueing jobs for the deployed stack.',
  arguments: { usage: '<feed-or-article-url>...', min: 1, max: Infinity },
  options: {
    ...JSON_OPTION,
    verbose: { type: 'boolean', description: "print the pipeline's log lines" },
    ...TARGET_OPTIONS,
  },
  examples: ['syndic ingest https://example.com/feed.xml', 'syndic ingest --aws https://example.com/2026/11/27/story.html https://example.org/rss'],
  run: async ({ values, positionals }) => ingest(positionals, values),
});

async function ingest(urls: string[], values: { json: boolean; verbose: boolean; aws: boolean; stack: string; profile: string }): Promise<number> {
  const target = await openTarget(values);
  try {
    const config = target.runtime();
    const fetcher = configuredFetcher(config.fetch);
    const feeds: FeedJob[] = [];
    const articles: ArticleJob[] = [];
    const progress = startProgress('fetched', urls.length, values);
    for (const url of urls) {
      const response = await fetcher(url, { accept: 'any' });
      progress.tick();
      if (isFeed(response.body, response.url, response.contentType)) {
        feeds.push({ feedId: feedId(url), url });
        continue;
      }
      const canonicalUrl = canonicalizeUrl(response.url);
      const id = articleId(canonicalUrl);
      if (await target.state.claim({ articleId: id, version: '-', url: canonicalUrl, now: new Date() })) {
        articles.push({ url, canonicalUrl, articleId: id, version: '-', feed: null, entry: { title: null, publishedAt: null, updatedAt: null, authors: [] } });
      } else {
        progress.note(`already ingested: ${url}`);
      }
    }
    progress.done();
    await registerFeeds(target.state, feeds.map((feed) => feed.url), new Date());
    await new JobQueue(target.aws.sqs, config.articleQueueUrl).sendAll(articles);
    if (!target.local) {
      // Deployed: the feed jobs go straight to the queue instead of waiting for the next schedule tick.
      await new JobQueue(target.aws.sqs, config.feedQueueUrl).sendAll(feeds);
      console.log(`queued ${feeds.length} feed(s) and ${articles.length} article(s)`);
      return 0;
    }
    const summary = await runFlow(target.local, values.json ? () => {} : (line) => console.log(`  ${line}`));
    console.log(values.json ? JSON.stringify(summary) : `stored ${summary.stored}, duplicates ${summary.duplicates}, failed ${summary.failures.length}`);
    for (const failure of summary.failures) console.log(`  failed: ${failure.url}: ${failure.reason}`);
    return summary.failures.length > 0 ? 1 : 0;
  } finally {
    await target.close();
  }
}

function isFeed(body: Uint8Array, url: string, contentType: string | null): boolean {
  if (contentType && /html/i.test(contentType)) return false;
  try {
    parseFeed(body, url, { contentType });
    return true;
  } catch {
    return false;
  }
}
