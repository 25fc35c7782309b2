// One pass of the deployed flow, in-process: schedule tick -> dispatch-feeds -> feed queue -> fetch-feed
// -> article queue -> process-article, through the real handlers and real SQS messages.
import type { ScheduledEvent } from 'aws-lambda';
import type { StateStore } from '../../shared/store/state-store.ts';
import { newFeed } from '../../shared/pipeline/feeds-file.ts';
import type { Outcome } from '../../functions/runtime.ts';
import type { LocalEnvironment } from './local-environment.ts';
import { drainQueue } from './event-source.ts';
import { deadLetters } from '../../shared/pipeline/dependencies.ts';
import { NO_REASON } from '../../shared/store/dead-letters.ts';
import type { DeadLetterEntry } from '../../shared/store/dead-letters.ts';
import { ARTICLE_QUEUE, FEED_QUEUE } from '../../shared/store/definitions.ts';

export interface FlowSummary {
  feeds: number;
  notModified: number;
  stored: number;
  /** Records replaced by a newer version of their entry. */
  updated: number;
  /** Stored records recognised as syndicated copies of a story already stored. */
  copies: number;
  /** Entries skipped because their URL (or canonical URL) was already claimed or stored. */
  duplicates: number;
  failed: number;
  failures: { url: string; reason: string }[];
  retries: number;
  topics: Record<string, number>;
}

export async function registerFeeds(state: StateStore, urls: string[], now: Date): Promise<void> {
  for (const url of urls) {
    const feed = newFeed(url, 'cli', now);
    // A feed already known keeps its validators and health; it is only made due for this run.
    if (!(await state.addFeed(feed))) await state.postponeFeed(feed.id, now.toISOString());
  }
}

export async function runFlow(env: LocalEnvironment, progress: (line: string) => void = () => {}): Promise<FlowSummary> {
  // Imported only now: the handlers read their configuration from the environment just set up.
  const runtime = await import('../../functions/runtime.ts');
  const dispatch = await import('../../functions/dispatch-feeds/handler.ts');
  const fetchFeed = await import('../../functions/fetch-feed/handler.ts');
  const processArticle = await import('../../functions/process-article/handler.ts');

  const summary: FlowSummary = { feeds: 0, notModified: 0, stored: 0, updated: 0, copies: 0, duplicates: 0, failed: 0, failures: [], retries: 0, topics: {} };
  const stop = runtime.onOutcome((event: Outcome) => tally(summary, event, progress));
  const letters = deadLetters(env.config, env.aws, { moveTask: false, waitSeconds: 0 });
  const earlier = new Set((await letters.list()).map((entry) => entry.messageId));
  try {
    const { dispatched } = await dispatch.handler(scheduleTick());
    progress(`schedule tick: ${dispatched} feed(s) due`);
    // Both queues are read at once, as their event source mappings do: articles start while feeds are still read.
    const feedRun = drainQueue(env.aws.sqs, env.config.feedQueueUrl, fetchFeed.handler, FEED_QUEUE);
    const articleRun = drainQueue(env.aws.sqs, env.config.articleQueueUrl, processArticle.handler, ARTICLE_QUEUE, { upstream: feedRun });
    for (const run of await Promise.all([feedRun, articleRun])) summary.retries += run.failed;
  } finally {
    stop();
  }
  // Dead letters SQS moved by itself (a handler that threw on every receive: feed jobs, crashes) were
  // never reported as outcomes; the ones handlers sent with a reason were.
  for (const entry of await letters.list()) {
    if (earlier.has(entry.messageId) || entry.errorCode !== NO_REASON) continue;
    summary.failed++;
    summary.failures.push({ url: entry.url ?? `(${entry.queue === 'feeds' ? 'feed' : 'article'} queue: message is not a job)`, reason: `${NO_REASON}: ${entry.reason}` });
    progress(`dead-lettered by SQS: ${describeLetter(entry)}`);
  }
  return summary;
}

function describeLetter(entry: DeadLetterEntry): string {
  return `${entry.queue} job ${entry.url ?? entry.messageId} (${entry.reason})`;
}

function tally(summary: FlowSummary, event: Outcome, progress: (line: string) => void): void {
  if (event.kind === 'feed') {
    const o = event.outcome;
    summary.feeds++;
    summary.duplicates += o.duplicates;
    if (o.status === 'not-modified') summary.notModified++;
    if (o.status === 'failed') summary.failures.push({ url: o.url, reason: o.error ?? 'unknown' });
    progress(`feed ${o.url}: ${o.status}${o.status === 'fetched' ? `, ${o.items} entries, ${o.enqueued} new` : ''}${o.error ? ` (${o.error})` : ''}`);
    return;
  }
  const o = event.outcome;
  switch (o.status) {
    case 'stored': {
      summary.stored++;
      if (o.duplicateOf) summary.copies++;
      const top = o.record.topics[0];
      if (top && !o.duplicateOf) summary.topics[top.label] = (summary.topics[top.label] ?? 0) + 1;
      progress(`stored ${o.record.title ?? o.id}${o.duplicateOf ? ` (copy of ${o.duplicateOf})` : ''}`);
      break;
    }
    case 'updated':
      summary.updated++;
      progress(`updated ${o.record.title ?? o.id}`);
      break;
    case 'handed-back':
      progress(`waiting ${o.delaySeconds} s in the queue for a turn at ${new URL(o.url).host}: ${o.url}`);
      break;
    case 'exists':
    case 'alias':
    case 'superseded':
      summary.duplicates++;
      break;
    case 'dead-lettered': {
      summary.failed++;
      summary.failures.push({ url: o.url ?? '(unparsable message)', reason: o.reason });
      progress(`failed after ${event.attempt} attempt(s): ${o.reason}`);
      break;
    }
  }
}

function scheduleTick(): ScheduledEvent {
  return {
    version: '0',
    id: 'local',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date().toISOString(),
    region: process.env.AWS_REGION ?? 'us-east-1',
    resources: [],
    detail: {},
  };
}
