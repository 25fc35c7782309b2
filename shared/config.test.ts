import { describe, expect, it } from 'vitest';
import { ConfigError, fetchSettings, runtimeConfig } from './config.ts';

const complete = {
  SYNDIC_ARTICLES_TABLE: 'articles',
  SYNDIC_STATE_TABLE: 'state',
  SYNDIC_RAW_BUCKET: 'raw',
  SYNDIC_FEED_QUEUE_URL: 'https://sqs/feeds',
  SYNDIC_ARTICLE_QUEUE_URL: 'https://sqs/articles',
  SYNDIC_ARTICLE_DLQ_URL: 'https://sqs/articles-dlq',
};

describe('configuration', () => {
  it('reads every setting the pipeline needs, with defaults for the optional ones', () => {
    expect(runtimeConfig(complete)).toMatchObject({
      articlesTable: 'articles',
      articleDlqUrl: 'https://sqs/articles-dlq',
      feedIntervalMinutes: 15,
      fetch: { allowLoopback: false, timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, userAgent: undefined },
    });
  });

  it('names the missing setting', () => {
    const { SYNDIC_RAW_BUCKET: _bucket, ...incomplete } = complete;
    expect(() => runtimeConfig(incomplete)).toThrow(new ConfigError('missing required setting SYNDIC_RAW_BUCKET'));
  });

  it('refuses a number that is not one', () => {
    expect(() => fetchSettings({ SYNDIC_FETCH_TIMEOUT_MS: '10s' })).toThrow(/SYNDIC_FETCH_TIMEOUT_MS must be a non-negative integer/);
  });

  it('allows loopback only when told to explicitly', () => {
    expect(fetchSettings({}).allowLoopback).toBe(false);
    expect(fetchSettings({ SYNDIC_ALLOW_LOOPBACK: 'no' }).allowLoopback).toBe(false);
    expect(fetchSettings({ SYNDIC_ALLOW_LOOPBACK: 'true' }).allowLoopback).toBe(true);
  });
});
