// What happens to one article message: processed, retried by SQS, or dead-lettered with its reason.
// Retryable failures (timeouts, 5xx, throttling) are thrown back to SQS until the last attempt; permanent
// ones (404, not HTML, blocked address) and the last attempt go to the DLQ at once, reason attached.
import { ARTICLE_QUEUE } from '../store/definitions.ts';
import { InvalidJobError, articleJobSchema, parseJob } from '../store/jobs.ts';
import type { JobQueue } from '../store/job-queue.ts';
import { processArticle } from './process-article.ts';
import { ArticleError } from './analyze-page.ts';
import type { ArticleOutcome, ProcessArticleDeps } from './process-article.ts';

export interface ArticleJobDeps extends ProcessArticleDeps {
  deadLetters: JobQueue;
}

export type ArticleJobOutcome = ArticleOutcome | { status: 'dead-lettered'; url: string | null; code: string; reason: string };

/** What the message says of earlier attempts: when its first attempt started (ISO time). */
export interface AttemptHistory {
  firstFailureAt: string;
}

export async function handleArticleMessage(deps: ArticleJobDeps, body: string, attempt: number, history?: AttemptHistory): Promise<ArticleJobOutcome> {
  const failedAt = () => {
    const now = deps.now().toISOString();
    return { firstFailureAt: history?.firstFailureAt ?? now, lastFailureAt: now };
  };
  let job;
  try {
    job = parseJob(articleJobSchema, body);
  } catch (error) {
    if (!(error instanceof InvalidJobError)) throw error;
    await deps.deadLetters.deadLetter({ body, reason: error.message, errorCode: 'INVALID_JOB', attempts: attempt, ...failedAt() });
    return { status: 'dead-lettered', url: null, code: 'INVALID_JOB', reason: error.message };
  }

  try {
    const outcome = await processArticle(deps, job);
    await deps.state.finishClaim(job.articleId, job.version, 'done', outcome.status, deps.now());
    return outcome;
  } catch (error) {
    const failure = error instanceof ArticleError ? error : new ArticleError('INTERNAL', String((error as Error)?.message ?? error), true);
    if (failure.retryable && attempt < ARTICLE_QUEUE.maxReceiveCount) throw failure;
    const reason = `${failure.code}: ${failure.message}`;
    await deps.deadLetters.deadLetter({ body, reason, errorCode: failure.code, attempts: attempt, ...failedAt() });
    await deps.state.finishClaim(job.articleId, job.version, 'failed', reason, deps.now());
    return { status: 'dead-lettered', url: job.url, code: failure.code, reason };
  }
}
