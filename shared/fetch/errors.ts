export type FetchErrorCode =
  | 'INVALID_URL'
  | 'BLOCKED_ADDRESS'
  | 'ROBOTS_DISALLOWED'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'HTTP_STATUS'
  | 'RATE_LIMITED'
  /** Our own politeness gate: the host's next turn is later than the caller will wait (retryAfterMs says when). */
  | 'HOST_BUSY'
  | 'UNSUPPORTED_CONTENT_TYPE'
  | 'NETWORK'
  | 'DECODE';

export interface FetchErrorDetails {
  retryable?: boolean;
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

// Transient by nature; everything else is a property of the URL or the site and will not change on retry.
const RETRYABLE_BY_DEFAULT: ReadonlySet<FetchErrorCode> = new Set(['TIMEOUT', 'RATE_LIMITED', 'HOST_BUSY', 'NETWORK']);

/**
 * Every failure of safeFetch. `retryable` tells the pipeline whether to retry through SQS or to
 * dead-letter at once (404, blocked address, robots.txt, unsupported content type).
 */
export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly url: string;

  constructor(code: FetchErrorCode, url: string, message: string, details: FetchErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FetchError';
    this.code = code;
    this.url = url;
    this.retryable = details.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}
