// What happens to one article message: processed, retried by SQS, handed back to wait, or dead-lettered
// with its reason. Retryable failures (timeouts, 5xx, throttling) are thrown back to SQS until the last
// attempt; permanent ones (404, not HTML, blocked address) and the last attempt go to the DLQ at once,
// reason attached. A job whose host has no turn for it yet is sent again with a delay: waiting happens
// in the queue, and it spends no attempt (the new message carries the attempts spent so far). So is one
// whose site asked it to come back later (429/503 with Retry-After), a bounded number of times.
// A hand-back forks the job for a moment (the new message is sent before the old one is deleted), so the
// claim names the live message: a copy that is not it ends as a counted duplicate, never as a second
// dead letter or record.
import { randomUUID } from 'node:crypto';
import { ARTICLE_QUEUE } from '../store/definitions.ts';
import { InvalidJobError, articleJobSchema, parseJob } from '../store/jobs.ts';
import type { JobQueue } from '../store/job-queue.ts';
import type { ClaimState } from '../store/state-store.ts';
import { HostBusy, processArticle } from './process-article.ts';
import { ArticleError } from './analyze-page.ts';
import type { ArticleOutcome, ProcessArticleDeps } from './process-article.ts';

export interface ArticleJobDeps extends ProcessArticleDeps {
  deadLetters: JobQueue;
  /** The article queue itself, for jobs handed back to wait. */
  articleQueue: JobQueue;
}

export type ArticleJobOutcome =
  | ArticleOutcome
  | { status: 'dead-lettered'; url: string | null; code: string; reason: string }
  | { status: 'handed-back'; url: string; delaySeconds: number; handedBack: number }
  /** A stale copy of a handed-back job, or a job whose article another message stored meanwhile: dropped. */
  | { status: 'superseded'; url: string };

/**
 * A site that answers 429 (or 503 with Retry-After) is waited for in the queue, for as long as it asks,
 * without spending a delivery attempt; one that keeps asking past this many times spends them as any
 * retryable failure does, so it ends in the DLQ instead of circling for ever.
 */
export const MAX_SITE_DEFERRALS = 5;

/** What the message says of earlier attempts: when its first attempt started (ISO time). */
export interface AttemptHistory {
  firstFailureAt: string;
  /** SQS's id of the message: the same on every redelivery of it, a new one after a redrive. */
  messageId?: string;
}

/** `receiveCount`: SQS's ApproximateReceiveCount of this message. */
export async function handleArticleMessage(deps: ArticleJobDeps, body: string, receiveCount: number, history?: AttemptHistory): Promise<ArticleJobOutcome> {
  const failedAt = () => {
    const now = deps.now().toISOString();
    return { firstFailureAt: history?.firstFailureAt ?? now, lastFailureAt: now };
  };
  let job;
  try {
    job = parseJob(articleJobSchema, body);
  } catch (error) {
    if (!(error instanceof InvalidJobError)) throw error;
    await deps.deadLetters.deadLetter({ body, reason: error.message, errorCode: 'INVALID_JOB', attempts: receiveCount, ...failedAt() });
    return { status: 'dead-lettered', url: null, code: 'INVALID_JOB', reason: error.message };
  }

  const spentBefore = job.attemptsBefore ?? 0;
  const attempt = spentBefore + receiveCount;
  // A job enqueued without a claim (by hand) has no copies to tell apart.
  const claimed = await deps.state.claimStatus(job.articleId, job.version);
  const stale = (claim: ClaimState | null) => claim !== null && claim.lineage !== (job.lineage ?? null);
  if (stale(claimed)) return { status: 'superseded', url: job.url };
  // The message that dead-lettered it, delivered again (its delete failed): it must not run (and maybe be
  // handed back, a new message that would dead-letter it a second time).
  if (claimed?.status === 'failed' && history?.messageId && claimed.failedBy === history.messageId) return { status: 'superseded', url: job.url };
  try {
    const outcome = await processArticle(deps, job);
    await deps.state.finishClaim(job.articleId, job.version, 'done', outcome.status, deps.now());
    return outcome;
  } catch (error) {
    const siteDeferrals = (job.siteDeferrals ?? 0) + (error instanceof HostBusy && error.bySite ? 1 : 0);
    if (error instanceof HostBusy && siteDeferrals <= MAX_SITE_DEFERRALS) {
      // This receive did not get to try (or the site asked it to come back later), so it does not count;
      // the message is deleted once the copy is sent.
      const handedBack = (job.handedBack ?? 0) + 1;
      const delaySeconds = Math.ceil(error.retryAfterMs / 1000);
      // Sent before the claim names it: a crash in between leaves the new copy stale and this message live.
      const lineage = claimed ? randomUUID() : undefined;
      await deps.articleQueue.sendLater({ ...job, attemptsBefore: attempt - 1, handedBack, ...(siteDeferrals > 0 ? { siteDeferrals } : {}), lineage }, delaySeconds);
      if (lineage && !(await deps.state.passClaim(job.articleId, job.version, job.lineage ?? null, lineage))) return { status: 'superseded', url: job.url };
      return { status: 'handed-back', url: job.url, delaySeconds, handedBack };
    }
    const failure =
      error instanceof ArticleError ? error
      : error instanceof HostBusy ? new ArticleError('RATE_LIMITED', error.message, true)
      : new ArticleError('INTERNAL', String((error as Error)?.message ?? error), true);
    if (failure.retryable && attempt < ARTICLE_QUEUE.maxReceiveCount) throw failure;
    const reason = `${failure.code}: ${failure.message}`;
    // A message dead-lettered and then redelivered (its delete failed, or its visibility ran out) must
    // not become a second dead letter: the claim remembers which message already went to the DLQ.
    const claim = claimed && (await deps.state.claimStatus(job.articleId, job.version));
    if (claim && claim.status === 'failed' && history?.messageId && claim.failedBy === history.messageId) return { status: 'dead-lettered', url: job.url, code: failure.code, reason };
    // Another copy was handed back or stored the article while this one worked (two workers on one message).
    if (claim && (stale(claim) || claim.status === 'done')) return { status: 'superseded', url: job.url };
    await deps.deadLetters.deadLetter({ body, reason, errorCode: failure.code, attempts: attempt, ...failedAt() });
    await deps.state.finishClaim(job.articleId, job.version, 'failed', reason, deps.now(), history?.messageId);
    return { status: 'dead-lettered', url: job.url, code: failure.code, reason };
  }
}
