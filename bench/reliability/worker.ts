// One Lambda container of the harness: a child process that loads the real handlers once and runs the
// invocations its runner sends over IPC. It can be killed at any moment (SIGKILL), by the runner (a
// function timeout) or by itself at an armed kill point; AWS faults are injected into its clients.
//
// Messages in:  { id, fn, event, timeoutMs, arm }      out: { ready } | { id, result, rssMb, cpuMs, activeMs } | { id, error } | { fault }
import type { Context } from 'aws-lambda';
import { clients } from '../../shared/aws/clients.ts';
import { hostWaitTotals } from '../../shared/fetch/index.ts';
import { seededRandom } from '../../shared/random.ts';
import { lambdaContext } from '../../cli/local/lambda-shapes.ts';
import { invocation, OperationCounter } from '../pipeline/operation-counter.ts';
import type { OperationCounts } from '../pipeline/operation-counter.ts';
import { AWS_FAULTS, injectAwsFaults } from './aws-faults.ts';
import type { AwsFault, KillPoint } from './aws-faults.ts';

export type FunctionName = 'dispatch-feeds' | 'fetch-feed' | 'process-article';

export interface Invocation {
  id: number;
  fn: FunctionName;
  event: unknown;
  timeoutMs: number;
  arm: KillPoint | null;
}

export type WorkerReply =
  | { ready: true }
  | { fault: string; urls?: string[] }
  | { id: number; result: unknown; rssMb: number; cpuMs: number; wallMs: number; waitMs: number; roundTrips: number; ops: OperationCounts }
  | { id: number; error: string };

const send = (message: WorkerReply) => new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()));

const rate = Number(process.env.HARNESS_AWS_FAULT_RATE ?? '0');
let armed: KillPoint | null = null;
if (rate > 0 || process.env.HARNESS_KILLS === '1') {
  injectAwsFaults(clients(), {
    rate,
    random: seededRandom(Number(process.env.HARNESS_SEED ?? '1')),
    fired: (type, urls) => send({ fault: type, urls }),
    armed: () => armed,
    types: rate > 0 ? (AWS_FAULTS as readonly AwsFault[]) : [],
  });
}

// Every AWS request the handlers send (retries included), counted below the SDK for the cost figures.
const counter = new OperationCounter();
counter.attachDynamo(clients().dynamo);
counter.attachS3(clients().s3);
counter.attachSqs(clients().sqs);

const silence = process.env.HARNESS_LOGS !== '1';
if (silence) process.stdout.write = (() => true) as typeof process.stdout.write;

const handlers = {
  'dispatch-feeds': (await import('../../functions/dispatch-feeds/handler.ts')).handler as (event: unknown, context: Context) => Promise<unknown>,
  'fetch-feed': (await import('../../functions/fetch-feed/handler.ts')).handler as (event: unknown, context: Context) => Promise<unknown>,
  'process-article': (await import('../../functions/process-article/handler.ts')).handler as (event: unknown, context: Context) => Promise<unknown>,
};

process.on('message', async (message: Invocation) => {
  armed = message.arm;
  const [started, cpuBefore, waitedBefore] = [performance.now(), process.cpuUsage(), hostWaitTotals.ms];
  try {
    const scope = { inFlight: 0, roundTrips: 0 };
    const result = await invocation.run(scope, () => handlers[message.fn](message.event, lambdaContext(Date.now() + message.timeoutMs, message.fn)));
    const cpu = process.cpuUsage(cpuBefore);
    await send({
      id: message.id,
      result,
      rssMb: process.memoryUsage().rss / 2 ** 20,
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - started,
      waitMs: hostWaitTotals.ms - waitedBefore,
      roundTrips: scope.roundTrips,
      ops: counter.reset(),
    });
  } catch (error) {
    await send({ id: message.id, error: String((error as Error)?.stack ?? error) });
  } finally {
    armed = null;
  }
});
await send({ ready: true });
