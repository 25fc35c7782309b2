// Serves the sample news sites in samples/ on 127.0.0.1, routing by Host header, as a real web server
// would: content types, ETags with 304s, and the special responses listed in the manifest.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));

export interface SampleManifest {
  feeds: { url: string; title: string; format: string }[];
  routes: Record<string, { status: number }>;
  articles: {
    url: string;
    title: string;
    language: string;
    topic: string;
    mustContain: string[];
    mustNotContain: string[];
    copyOf: string | null;
  }[];
}

export interface SampleServer {
  port: number;
  /** The manifest with every {{port}} resolved to this server's port. */
  manifest: SampleManifest;
  /** Requests served so far, as 'host/path status'. */
  log: string[];
  /** Politeness as this origin saw it, per host: most requests at once, and the shortest gap between two starts. */
  politeness(): Map<string, HostPoliteness>;
  stop(): Promise<void>;
}

export interface HostPoliteness {
  requests: number;
  maxInFlight: number;
  /** Infinity for a host asked once. */
  minGapMs: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};
const TEXT_EXTENSIONS = new Set(['.html', '.xml', '.json', '.txt']);

export async function startSampleServer(options: { port?: number; dir?: string } = {}): Promise<SampleServer> {
  const dir = options.dir ?? SAMPLES_DIR;
  const rawManifest = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
  const routes = (JSON.parse(rawManifest) as SampleManifest).routes ?? {};
  const log: string[] = [];
  let port = 0;
  const hosts = new Map<string, HostPoliteness & { inFlight: number; lastStart: number }>();

  const server = createServer(async (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const seen = hosts.get(host) ?? { requests: 0, maxInFlight: 0, minGapMs: Infinity, inFlight: 0, lastStart: -Infinity };
    hosts.set(host, seen);
    const now = performance.now();
    seen.minGapMs = Math.min(seen.minGapMs, now - seen.lastStart);
    seen.lastStart = now;
    seen.requests++;
    seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
    response.on('close', () => seen.inFlight--);
    const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const routeKey = `${host}${urlPath}`;
    const respond = (status: number, headers: Record<string, string> = {}, body?: Uint8Array) => {
      log.push(`${routeKey} ${status}`);
      response.writeHead(status, headers).end(body);
    };
    const route = routes[routeKey];
    if (route) return respond(route.status, { 'content-type': 'text/plain' }, Buffer.from(`status ${route.status}`));

    const file = path.join(dir, 'sites', host, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath);
    if (!host || !file.startsWith(path.join(dir, 'sites', host))) return respond(400);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return respond(404, { 'content-type': 'text/plain' }, Buffer.from('not found'));
    }
    const extension = path.extname(file);
    if (TEXT_EXTENSIONS.has(extension)) body = withPort(body, port);
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (request.headers['if-none-match'] === etag) return respond(304, { etag });
    const contentType = file.endsWith('.cp1251.html') ? 'text/html; charset=windows-1251' : (CONTENT_TYPES[extension] ?? 'application/octet-stream');
    respond(200, { 'content-type': contentType, etag, 'content-length': String(body.length) }, body);
  });

  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    manifest: JSON.parse(rawManifest.replaceAll('{{port}}', String(port))) as SampleManifest,
    log,
    politeness: () => new Map([...hosts].map(([host, { requests, maxInFlight, minGapMs }]) => [host, { requests, maxInFlight, minGapMs }])),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Substitutes the port token byte-wise, so pages in legacy encodings (ASCII-compatible) stay intact. */
function withPort(body: Buffer, port: number): Buffer {
  const token = Buffer.from('{{port}}');
  const replacement = Buffer.from(String(port));
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(token); at !== -1; at = body.indexOf(token, from)) {
    parts.push(body.subarray(from, at), replacement);
    from = at + token.length;
  }
  parts.push(body.subarray(from));
  return Buffer.concat(parts);
}
