import { readFileSync } from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import path from 'node:path';
import net, { type AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FetchError, MemoryHostGate, RobotsTxtChecker, safeFetch, type SafeFetchOptions } from './index.ts';
import { respond, TestServer } from '../../tests/support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

// Loopback allowed (the test server lives there); politeness off unless the test is about it.
const local: SafeFetchOptions = { allowLoopback: true, robots: false, hostGate: false };

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    return error as FetchError;
  }
  throw new Error('expected the fetch to fail');
}

describe('safeFetch: responses', () => {
  it('returns status, final URL, headers and body, and names the bot in User-Agent', async () => {
    server.route('/ok', respond(200, '<p>hi</p>', { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' }));
    const result = await safeFetch(server.url('/ok'), local);
    expect(result).toMatchObject({ status: 200, url: server.url('/ok'), notModified: false, contentType: 'text/html; charset=utf-8', etag: '"v1"' });
    expect(Buffer.from(result.body).toString()).toBe('<p>hi</p>');
    expect(server.requests[0].headers['user-agent']).toMatch(/^syndic-bot\/\S+ \(\+https?:\/\/\S+\)$/);
  });

  it('answers a conditional GET with 304 as notModified, in one request and without a body', async () => {
    server.route('/feed', (req, res) => {
      if (req.headers['if-none-match'] === '"abc"' && req.headers['if-modified-since'] === 'Wed, 21 Oct 2026 07:28:00 GMT') res.writeHead(304).end();
      else res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"abc"' }).end('<rss/>');
    });
    const result = await safeFetch(server.url('/feed'), { ...local, accept: 'feed', etag: '"abc"', lastModified: 'Wed, 21 Oct 2026 07:28:00 GMT' });
    expect(result.notModified).toBe(true);
    expect(result.status).toBe(304);
    expect(result.body.byteLength).toBe(0);
    expect(server.hits('/feed')).toBe(1);
  });

  it('turns a 429 with Retry-After into a retryable RATE_LIMITED and holds the host off for that long', async () => {
    server.route('/busy', respond(429, 'slow down', { 'retry-after': '120' }));
    const gate = new MemoryHostGate({ minDelayMs: 0, maxWaitMs: 200 });
    const error = await fetchError(safeFetch(server.url('/busy'), { ...local, hostGate: gate }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, status: 429, retryAfterMs: 120_000 });
    const again = await fetchError(safeFetch(server.url('/busy'), { ...local, hostGate: gate }));
    expect(again.code).toBe('HOST_BUSY'); // held off by the gate itself
    expect(again.retryAfterMs).toBeGreaterThan(100_000);
    expect(server.hits('/busy')).toBe(1);
  });

  it('reads Retry-After given as an HTTP date on a 503', async () => {
    server.route('/maintenance', respond(503, '', { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }));
    const error = await fetchError(safeFetch(server.url('/maintenance'), local));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBeGreaterThan(50_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('marks 404 permanent and 500 retryable', async () => {
    server.route('/error', respond(500));
    expect(await fetchError(safeFetch(server.url('/missing'), local))).toMatchObject({ code: 'HTTP_STATUS', status: 404, retryable: false });
    expect(await fetchError(safeFetch(server.url('/error'), local))).toMatchObject({ code: 'HTTP_STATUS', status: 500, retryable: true });
  });

  it('refuses a content type the caller does not accept, permanently', async () => {
    server.route('/doc.pdf', respond(200, '%PDF-1.7', { 'content-type': 'application/pdf' }));
    server.route('/page', respond(200, '<html></html>', { 'content-type': 'text/html' }));
    expect(await fetchError(safeFetch(server.url('/doc.pdf'), { ...local, accept: 'html' }))).toMatchObject({ code: 'UNSUPPORTED_CONTENT_TYPE', retryable: false });
    expect((await safeFetch(server.url('/page'), { ...local, accept: 'html' })).status).toBe(200);
    expect((await safeFetch(server.url('/doc.pdf'), { ...local, accept: 'any' })).status).toBe(200);
  });

  it('sniffs a response without Content-Type: markup passes for an article, anything else does not', async () => {
    server.route('/untyped-page', (_req, res) => void res.end('<!doctype html><p>hi</p>'));
    server.route('/untyped-pdf', (_req, res) => void res.end('%PDF-1.7 ...'));
    expect((await safeFetch(server.url('/untyped-page'), { ...local, accept: 'html' })).contentType).toBeNull();
    expect(await fetchError(safeFetch(server.url('/untyped-pdf'), { ...local, accept: 'html' }))).toMatchObject({ code: 'UNSUPPORTED_CONTENT_TYPE', retryable: false });
  });

  it('reaches *.localhost names on 127.0.0.1 with the name in the Host header', async () => {
    server.route('/story', respond(200, 'planet', { 'content-type': 'text/html' }));
    const result = await safeFetch(server.url('/story', 'daily-planet.localhost'), local);
    expect(Buffer.from(result.body).toString()).toBe('planet');
    expect(server.requests[0].host).toBe(`daily-planet.localhost:${server.port}`);
  });
});

describe('safeFetch: TLS', () => {
  it('refuses a certificate it cannot trust as a permanent network error', async () => {
    // Any untrusted certificate will do: dynalite ships a self-signed (and long expired) one.
    const ssl = path.join(path.dirname(createRequire(import.meta.url).resolve('dynalite/package.json')), 'ssl');
    const tls = https.createServer(
      { key: readFileSync(path.join(ssl, 'server-key.pem')), cert: readFileSync(path.join(ssl, 'server-crt.pem')) },
      (_req, res) => res.end('secret'),
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const error = await fetchError(safeFetch(`https://127.0.0.1:${(tls.address() as AddressInfo).port}/`, local));
      expect(error).toMatchObject({ code: 'NETWORK', retryable: false });
    } finally {
      tls.close();
    }
  });
});

describe('safeFetch: connecting', () => {
  it('gives up on a connection that never completes its TLS handshake at the connect timeout', async () => {
    const mute = net.createServer(() => {}); // accepts TCP, never answers the TLS ClientHello
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    const started = Date.now();
    try {
      const error = await fetchError(safeFetch(`https://127.0.0.1:${(mute.address() as AddressInfo).port}/`, { ...local, connectTimeoutMs: 200, timeoutMs: 5000 }));
      expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
      expect(error.message).toMatch(/connect/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      mute.close();
    }
  });

  it('stops when the caller aborts', async () => {
    server.route('/hang', () => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await fetchError(safeFetch(server.url('/hang'), { ...local, signal: controller.signal }));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toMatch(/aborted/);
  });
});

describe('safeFetch: redirects', () => {
  it('follows a redirect chain and reports the final URL', async () => {
    server.route('/r1', respond(301, '', { location: '/r2' }));
    server.route('/r2', respond(302, '', { location: server.url('/r3', 'localhost') }));
    server.route('/r3', respond(308, '', { location: '/final?x=1' }));
    server.route('/final', respond(200, 'done', { 'content-type': 'text/plain' }));
    const result = await safeFetch(server.url('/r1'), local);
    expect(result.url).toBe(`http://localhost:${server.port}/final?x=1`);
    expect(Buffer.from(result.body).toString()).toBe('done');
  });

  it('gives up after 5 redirects', async () => {
    for (let i = 0; i < 6; i++) server.route(`/hop${i}`, respond(302, '', { location: `/hop${i + 1}` }));
    server.route('/hop6', respond(200, 'too far'));
    expect(await fetchError(safeFetch(server.url('/hop0'), local))).toMatchObject({ code: 'TOO_MANY_REDIRECTS', retryable: false });
    expect(server.hits('/hop6')).toBe(0);
    server.route('/hop1', respond(302, '', { location: '/hop5' }));
    expect((await safeFetch(server.url('/hop0'), local)).url).toBe(server.url('/hop6'));
  });

  it('detects a redirect loop', async () => {
    server.route('/a', respond(302, '', { location: '/b' }));
    server.route('/b', respond(302, '', { location: '/a' }));
    const error = await fetchError(safeFetch(server.url('/a'), local));
    expect(error.code).toBe('TOO_MANY_REDIRECTS');
    expect(error.message).toMatch(/loop/);
  });

  it.each([
    ['a private address', 'http://10.0.0.1/admin', 'BLOCKED_ADDRESS'],
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/', 'BLOCKED_ADDRESS'],
    ['an IPv6 unique-local address', 'http://[fd00:ec2::254]/', 'BLOCKED_ADDRESS'],
    ['a name that resolves to a private address', 'http://intranet.example/', 'BLOCKED_ADDRESS'],
    ['a file: URL', 'file:///etc/passwd', 'INVALID_URL'],
  ])('refuses a redirect to %s', async (_what, location, code) => {
    server.route('/out', respond(302, '', { location }));
    const resolver = async () => [{ address: '192.168.1.20', family: 4 as const }];
    expect(await fetchError(safeFetch(server.url('/out'), { ...local, resolver }))).toMatchObject({ code, retryable: false });
  });
});

describe('safeFetch: SSRF guard', () => {
  it.each([
    'http://127.0.0.1/', 'http://127.1/', 'http://2130706433/', 'http://0x7f000001/', 'http://0177.0.0.1/', 'http://0x7f.0.0.1/',
    'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://localhost/', 'http://news.localhost/',
    'http://0.0.0.0/', 'http://10.0.0.1/', 'http://172.16.0.1/', 'http://192.168.0.1/', 'http://100.64.0.1/', 'http://169.254.169.254/',
    'http://2852039166/', 'http://[fd00::1]/', 'http://[fe80::1]/', 'http://224.0.0.1/', 'http://[::ffff:a9fe:a9fe]/', 'http://[64:ff9b::a9fe:a9fe]/',
  ])('refuses %s', async (url) => {
    const error = await fetchError(safeFetch(url, { robots: false, hostGate: false }));
    expect(error).toMatchObject({ code: 'BLOCKED_ADDRESS', retryable: false });
  });

  it.each(['ftp://example.com/', 'gopher://example.com/', 'javascript:alert(1)', 'http://user:pass@example.com/', 'not a url'])('refuses %s as an invalid URL', async (url) => {
    expect(await fetchError(safeFetch(url, { robots: false, hostGate: false }))).toMatchObject({ code: 'INVALID_URL', retryable: false });
  });

  it('refuses a name when any of its addresses is private', async () => {
    const resolver = async () => [
      { address: '93.184.216.34', family: 4 as const },
      { address: '10.0.0.7', family: 4 as const },
    ];
    expect((await fetchError(safeFetch('http://mixed.example/', { robots: false, hostGate: false, resolver }))).code).toBe('BLOCKED_ADDRESS');
  });

  it('connects to the address it vetted, never to a second DNS answer (no rebinding gap)', async () => {
    server.route('/pinned', respond(200, 'pinned'));
    let calls = 0;
    const resolver = async () => [{ address: calls++ === 0 ? '127.0.0.1' : '10.0.0.1', family: 4 as const }];
    const result = await safeFetch(`http://rebind.example:${server.port}/pinned`, { ...local, resolver });
    expect(Buffer.from(result.body).toString()).toBe('pinned');
    expect(calls).toBe(1);
  });
});

describe('safeFetch: limits', () => {
  it('stops a slow-drip body at the total timeout', async () => {
    server.route('/drip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await fetchError(safeFetch(server.url('/drip'), { ...local, timeoutMs: 400 }));
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('stops waiting for a server that never answers', async () => {
    server.route('/silent', () => {});
    const error = await fetchError(safeFetch(server.url('/silent'), { ...local, timeoutMs: 300 }));
    expect(error.code).toBe('TIMEOUT');
  });

  it('cuts an oversized body off at the limit instead of downloading it', async () => {
    let written = 0;
    let closedEarly = false;
    server.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const pump = () => {
        while (written < 50 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (closedEarly = written < 50 * 1024 * 1024));
      pump();
    });
    const error = await fetchError(safeFetch(server.url('/huge'), { ...local, maxBytes: 256 * 1024 }));
    expect(error).toMatchObject({ code: 'TOO_LARGE', retryable: false });
    await new Promise((r) => setTimeout(r, 50));
    expect(closedEarly).toBe(true);
    expect(written).toBeLessThan(10 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    server.route('/declared', respond(200, Buffer.alloc(300 * 1024), { 'content-type': 'text/html' }));
    expect((await fetchError(safeFetch(server.url('/declared'), { ...local, maxBytes: 100 * 1024 }))).code).toBe('TOO_LARGE');
  });

  it('refuses a gzip bomb at the decompressed-size cap', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(256 * 1024);
    server.route('/bomb', respond(200, bomb, { 'content-type': 'text/html', 'content-encoding': 'gzip' }));
    const error = await fetchError(safeFetch(server.url('/bomb'), { ...local, maxDecodedBytes: 5 * 1024 * 1024 }));
    expect(error).toMatchObject({ code: 'TOO_LARGE', retryable: false });
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('decodes %s content encoding', async (coding, compress) => {
    server.route(`/${coding}`, respond(200, compress(Buffer.from('<p>compressed</p>')), { 'content-type': 'text/html', 'content-encoding': coding }));
    const result = await safeFetch(server.url(`/${coding}`), local);
    expect(Buffer.from(result.body).toString()).toBe('<p>compressed</p>');
  });
});

describe('safeFetch: robots.txt', () => {
  it('honours Disallow for our user agent, reads robots.txt once per host, and never requests the page', async () => {
    server.route('/robots.txt', respond(200, 'User-agent: *\nDisallow: /\n\nUser-agent: syndic-bot\nDisallow: /private\nAllow: /\n', { 'content-type': 'text/plain' }));
    server.route('/public', respond(200, 'ok', { 'content-type': 'text/html' }));
    server.route('/private/page', respond(200, 'secret', { 'content-type': 'text/html' }));
    const robots = new RobotsTxtChecker();
    const options = { ...local, robots };
    expect((await safeFetch(server.url('/public'), options)).status).toBe(200);
    const error = await fetchError(safeFetch(server.url('/private/page'), options));
    expect(error).toMatchObject({ code: 'ROBOTS_DISALLOWED', retryable: false });
    expect(server.hits('/private/page')).toBe(0);
    expect(server.hits('/robots.txt')).toBe(1);
  });

  it('reads the first 512 KiB of an oversized robots.txt rather than giving up on the host', async () => {
    const big = await TestServer.start();
    const padding = `# ${'x'.repeat(1000)}\n`.repeat(600);
    big.route('/robots.txt', respond(200, `User-agent: *\nDisallow: /private\n${padding}`, { 'content-type': 'text/plain' }));
    big.route('/private', respond(200, 'no', { 'content-type': 'text/html' }));
    big.route('/public', respond(200, 'yes', { 'content-type': 'text/html' }));
    const options = { ...local, robots: new RobotsTxtChecker() };
    expect((await safeFetch(big.url('/public'), options)).status).toBe(200);
    expect(await fetchError(safeFetch(big.url('/private'), options))).toMatchObject({ code: 'ROBOTS_DISALLOWED', retryable: false });
    await big.close();
  });

  it('spaces requests to a host by its Crawl-delay', async () => {
    const paced = await TestServer.start();
    paced.route('/robots.txt', respond(200, 'User-agent: *\nCrawl-delay: 0.5\n', { 'content-type': 'text/plain' }));
    paced.route('/a', respond(200, 'a', { 'content-type': 'text/html' }));
    const options = { ...local, robots: new RobotsTxtChecker(), hostGate: new MemoryHostGate({ minDelayMs: 0 }) };
    await safeFetch(paced.url('/a'), options);
    await safeFetch(paced.url('/a'), options);
    const [first, second] = paced.requests.filter((r) => r.path === '/a').map((r) => r.startedAt);
    // Arrival at the server adds each request's connect latency to the 500 ms the gate holds.
    expect(second - first).toBeGreaterThanOrEqual(400);
    await paced.close();
  });

  it('fetches robots.txt once for a burst of requests to a cold host', async () => {
    const cold = await TestServer.start();
    cold.route('/robots.txt', async (_req, res) => {
      await new Promise((r) => setTimeout(r, 50));
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    });
    cold.route('/page', respond(200, 'ok', { 'content-type': 'text/html' }));
    const options = { ...local, robots: new RobotsTxtChecker() };
    await Promise.all(Array.from({ length: 5 }, () => safeFetch(cold.url('/page'), options)));
    expect(cold.hits('/robots.txt')).toBe(1);
    expect(cold.hits('/page')).toBe(5);
    await cold.close();
  });

  it('treats a missing robots.txt as no restriction and an erroring one as a retryable refusal', async () => {
    server.route('/page', respond(200, 'ok', { 'content-type': 'text/html' }));
    expect((await safeFetch(server.url('/page'), { ...local, robots: new RobotsTxtChecker() })).status).toBe(200);
    server.route('/robots.txt', respond(503));
    const error = await fetchError(safeFetch(server.url('/page'), { ...local, robots: new RobotsTxtChecker() }));
    expect(error).toMatchObject({ code: 'ROBOTS_DISALLOWED', retryable: true });
  });
});
