// The one place that reads configuration from the environment. Handlers, the CLI and the local runner
// all go through here, so a missing setting fails fast with its name instead of deep inside a call.

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

import { DEFAULT_HOST_GATE_LIMITS } from './fetch/host-gate.ts';

type Env = Record<string, string | undefined>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(`missing required setting ${name}`);
  return value;
}

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a non-negative integer, got '${raw}'`);
  return value;
}

function fraction(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0 && value <= 1)) throw new ConfigError(`${name} must be a number in (0, 1], got '${raw}'`);
  return value;
}

function flag(env: Env, name: string): boolean {
  return ['1', 'true', 'yes'].includes((env[name] ?? '').toLowerCase());
}

export interface FetchSettings {
  /** Only local runs and tests set SYNDIC_ALLOW_LOOPBACK: the SSRF guard refuses loopback otherwise. */
  allowLoopback: boolean;
  /** Unset: the fetcher's own, which names the bot and its contact URL. */
  userAgent: string | undefined;
  timeoutMs: number;
  maxBytes: number;
  /** Per-host politeness: least time between two request starts, and requests in flight at once. */
  hostMinDelayMs: number;
  hostMaxConcurrent: number;
}

export interface StorageNames {
  articlesTable: string;
  stateTable: string;
  rawBucket: string;
}

export interface QueueUrls {
  feedQueueUrl: string;
  articleQueueUrl: string;
  articleDlqUrl: string;
}

export interface RuntimeConfig extends StorageNames, QueueUrls {
  /** The feed DLQ: read by `syndic dlq` and the local summary, not by any function. */
  feedDlqUrl: string | undefined;
  /** The reprocess state machine (deployed stacks only; the CLI's --aws reprocess starts it). */
  reprocessStateMachineArn: string | undefined;
  fetch: FetchSettings;
  /** How often a healthy feed is read; the schedule only wakes the dispatcher. */
  feedIntervalMinutes: number;
}

export function fetchSettings(env: Env = process.env): FetchSettings {
  return {
    allowLoopback: flag(env, 'SYNDIC_ALLOW_LOOPBACK'),
    userAgent: env.SYNDIC_USER_AGENT?.trim() || undefined,
    timeoutMs: integer(env, 'SYNDIC_FETCH_TIMEOUT_MS', 15_000),
    maxBytes: integer(env, 'SYNDIC_FETCH_MAX_BYTES', 5 * 1024 * 1024),
    // Lowered only by load and reliability runs against their own loopback sites (times scaled down).
    hostMinDelayMs: integer(env, 'SYNDIC_HOST_MIN_DELAY_MS', DEFAULT_HOST_GATE_LIMITS.minDelayMs),
    hostMaxConcurrent: integer(env, 'SYNDIC_HOST_MAX_CONCURRENT', DEFAULT_HOST_GATE_LIMITS.maxConcurrent),
  };
}

export function storageNames(env: Env = process.env): StorageNames {
  return {
    articlesTable: required(env, 'SYNDIC_ARTICLES_TABLE'),
    stateTable: required(env, 'SYNDIC_STATE_TABLE'),
    rawBucket: required(env, 'SYNDIC_RAW_BUCKET'),
  };
}

export function runtimeConfig(env: Env = process.env): RuntimeConfig {
  return {
    ...storageNames(env),
    feedQueueUrl: required(env, 'SYNDIC_FEED_QUEUE_URL'),
    articleQueueUrl: required(env, 'SYNDIC_ARTICLE_QUEUE_URL'),
    articleDlqUrl: required(env, 'SYNDIC_ARTICLE_DLQ_URL'),
    feedDlqUrl: env.SYNDIC_FEED_DLQ_URL || undefined,
    fetch: fetchSettings(env),
    reprocessStateMachineArn: env.SYNDIC_REPROCESS_STATE_MACHINE_ARN || undefined,
    feedIntervalMinutes: integer(env, 'SYNDIC_FEED_INTERVAL_MINUTES', 15),
  };
}

/**
 * Local runs only: the share of the queues' visibility timeouts the local event source waits before a
 * failed or timed-out message comes back (360 s in AWS; 1 keeps it). Delays that keep a host polite are
 * never scaled.
 */
export function localQueueTimeScale(env: Env = process.env): number {
  return fraction(env, 'SYNDIC_LOCAL_QUEUE_TIME_SCALE', 1 / 60);
}
