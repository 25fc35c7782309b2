// Article jobs put straight on the local article queue (claimed first, as fetch-feed does) and the queue
// read by the real process-article handler through the local event source, outcomes collected.
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { drainQueue } from '../../cli/local/event-source.ts';
import type { DrainResult } from '../../cli/local/event-source.ts';
import { canonicalizeUrl } from '../../shared/feeds/index.ts';
import { ARTICLE_QUEUE } from '../../shared/store/definitions.ts';
import { JobQueue } from '../../shared/store/job-queue.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import { articleId } from '../../shared/store/records.ts';
import type { ArticleJob } from '../../shared/store/jobs.ts';
import type { Outcome } from '../../functions/runtime.ts';

export type ArticleOutcomeEvent = Extract<Outcome, { kind: 'article' }>;

const WORDS = 'harbour council budget river school election market festival railway museum energy vaccine court bridge'.split(' ');

/** A plain news page whose text shares no sentence with any other page's (so none is taken for a copy). */
export function newsPage(n: number): string {
  let seed = n + 1;
  const word = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return `${WORDS[seed % WORDS.length]}${(seed >> 8) % 997}`;
  };
  const paragraphs = Array.from({ length: 4 }, () => `<p>${Array.from({ length: 40 }, word).join(' ')}.</p>`);
  return `<!doctype html><html lang="en"><head><title>Story ${n}</title></head><body><article><h1>Story ${n}</h1>${paragraphs.join('')}</article></body></html>`;
}

/** Claims the URL, as fetch-feed does before it sends the job, and returns the job. */
export async function claimedJob(env: LocalEnvironment, url: string): Promise<ArticleJob> {
  const state = new StateStore(env.aws.dynamo, env.config.stateTable);
  const canonicalUrl = canonicalizeUrl(url);
  const id = articleId(canonicalUrl);
  await state.claim({ articleId: id, version: '-', url: canonicalUrl, now: new Date() });
  return { url, canonicalUrl, articleId: id, version: '-', feed: null, entry: { title: null, publishedAt: null, updatedAt: null, authors: [] } };
}

/** Claims each URL and sends its job, all at once: nothing spreads them over their hosts' turns. */
export async function enqueueArticles(env: LocalEnvironment, urls: string[]): Promise<void> {
  const jobs: ArticleJob[] = [];
  for (const url of urls) jobs.push(await claimedJob(env, url));
  await new JobQueue(env.aws.sqs, env.config.articleQueueUrl).sendAll(jobs);
}

/** Reads the article queue as the stack's event source mapping would, until it settles. */
export async function processArticleQueue(env: LocalEnvironment): Promise<{ run: DrainResult; outcomes: ArticleOutcomeEvent[] }> {
  const runtime = await import('../../functions/runtime.ts');
  const processArticle = await import('../../functions/process-article/handler.ts');
  const outcomes: ArticleOutcomeEvent[] = [];
  const stop = runtime.onOutcome((event) => event.kind === 'article' && outcomes.push(event));
  try {
    return { run: await drainQueue(env.aws.sqs, env.config.articleQueueUrl, processArticle.handler, ARTICLE_QUEUE), outcomes };
  } finally {
    stop();
  }
}
