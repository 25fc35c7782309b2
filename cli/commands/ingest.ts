// `syndic ingest`: feeds or single article pages, right now. Locally it runs the pipeline in-process;
// with --aws it hands the work to the deployed queues.
import { UsageError, parse } from '../args.ts';
import { openTarget } from '../target.ts';
import { canonicalizeUrl, parseFeed } from '../../shared/feeds/index.ts';
import { configuredFetcher } from '../../shared/pipeline/fetcher.ts';
import { JobQueue } from '../../shared/store/job-queue.ts';
import { articleId, feedId } from '../../shared/store/records.ts';
import type { ArticleJob, FeedJob } from '../../shared/store/jobs.ts';
import { registerFeeds, runFlow } from '../local/local-flow.ts';

export async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    aws: { type: 'boolean', default: false },
    profile: { type: 'string', default: 'local' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  });
  if (positionals.length === 0) throw new UsageError('give at least one feed or article URL');

  const target = await openTarget({ aws: values.aws, profile: values.profile, verbose: values.verbose });
  try {
    const config = target.runtime();
    const fetcher = configuredFetcher(config.fetch);
    const feeds: FeedJob[] = [];
    const articles: ArticleJob[] = [];
    for (const url of positionals) {
      const response = await fetcher(url, { accept: 'any' });
      if (isFeed(response.body, response.url, response.contentType)) {
        feeds.push({ feedId: feedId(url), url });
        continue;
      }
      const canonicalUrl = canonicalizeUrl(response.url);
      const id = articleId(canonicalUrl);
      if (await target.state.claim({ articleId: id, version: '-', url: canonicalUrl, now: new Date() })) {
        articles.push({ url, canonicalUrl, articleId: id, version: '-', feed: null, entry: { title: null, publishedAt: null, updatedAt: null, authors: [] } });
      } else {
        console.log(`already ingested: ${url}`);
      }
    }
    await registerFeeds(target.state, feeds.map((feed) => feed.url), new Date());
    await new JobQueue(target.aws.sqs, config.articleQueueUrl).sendAll(articles);
    if (!target.local) {
      // Deployed: the feed jobs go straight to the queue instead of waiting for the next schedule tick.
      await new JobQueue(target.aws.sqs, config.feedQueueUrl).sendAll(feeds);
      console.log(`queued ${feeds.length} feed(s) and ${articles.length} article(s)`);
      return 0;
    }
    const summary = await runFlow(target.local, (line) => console.log(`  ${line}`));
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
