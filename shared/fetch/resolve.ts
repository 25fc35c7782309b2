import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { blockedReason, type AddressPolicy } from './address-guard.ts';
import { FetchError } from './errors.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** DNS resolution, injectable so tests can make a name resolve to any address without a DNS server. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** RFC 6761: 'localhost' and '*.localhost' are loopback and never go to DNS. */
export function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * The addresses a URL host may be connected to: IP literals as they are, *.localhost as 127.0.0.1,
 * other names through the resolver. Refuses (BLOCKED_ADDRESS) when any resolved address is not
 * allowed, so a name that mixes public and private answers cannot be used to reach the private one.
 */
export async function resolveAllowed(hostname: string, url: string, policy: AddressPolicy, resolver: Resolver): Promise<ResolvedAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  if (isIP(bare)) addresses = [{ address: bare, family: isIP(bare) === 6 ? 6 : 4 }];
  else if (isLocalhostName(bare)) addresses = [{ address: '127.0.0.1', family: 4 }];
  else {
    try {
      addresses = await resolver(bare);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // NXDOMAIN is a property of the URL; SERVFAIL and timeouts pass.
      const permanent = code === 'ENOTFOUND' || code === 'ENODATA';
      throw new FetchError('NETWORK', url, `DNS lookup of ${bare} failed: ${code ?? error}`, { retryable: !permanent, cause: error });
    }
  }
  if (addresses.length === 0) throw new FetchError('NETWORK', url, `${bare} has no address`, { retryable: false });
  for (const { address } of addresses) {
    const reason = blockedReason(address, policy);
    if (reason) throw new FetchError('BLOCKED_ADDRESS', url, `${bare} resolves to ${address}: ${reason}`);
  }
  return addresses;
}

/**
 * A lookup for node:http that only ever hands out the addresses already checked, so the socket
 * connects to exactly what was vetted (no second DNS answer, no rebinding gap).
 */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = typeof options === 'object' && options.family ? options.family : 0;
    const usable = family === 0 ? addresses : addresses.filter((a) => a.family === family);
    if (usable.length === 0) {
      callback(Object.assign(new Error('no vetted address of the requested family'), { code: 'ENOTFOUND' }), '', 0);
    } else if (typeof options === 'object' && options.all) {
      (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, usable);
    } else {
      callback(null, usable[0].address, usable[0].family);
    }
  };
}
