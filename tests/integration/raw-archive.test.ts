// The date range of `syndic reprocess`: the raw archive lists the S3 prefix that covers the requested
// days and keeps the keys fetched on those days, bounds included, against the local S3 (fauxqs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { startLocalAwsServers } from '../../cli/local/aws-servers.ts';
import type { LocalAwsServers } from '../../cli/local/aws-servers.ts';
import { createClients } from '../../shared/aws/clients.ts';
import { RawArchive, inRawRange, rawKey, rawPrefix } from '../../shared/store/raw-archive.ts';
import type { RawRange } from '../../shared/store/raw-archive.ts';

const BUCKET = 'raw-archive-test';
const DAYS = ['2026-10-31', '2026-11-01', '2026-11-15', '2026-11-30', '2026-12-01', '2026-12-31', '2027-01-01'];

let servers: LocalAwsServers;
let archive: RawArchive;
/** The Prefix of every listing request the archive sent. */
const prefixes: (string | undefined)[] = [];
const keyOn = new Map<string, string>();

beforeAll(async () => {
  servers = await startLocalAwsServers();
  const { s3 } = createClients(servers.env);
  s3.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Prefix?: string };
      if ('Prefix' in input) prefixes.push(input.Prefix);
      return next(args);
    },
    { step: 'initialize', name: 'recordListPrefix' },
  );
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  archive = new RawArchive(s3, BUCKET);
  for (const day of DAYS) {
    // Fetched late in the day: the range compares UTC days, not instants.
    const copy = { articleId: `a-${day}`, url: `https://example.com/${day}`, fetchedAt: new Date(`${day}T23:30:00Z`), contentType: 'text/html', body: Buffer.from(`page of ${day}`) };
    keyOn.set(day, await archive.put(copy));
  }
});

afterAll(async () => {
  await servers?.stop();
});

async function listed(range: RawRange): Promise<string[]> {
  prefixes.length = 0;
  const keys: string[] = [];
  for await (const key of archive.list(range)) keys.push(key);
  return keys;
}

const keysOf = (...days: string[]) => days.map((day) => keyOn.get(day)!);

describe('listing the raw archive by fetch day', () => {
  it('lists every day of a month, both bounds included, from the month prefix', async () => {
    expect(await listed({ since: '2026-11-01', until: '2026-11-30' })).toEqual(keysOf('2026-11-01', '2026-11-15', '2026-11-30'));
    expect(prefixes).toEqual(['raw/2026-11-']);
  });

  it('compares days, not instants: a bound late in a day still includes that day', async () => {
    expect(await listed({ since: '2026-11-30T23:59:59Z', until: '2026-12-01T00:00:00Z' })).toEqual(keysOf('2026-11-30', '2026-12-01'));
    expect(prefixes).toEqual(['raw/2026-1']);
  });

  it('lists across a year boundary', async () => {
    expect(await listed({ since: '2026-12-31', until: '2027-01-01' })).toEqual(keysOf('2026-12-31', '2027-01-01'));
    expect(prefixes).toEqual(['raw/202']);
  });

  it('lists one day from that day prefix', async () => {
    expect(await listed({ since: '2026-11-15', until: '2026-11-15' })).toEqual(keysOf('2026-11-15'));
    expect(prefixes).toEqual(['raw/2026-11-15']);
  });

  it('lists from the whole archive when a bound is open', async () => {
    expect(await listed({ since: '2026-12-01' })).toEqual(keysOf('2026-12-01', '2026-12-31', '2027-01-01'));
    expect(await listed({ until: '2026-11-01' })).toEqual(keysOf('2026-10-31', '2026-11-01'));
    expect(await listed({})).toEqual(keysOf(...DAYS));
    expect(prefixes).toEqual(['raw/']);
  });

  it('lists nothing for a range with no fetch in it', async () => {
    expect(await listed({ since: '2026-11-02', until: '2026-11-14' })).toEqual([]);
  });
});

describe('the prefix of a range', () => {
  const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true });

  it('covers every key fetched within the range, and the range keeps exactly those days', () => {
    fc.assert(
      fc.property(day, day, day, (a, b, fetched) => {
        const [since, until] = [a, b].sort((x, y) => x.getTime() - y.getTime()).map((d) => d.toISOString());
        const key = rawKey({ articleId: 'x', fetchedAt: fetched, body: new Uint8Array() });
        const within = since.slice(0, 10) <= fetched.toISOString().slice(0, 10) && fetched.toISOString().slice(0, 10) <= until.slice(0, 10);
        expect(inRawRange(key, { since, until })).toBe(within);
        if (within) expect(key.startsWith(rawPrefix(since, until))).toBe(true);
      }),
    );
  });
});
