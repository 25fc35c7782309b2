// A burst of 30 article jobs for one host, through the real handlers against the local servers: the jobs
// wait for their host's turns in the queue, never inside a function for longer than a short moment, spend
// no delivery attempt while waiting and never reach the dead-letter queue because of it; the host still
// sees at most two requests at once, one second apart.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { drainQueue } from '../../cli/local/event-source.ts';
import { ARTICLE_QUEUE } from '../../shared/store/definitions.ts';
import type { Outcome } from '../../functions/runtime.ts';
import { enqueueArticles, newsPage } from '../support/article-queue.ts';

const JOBS = 30;
let server: Server;
let port: number;
const starts: number[] = [];
let inFlight = 0;
let maxInFlight = 0;
let env: LocalEnvironment;
let retries = 0;
/** What the handler logged when it gave a message back to SQS to be retried (it spends an attempt). */
const retried: string[] = [];
const outcomes: Extract<Outcome, { kind: 'article' }>[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    starts.push(Date.now());
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    response.on('close', () => inFlight--);
    const match = /^\/story\/(\d+)\.html$/.exec(request.url ?? '');
    if (!match) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    // A little server time, so that two requests can overlap if the gate let them.
    setTimeout(() => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(newsPage(Number(match[1]))), 30);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  // A long fetch timeout: on a crowded machine, three batches of extraction in one process can starve a
  // fetch of CPU for seconds. The gate's own limits, not the timeout, are what this test is about.
  env = await openLocalEnvironment({ settings: { SYNDIC_ALLOW_LOOPBACK: 'true', SYNDIC_FETCH_TIMEOUT_MS: '60000', POWERTOOLS_LOG_LEVEL: 'WARN' } });
  // All at once, as a burst from another producer would arrive: nothing spread them out beforehand.
  await enqueueArticles(env, Array.from({ length: JOBS }, (_, n) => `http://busy-host.localhost:${port}/story/${n}.html`));
  const runtime = await import('../../functions/runtime.ts');
  const processArticle = await import('../../functions/process-article/handler.ts');
  const stop = runtime.onOutcome((event) => {
    if (event.kind === 'article') outcomes.push(event);
  });
  // Warnings go to stderr, other levels to stdout (Powertools' console): watch both.
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write.bind(stream));
  streams.forEach((stream, i) => {
    stream.write = ((chunk: string | Uint8Array, ...rest: []) => {
      if (String(chunk).includes('article will be retried')) retried.push(String(chunk));
      return writes[i](chunk, ...rest);
    }) as typeof stream.write;
  });
  try {
    // Batches run side by side, as Lambda's event source mapping runs concurrent invocations.
    retries = (await drainQueue(env.aws.sqs, env.config.articleQueueUrl, processArticle.handler, ARTICLE_QUEUE)).failed;
  } finally {
    stop();
    streams.forEach((stream, i) => (stream.write = writes[i]));
  }
}, 600_000);

afterAll(async () => {
  await env?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('30 article jobs for one host at once', () => {
  it('stores every article, none failed or dead-lettered', async () => {
    expect(outcomes.filter((o) => o.outcome.status === 'dead-lettered')).toEqual([]);
    expect(outcomes.filter((o) => o.outcome.status === 'stored')).toHaveLength(JOBS);
    const { Messages = [] } = await env.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: env.config.articleDlqUrl, MaxNumberOfMessages: 10 }));
    expect(Messages).toEqual([]);
  });

  it('spends no delivery attempt on waiting: no message goes back to SQS for want of a host turn', () => {
    // Other transient failures (a fetch starved of CPU on a crowded machine) may be retried; waiting never is.
    expect(retried.filter((line) => /within the wait limit|RATE_LIMITED|HOST_BUSY/.test(line))).toEqual([]);
    expect(retries).toBe(retried.length);
    for (const o of outcomes) if (o.outcome.status === 'handed-back') expect(o.attempt).toBeLessThanOrEqual(1 + retried.length);
  });

  it('waits in the queue: jobs were handed back with a delay instead of waiting in the function', () => {
    const handedBack = outcomes.filter((o) => o.outcome.status === 'handed-back');
    expect(handedBack.length).toBeGreaterThan(0);
    for (const o of handedBack) expect(o.outcome).toMatchObject({ delaySeconds: expect.any(Number) });
  });

  it('keeps the politeness limits: at most two requests in flight, starts a second apart', () => {
    expect(starts.length).toBeGreaterThanOrEqual(JOBS);
    expect(maxInFlight).toBeLessThanOrEqual(2);
    const sorted = [...starts].sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((t, i) => t - sorted[i]);
    // Turns are granted 1000 ms apart; on a crowded machine a request's own connect time may shift one
    // arrival by a few hundred ms, which the next gap gives back: the span cannot shrink.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(500);
    expect(sorted[sorted.length - 1] - sorted[0]).toBeGreaterThanOrEqual((sorted.length - 1) * 1000 * 0.97);
  });
});
