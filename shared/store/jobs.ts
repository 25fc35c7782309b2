// Messages that travel on the queues, validated on the way in so a malformed message fails loudly.
import { z } from 'zod';
import { feedRulesSchema } from '../extract/feed-rules.ts';

export const feedJobSchema = z.object({ feedId: z.string().min(1), url: z.string().url() });
export type FeedJob = z.infer<typeof feedJobSchema>;

export const articleJobSchema = z.object({
  url: z.string().url(),
  canonicalUrl: z.string().url(),
  articleId: z.string().min(1),
  version: z.string(),
  feed: z.object({ id: z.string(), url: z.string() }).nullable(),
  entry: z.object({
    title: z.string().nullable(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string().nullable(),
    authors: z.array(z.string()),
  }),
  /** The feed's extraction rules, when it has any. */
  rules: feedRulesSchema.optional(),
  /** Delivery attempts spent by earlier messages of this job: one handed back while waiting starts a new message. */
  attemptsBefore: z.number().int().nonnegative().optional(),
  /** Times the job was handed back to wait for its host (it spends no attempt). */
  handedBack: z.number().int().nonnegative().optional(),
  /** Of those, times its site asked for the wait (429/503 with Retry-After). */
  siteDeferrals: z.number().int().nonnegative().optional(),
  /**
   * Names the message that carries the job since its last hand-back; the claim holds the live one, so an
   * older message of the job that comes back (its delete failed, a kill, a timeout) is known as a stale copy.
   */
  lineage: z.string().min(1).optional(),
});
export type ArticleJob = z.infer<typeof articleJobSchema>;

export class InvalidJobError extends Error {
  override readonly name = 'InvalidJobError';
}

export function parseJob<T>(schema: z.ZodType<T>, body: string): T {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new InvalidJobError('message body is not JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new InvalidJobError(`message does not match the job schema: ${z.prettifyError(result.error)}`);
  return result.data;
}
