import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoHostGate, DynamoRobotsCache, FetchError, MemoryHostGate, RobotsTxtChecker, safeFetch, type HostGate } from './index.ts';
import { startLocalStateTable, type LocalTable } from '../../tests/support/dynalite-table.ts';
import { respond, TestServer } from '../../tests/support/test-server.ts';

let server: TestServer;
let table: LocalTable;
beforeAll(async () => {
  server = await TestServer.start();
  table = await startLocalStateTable();
  server.route('/slow', async (_req, res) => {
    await sleep(40);
    res.writeHead(200, { 'content-type': 'text/html' }).end('ok');
  });
});
afterAll(async () => {
  await server.close();
  await table.close();
});
beforeEach(() => {
  server.requests.length = 0;
  server.maxInFlight = 0;
});

const fetchWith = (gate: HostGate | false, n: number, host: string) =>
  Array.from({ length: n }, () => safeFetch(server.url('/slow', host), { allowLoopback: true, robots: false, hostGate: gate, timeoutMs: 20_000 }));

function startGaps(): number[] {
  const starts = server.requests.map((r) => r.startedAt).sort((a, b) => a - b);
  return starts.slice(1).map((t, i) => t - starts[i]);
}

it('sees more than two requests in flight at once when nothing gates them (the measurement works)', async () => {
  await Promise.all(fetchWith(false, 12, 'ungated.localhost'));
  expect(server.maxInFlight).toBeGreaterThan(2);
});

describe.each([
  ['MemoryHostGate', (limits: { maxConcurrent: number; minDelayMs: number }) => new MemoryHostGate({ ...limits, maxWaitMs: 15_000 })],
  ['DynamoHostGate', (limits: { maxConcurrent: number; minDelayMs: number }) => new DynamoHostGate({ client: table.client, tableName: table.tableName, ...limits, maxWaitMs: 15_000, pollMs: 10 })],
])('%s', (name, makeGate) => {
  it('keeps two concurrent fetchers sharing it within the per-host cap, as the server sees it', async () => {
    const host = `cap-${name.toLowerCase()}.localhost`;
    // Two fetchers (think: two Lambdas), each with its own gate object over the same shared state where there is one.
    const first = makeGate({ maxConcurrent: 2, minDelayMs: 0 });
    const second = name === 'MemoryHostGate' ? first : makeGate({ maxConcurrent: 2, minDelayMs: 0 });
    await Promise.all([...fetchWith(first, 6, host), ...fetchWith(second, 6, host)]);
    expect(server.requests).toHaveLength(12);
    expect(server.maxInFlight).toBeLessThanOrEqual(2);
  });

  it('spaces request starts by the minimum delay across fetchers', async () => {
    const host = `pace-${name.toLowerCase()}.localhost`;
    const first = makeGate({ maxConcurrent: 4, minDelayMs: 200 });
    const second = name === 'MemoryHostGate' ? first : makeGate({ maxConcurrent: 4, minDelayMs: 200 });
    await Promise.all([...fetchWith(first, 3, host), ...fetchWith(second, 3, host)]);
    expect(server.requests).toHaveLength(6);
    // Turns are granted 200 ms apart; arrival at the server adds each request's own connect
    // latency (tens of ms on a loaded 2-core box), which one gap may lose but the span cannot.
    const gaps = startGaps();
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(100);
    expect(gaps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5 * 200 * 0.9);
  });

  it('counts the delay from when a request left, not from its grant: a caller that stalls in between brings no two starts closer', async () => {
    const host = `stall-${name.toLowerCase()}.localhost`;
    const first = makeGate({ maxConcurrent: 2, minDelayMs: 500 });
    const second = name === 'MemoryHostGate' ? first : makeGate({ maxConcurrent: 2, minDelayMs: 500 });
    const turnOptions = () => ({ deadline: Date.now() + 10_000, url: `http://${host}/` });
    const sends: number[] = [];
    const stalled = await first.acquire(host, turnOptions());
    const other = second.acquire(host, turnOptions()).then(async (turn) => {
      sends.push(Date.now());
      await turn.sent();
      await turn.release();
    });
    // The first caller's process stalls (busy loop, descheduled) past the delay before its request leaves.
    await sleep(750);
    sends.push(Date.now());
    await stalled.sent();
    await stalled.release();
    await other;
    const [a, b] = sends.sort((x, y) => x - y);
    expect(b - a).toBeGreaterThanOrEqual(500);
  });

  it('gives up with a retryable HOST_BUSY when no turn comes within the wait limit', async () => {
    const gate = makeGate({ maxConcurrent: 1, minDelayMs: 0 });
    const host = `deferred-${name.toLowerCase()}.localhost`;
    await gate.deferUntil(host, Date.now() + 60_000);
    const started = Date.now();
    const error = await safeFetch(server.url('/slow', host), { allowLoopback: true, robots: false, hostGate: gate, timeoutMs: 300 }).catch((e) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ code: 'HOST_BUSY', retryable: true });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(0);
  });

  it('frees the slot of a failed request', async () => {
    const gate = makeGate({ maxConcurrent: 1, minDelayMs: 0 });
    const host = `release-${name.toLowerCase()}.localhost`;
    const missing = await safeFetch(server.url('/nowhere', host), { allowLoopback: true, robots: false, hostGate: gate }).catch((e) => e);
    expect(missing.code).toBe('HTTP_STATUS');
    const ok = await safeFetch(server.url('/slow', host), { allowLoopback: true, robots: false, hostGate: gate, timeoutMs: 2000 });
    expect(ok.status).toBe(200);
  });
});

