// AWS-side faults, injected below the SDK: the clients' HTTP request handler is wrapped so that a chosen
// request is answered with a throttle or a 5xx the service could have sent (the SDK parses it and its own
// retry strategy runs), or is sent for real and then loses its reply (the server applied the write, the
// SDK sees a reset connection and retries into a ConditionalCheckFailed or an overwrite of the same bytes).
// Kill points end the worker process with SIGKILL at a chosen place of the handler's work.
import { Readable } from 'node:stream';
import type { AwsClients } from '../../shared/aws/clients.ts';

export const AWS_FAULTS = [
  'dynamo-throttle',
  'dynamo-500',
  'dynamo-conditional-reply-lost',
  's3-slowdown-503',
  's3-500',
  's3-reply-lost',
  'sqs-send-error',
] as const;
export const EVENT_SOURCE_FAULTS = ['sqs-receive-error', 'sqs-delete-error'] as const;
export const KILL_POINTS = ['kill-after-raw-before-record', 'kill-after-record-before-delete', 'kill-fetch-feed-after-claims'] as const;

export type AwsFault = (typeof AWS_FAULTS)[number] | (typeof EVENT_SOURCE_FAULTS)[number];
export type KillPoint = (typeof KILL_POINTS)[number];

interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}
interface WireResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Readable;
}
interface RequestHandler {
  handle(request: WireRequest, options?: unknown): Promise<{ response: WireResponse }>;
}

export interface FaultControl {
  /** Chance that one eligible request fails with each fault. */
  rate: number;
  random: () => number;
  /** Called when a fault is injected (before a kill, so the count survives the process). */
  fired: (type: string, urls?: string[]) => Promise<void> | void;
  /** The kill point armed for the current invocation, if any: the first place it applies, the process dies. */
  armed: () => KillPoint | null;
  /** Types left out of this process (the event source's faults live in the runner). */
  types: readonly AwsFault[];
}

function reply(statusCode: number, body: string, headers: Record<string, string>): { response: WireResponse } {
  return { response: { statusCode, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers }, body: Readable.from([Buffer.from(body)]) } };
}

