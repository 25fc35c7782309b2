import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { blockedReason, type AddressPolicy } from './address-guard.ts';
import { FetchError } from './errors.ts';
import { pinnedLookup, type ResolvedAddress } from './resolve.ts';

export interface RequestSpec {
  url: URL;
  headers: Record<string, string>;
  /** Vetted addresses; the connection goes to one of these and nowhere else. */
  addresses: ResolvedAddress[];
  policy: AddressPolicy;
  connectTimeoutMs: number;
  /** Aborts the exchange (total timeout, caller's signal). */
  signal: AbortSignal;
}

/**
 * One GET, resolved with the response head. No connection pooling: a pooled socket would skip the
 * lookup, and with it the address check of the policy in force for this request.
 */
export function sendRequest(spec: RequestSpec): Promise<IncomingMessage> {
  const { url } = spec;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: 'GET',
      headers: spec.headers,
      agent: false,
      lookup: pinnedLookup(spec.addresses),
      signal: spec.signal,
    });
    let settled = false;
    const fail = (error: FetchError) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(error);
    };
    req.on('socket', (socket: Socket) => {
      const timer = setTimeout(
        () => fail(new FetchError('TIMEOUT', url.href, `connect to ${url.host} took over ${spec.connectTimeoutMs} ms`)),
        spec.connectTimeoutMs,
      );
      const connected = url.protocol === 'https:' ? 'secureConnect' : 'connect';
      socket.once(connected, () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
      // Belt and braces: the peer actually connected to must pass the same check.
      socket.once('connect', () => {
        const remote = (socket as TLSSocket).remoteAddress;
        const reason = remote ? blockedReason(remote, spec.policy) : 'unknown peer address';
        if (reason) fail(new FetchError('BLOCKED_ADDRESS', url.href, `connected to ${remote}: ${reason}`));
      });
    });
    req.on('response', (res) => {
      if (settled) return void res.destroy();
      settled = true;
      resolve(res);
    });
    req.on('error', (error) => fail(toFetchError(error, url.href, spec.signal)));
    req.end();
  });
}

const PERMANENT_TLS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME_MISMATCH|ALTNAME/;

/** Maps socket, TLS and abort errors to FetchError. */
export function toFetchError(error: unknown, url: string, signal: AbortSignal): FetchError {
  if (error instanceof FetchError) return error;
  if (signal.aborted && signal.reason instanceof FetchError) return signal.reason;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = `${code || 'network error'}: ${(error as Error).message}`;
  return new FetchError('NETWORK', url, message, { retryable: !PERMANENT_TLS.test(code), cause: error });
}