describe('DynamoHostGate', () => {
  it('takes over the slot of a holder that died once its lease ran out', async () => {
    const options = { client: table.client, tableName: table.tableName, maxConcurrent: 1, minDelayMs: 0, maxWaitMs: 0, leaseMs: 150 };
    const crashed = new DynamoHostGate(options);
    await crashed.acquire('lease.example', { deadline: Date.now() + 1000, url: 'http://lease.example/' }); // never released
    const other = new DynamoHostGate({ ...options, maxWaitMs: 2000, pollMs: 20 });
    const turn = await other.acquire('lease.example', { deadline: Date.now() + 3000, url: 'http://lease.example/' });
    await turn.release();
  });
});

describe('DynamoHostGate writes', () => {
  /** Write requests the gate sends while `run` runs, as they reach the SDK. */
  async function writesDuring(run: () => Promise<void>): Promise<number> {
    let writes = 0;
    table.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (/Update|Put|Delete/.test(String(context.commandName))) writes++;
        return next(args);
      },
      { step: 'initialize', name: 'countGateWrites' },
    );
    try {
      await run();
    } finally {
      table.client.middlewareStack.remove('countGateWrites');
    }
    return writes;
  }
  const newGate = () => new DynamoHostGate({ client: table.client, tableName: table.tableName, maxConcurrent: 2, minDelayMs: 400, maxWaitMs: 5000, pollMs: 10 });
  const turnOptions = (host: string) => ({ deadline: Date.now() + 10_000, url: `http://${host}/` });

  it('takes a turn, ends its hold and frees its slot in three writes, and the next start still waits the delay', async () => {
    const host = 'two-writes.example';
    const gate = newGate();
    let sentAt = 0;
    const writes = await writesDuring(async () => {
      const turn = await gate.acquire(host, turnOptions(host));
      sentAt = Date.now();
      await turn.sent();
      await turn.release();
    });
    expect(writes).toBe(3);
    const next = await newGate().acquire(host, turnOptions(host));
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(400);
    await next.release();
  });
});

describe('DynamoRobotsCache', () => {
  it('shares a fetched robots.txt between checkers, so a second fetcher does not fetch it again', async () => {
    server.route('/robots.txt', respond(200, 'User-agent: *\nDisallow: /slow\n', { 'content-type': 'text/plain' }));
    const cache = new DynamoRobotsCache({ client: table.client, tableName: table.tableName });
    const options = { allowLoopback: true, hostGate: false as const };
    for (const robots of [new RobotsTxtChecker({ cache }), new RobotsTxtChecker({ cache })]) {
      const error = await safeFetch(server.url('/slow', 'robots-shared.localhost'), { ...options, robots }).catch((e) => e);
      expect(error.code).toBe('ROBOTS_DISALLOWED');
    }
    expect(server.hits('/robots.txt')).toBe(1);
    expect(server.hits('/slow')).toBe(0);
  });
});

describe('a failing shared store', () => {
  it('surfaces as a retryable FetchError, not as the store error', async () => {
    const broken = new DynamoHostGate({ client: table.client, tableName: 'no-such-table', minDelayMs: 0 });
    const error = await safeFetch(server.url('/slow'), { allowLoopback: true, robots: false, hostGate: broken }).catch((e) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ code: 'NETWORK', retryable: true });
    expect(error.cause?.name).toBe('ResourceNotFoundException');
  });
});
