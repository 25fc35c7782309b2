import type { IncomingMessage } from 'node:http';
import { decodeContentEncoding, readLimitedBody } from './body.ts';
import { acceptsMediaType, mediaType, sniffAccepts, type AcceptKind } from './content-type.ts';
import { FetchError } from './errors.ts';
import type { HostGate } from './host-gate.ts';
import { parseRetryAfter } from './retry-after.ts';

export interface FetchResult {
  status: number;
  /** Final URL after redirects. */
  url: string;
  /** A 304 to the conditional GET: body empty, nothing more to do. */
  notModified: boolean;
  contentType: string | null;
  headers: Record<string, string>;
  /** Content-Encoding undone, charset untouched: the bytes to archive. */
  body: Uint8Array;
  etag: string | null;
  lastModified: string | null;
}

export interface ResponseLimits {
  accept: AcceptKind;
  maxBytes: number;
  maxDecodedBytes: number;
  hostGate: HostGate | false;
  signal: AbortSignal;
}

// Worth retrying: the server may answer differently later.
const RETRYABLE_STATUS = new Set([408, 425, 500, 502, 503, 504, 520, 521, 522, 523, 524]);

/**
 * Turns the final response into a FetchResult or a FetchError: 304 as notModified, 429/503 with
 * Retry-After as RATE_LIMITED (and the host held off), other statuses by whether a retry can help,
 * then the content-type check before the body is read, the size limits while it is read.
 */
export async function readResponse(res: IncomingMessage, url: string, limits: ResponseLimits): Promise<FetchResult> {
  const { accept, maxBytes, maxDecodedBytes, hostGate, signal } = limits;
  const status = res.statusCode ?? 0;
  const headers = flattenHeaders(res);
  const result = {
    status,
    url,
    contentType: headers['content-type'] ?? null,
    headers,
    etag: headers.etag ?? null,
    lastModified: headers['last-modified'] ?? null,
  };
  if (status === 304) return { ...result, notModified: true, body: new Uint8Array(0) };
  if (status === 429 || (status === 503 && headers['retry-after'])) {
    const retryAfterMs = parseRetryAfter(headers['retry-after']) ?? 60_000;
    if (hostGate) await hostGate.deferUntil(new URL(url).hostname, Date.now() + retryAfterMs);
    throw new FetchError('RATE_LIMITED', url, `HTTP ${status}, retry after ${retryAfterMs} ms`, { status, retryAfterMs });
  }
  if (status < 200 || status >= 300) {
    throw new FetchError('HTTP_STATUS', url, `HTTP ${status}`, { status, retryable: RETRYABLE_STATUS.has(status) });
  }
  const type = mediaType(result.contentType);
  if (type && !acceptsMediaType(accept, type)) {
    throw new FetchError('UNSUPPORTED_CONTENT_TYPE', url, `Content-Type ${type} is not accepted for ${accept}`, { status });
  }
  const raw = await readLimitedBody(res, maxBytes, url, signal);
  const body = await decodeContentEncoding(raw, headers['content-encoding'], maxDecodedBytes, url);
  if (!type && !sniffAccepts(accept, body)) {
    throw new FetchError('UNSUPPORTED_CONTENT_TYPE', url, `no Content-Type and the body does not look like ${accept}`, { status });
  }
  return { ...result, notModified: false, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
}

function flattenHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