const json = (type: string) => ({ 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': type });
const s3Error = (code: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected</Message><RequestId>fault</RequestId></Error>`;

function replyLost(): Error {
  return Object.assign(new Error('socket hang up (injected: the server applied the request, its reply was lost)'), { code: 'ECONNRESET' });
}

/** Sends the process SIGKILL once the parent has the fault notice. */
async function die(control: FaultControl, point: KillPoint, urls?: string[]): Promise<never> {
  await control.fired(point, urls);
  process.kill(process.pid, 'SIGKILL');
  return new Promise<never>(() => {});
}

function bodyText(request: WireRequest): string {
  const body = request.body;
  if (typeof body === 'string') return body;
  return body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') : '';
}

function wrap(client: { config: { requestHandler: unknown } }, decide: (request: WireRequest, send: () => Promise<{ response: WireResponse }>) => Promise<{ response: WireResponse }>): void {
  const handler = client.config.requestHandler as RequestHandler;
  const original = handler.handle.bind(handler);
  handler.handle = (request, options) => decide(request, () => original(request, options));
}

/** The article URLs of the jobs a SendMessage(Batch) request carries. */
function jobUrls(body: string): string[] {
  const request = JSON.parse(body) as { MessageBody?: string; Entries?: { MessageBody: string }[] };
  const bodies = request.Entries?.map((entry) => entry.MessageBody) ?? [request.MessageBody ?? '{}'];
  return bodies.map((job) => (JSON.parse(job) as { url?: string }).url ?? '').filter(Boolean);
}

/** Wraps the handlers' clients (the ones functions/runtime.ts hands out). Inert unless called. */
export function injectAwsFaults(aws: AwsClients, control: FaultControl): void {
  const pick = (type: AwsFault) => control.types.includes(type) && control.random() < control.rate;

  wrap(aws.dynamo as never, async (request, send) => {
    const target = request.headers['x-amz-target'] ?? '';
    const body = bodyText(request);
    const isRecordPut = target.endsWith('.PutItem') && body.includes('"sk":{"S":"RECORD"}');
    if (isRecordPut && control.armed() === 'kill-after-raw-before-record') return die(control, 'kill-after-raw-before-record');
    if (pick('dynamo-throttle')) {
      await control.fired('dynamo-throttle');
      return reply(400, '{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"injected"}', json('ProvisionedThroughputExceededException'));
    }
    if (pick('dynamo-500')) {
      await control.fired('dynamo-500');
      return reply(500, '{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"injected"}', json('InternalServerError'));
    }
    const conditional = /\.(PutItem|UpdateItem)$/.test(target) && body.includes('"ConditionExpression"');
    if (conditional && pick('dynamo-conditional-reply-lost')) {
      const { response } = await send();
      response.body.resume();
      if (response.statusCode === 200) {
        await control.fired('dynamo-conditional-reply-lost');
        throw replyLost();
      }
      return { response };
    }
    const result = await send();
    if (isRecordPut && result.response.statusCode === 200 && control.armed() === 'kill-after-record-before-delete') {
      result.response.body.resume();
      return die(control, 'kill-after-record-before-delete');
    }
    return result;
  });

  wrap(aws.s3 as never, async (request, send) => {
    if (request.method !== 'PUT') return send();
    if (pick('s3-slowdown-503')) {
      await control.fired('s3-slowdown-503');
      return reply(503, s3Error('SlowDown'), { 'content-type': 'application/xml' });
    }
    if (pick('s3-500')) {
      await control.fired('s3-500');
      return reply(500, s3Error('InternalError'), { 'content-type': 'application/xml' });
    }
    if (pick('s3-reply-lost')) {
      const { response } = await send();
      response.body.resume();
      await control.fired('s3-reply-lost');
      throw replyLost();
    }
    return send();
  });

  wrap(aws.sqs as never, async (request, send) => {
    const target = request.headers['x-amz-target'] ?? '';
    if (/\.SendMessage(Batch)?$/.test(target)) {
      // fetch-feed sends article jobs after claiming their URLs: dying here leaves claims without jobs.
      if (control.armed() === 'kill-fetch-feed-after-claims' && bodyText(request).includes('syndic-articles"')) {
        return die(control, 'kill-fetch-feed-after-claims', jobUrls(bodyText(request)));
      }
      if (pick('sqs-send-error')) {
        await control.fired('sqs-send-error');
        return reply(500, '{"__type":"com.amazonaws.sqs#InternalError","message":"injected"}', json('InternalError'));
      }
    }
    return send();
  });
}

/**
 * The event source's own SQS faults (receive and delete), in the runner process. A failed delete fails
 * every retry of that one call, so the message really comes back: a redelivery.
 */
export function injectEventSourceFaults(sqs: AwsClients['sqs'], control: Omit<FaultControl, 'armed'> & { on: () => boolean }): void {
  const failing = new Set<string>();
  const pick = (type: AwsFault) => control.on() && control.types.includes(type) && control.random() < control.rate;
  wrap(sqs as never, async (request, send) => {
    const target = request.headers['x-amz-target'] ?? '';
    const invocation = request.headers['amz-sdk-invocation-id'] ?? '';
    const fail = async (type: AwsFault) => {
      await control.fired(type);
      return reply(500, '{"__type":"com.amazonaws.sqs#InternalError","message":"injected"}', json('InternalError'));
    };
    if (target.endsWith('.ReceiveMessage') && pick('sqs-receive-error')) return fail('sqs-receive-error');
    if (target.endsWith('.DeleteMessageBatch')) {
      if (failing.has(invocation)) return reply(500, '{"__type":"com.amazonaws.sqs#InternalError","message":"injected"}', json('InternalError'));
      if (pick('sqs-delete-error')) {
        failing.add(invocation);
        return fail('sqs-delete-error');
      }
    }
    return send();
  });
}
