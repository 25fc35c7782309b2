// The fetch port of the pipeline: safeFetch with the deployment's limits already applied.
import { safeFetch } from '../fetch/index.ts';
import type { FetchResult, SafeFetchOptions } from '../fetch/index.ts';
import type { FetchSettings } from '../config.ts';

export type Fetcher = (url: string, options: Pick<SafeFetchOptions, 'accept' | 'etag' | 'lastModified' | 'handBackAfterMs'>) => Promise<FetchResult>;

export function configuredFetcher(settings: FetchSettings, extra: Partial<SafeFetchOptions> = {}): Fetcher {
  return (url, options) =>
    safeFetch(url, {
      allowLoopback: settings.allowLoopback,
      userAgent: settings.userAgent,
      timeoutMs: settings.timeoutMs,
      maxBytes: settings.maxBytes,
      ...extra,
      ...options,
    });
}
