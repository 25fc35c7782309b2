// Runs the pipeline the way Lambda does, against the local AWS-compatible servers: each concurrent
// invocation in a worker process of its own (worker.ts), fed by an SQS event-source loop that receives
// with the queue's visibility timeout, deletes what the handler reports done, leaves partial batch
// failures to come back when their visibility ends (SQS counts the receive, and its redrive policy moves a
// message to the DLQ after maxReceiveCount), and kills a worker whose invocation outlives the function
// timeout. Times are scaled down by the options; the semantics are the stack's.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse } from 'aws-lambda';
import { seededRandom } from '../../shared/random.ts';
import { sqsRecord } from '../../cli/local/lambda-shapes.ts';
import { addCounts, emptyCounts } from '../pipeline/operation-counter.ts';
import { KILL_POINTS } from './aws-faults.ts';
import type { KillPoint } from './aws-faults.ts';
import type { FunctionName, Invocation, WorkerReply } from './worker.ts';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface RunnerOptions {
  env: Record<string, string>;
  seed: number;
  /** Share of invocations that get a kill point armed, or a function timeout far too short (0: none). */
  runtimeFaultRate: number;
  awsFaultRate: number;
  timeoutMs: number;
  visibilitySeconds: number;
  feedBatchSize: number;
  articleBatchSize: number;
  feedConcurrency: number;
  articleConcurrency: number;
  count: (type: string) => void;
  /** Article URLs a fetch-feed had claimed when it was killed before sending their jobs. */
  claimedByKilledFeedRead: Set<string>;
}

export interface InvocationStats {
  invocations: number;
  records: number;
  wallMs: number;
  cpuMs: number;
  waitMs: number;
  /** Bursts of AWS requests (side-by-side requests count once), for the modelled Lambda duration. */
  roundTrips: number;
  peakRssMb: number;
}

type Outcome = { ok: true; reply: Extract<WorkerReply, { result: unknown }> } | { ok: false; why: string };

/** One Lambda container: loaded once, reused until it dies. */
class Container {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private next = 0;
  private generation = 0;
  private pending: { id: number; resolve: (outcome: Outcome) => void } | undefined;

  constructor(
    private readonly name: string,
    private readonly options: RunnerOptions,
  ) {}

  private start(): Promise<void> {
    const seed = this.options.seed * 7919 + hash(this.name) * 31 + this.generation++;
    const child = fork(WORKER, [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        ...this.options.env,
        HARNESS_SEED: String(seed),
        HARNESS_AWS_FAULT_RATE: String(this.options.awsFaultRate),
        HARNESS_KILLS: this.options.runtimeFaultRate > 0 ? '1' : '0',
      },
      // HARNESS_LOGS=1 shows the handlers' structured logs (silenced otherwise).
      stdio: ['ignore', process.env.HARNESS_LOGS ? 'inherit' : 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    this.child = child;
    return new Promise<void>((resolve, reject) => {
      child.on('message', (reply: WorkerReply) => {
        if ('ready' in reply) resolve();
        else if ('fault' in reply) {
          this.options.count(reply.fault);
          for (const url of reply.urls ?? []) this.options.claimedByKilledFeedRead.add(url);
        }
        else if (this.pending && reply.id === this.pending.id) {
          const pending = this.pending;
          this.pending = undefined;
          pending.resolve('error' in reply ? { ok: false, why: reply.error } : { ok: true, reply });
        }
      });
      child.once('exit', (code, signal) => {
        this.child = undefined;
        this.ready = undefined;
        reject(new Error(`worker ${this.name} exited before it was ready (${signal ?? code}): ${stderr}`));
        const pending = this.pending;
        this.pending = undefined;
        pending?.resolve({ ok: false, why: signal === 'SIGKILL' ? 'killed' : `exited ${code ?? signal}` });
      });
    });
  }

  /** Loads the handlers (Lambda's init phase, before any message is received). */
  warm(): Promise<void> {
    this.ready ??= this.start();
    return this.ready;
  }

  async invoke(fn: FunctionName, event: unknown, timeoutMs: number, arm: KillPoint | null): Promise<Outcome> {
    this.ready ??= this.start();
    await this.ready;
    const child = this.child!;
    const id = this.next++;
    const outcome = new Promise<Outcome>((resolve) => (this.pending = { id, resolve }));
    // Lambda ends an invocation that outlives its timeout by stopping the runtime.
    const timer = setTimeout(() => {
      this.options.count('lambda-timeout');
      child.kill('SIGKILL');
    }, timeoutMs);
    child.send({ id, fn, event, timeoutMs, arm } satisfies Invocation);
    try {
      return await outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

export class Runner {
  readonly stats = new Map<FunctionName, InvocationStats>();
  /** AWS requests the handlers sent, from the invocations that returned (a killed one's are not reported). */
  readonly operations = emptyCounts();
  private readonly containers: Container[] = [];
  private readonly random: () => number;
  private stopping = false;
  private readonly inFlight = new Map<string, number>();
  private busy = 0;
  /** First time each article job was sent (by article id) and when its record was reported done. */
  readonly firstSent = new Map<string, number>();
  readonly doneAt = new Map<string, number>();
  private readonly unfired = new Set<KillPoint | 'lambda-timeout-mid-batch' | 'visibility-expired-mid-work'>();
  private pollers: Promise<void>[] = [];

  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: { feedQueueUrl: string; articleQueueUrl: string },
    private readonly options: RunnerOptions,
  ) {
    this.random = seededRandom(options.seed ^ 0x5bd1e995);
    if (options.runtimeFaultRate > 0) for (const point of [...KILL_POINTS, 'lambda-timeout-mid-batch', 'visibility-expired-mid-work'] as const) this.unfired.add(point);
  }

  /** A fault of the runtime this run still owes (each type is armed until it has happened once). */
  fired(type: string): void {
    this.unfired.delete(type as never);
  }

  private container(name: string): Container {
    const container = new Container(name, this.options);
    this.containers.push(container);
    return container;
  }

  async invokeOnce(fn: FunctionName, event: unknown): Promise<unknown> {
    const container = (this.once ??= this.container(`${fn}-once`));
    try {
      const outcome = await container.invoke(fn, event, this.options.timeoutMs, null);
      if (!outcome.ok) throw new Error(`${fn} failed: ${outcome.why}`);
      this.record(fn, 0, outcome.reply, outcome.reply.wallMs);
      return outcome.reply.result;
    } catch (error) {
      this.once = undefined;
      await container.stop();
      throw error;
    }
  }

  private once: Container | undefined;

  /** Starts the containers (init), then one poller per container, as the event source mapping's concurrency. */
  async start(): Promise<void> {
    this.stopping = false;
    const make = (fn: FunctionName, n: number) => Array.from({ length: n }, (_, i) => ({ fn, container: this.container(`${fn}-${i}`) }));
    const all = [...make('fetch-feed', this.options.feedConcurrency), ...make('process-article', this.options.articleConcurrency)];
    await Promise.all(all.map(({ container }) => container.warm()));
    this.pollers = all.map(({ fn, container }) =>
      fn === 'fetch-feed'
        ? this.poll(fn, this.queues.feedQueueUrl, this.options.feedBatchSize, container)
        : this.poll(fn, this.queues.articleQueueUrl, this.options.articleBatchSize, container),
    );
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.pollers);
    await Promise.all(this.containers.map((c) => c.stop()));
    this.containers.length = 0;
  }

  /** True when no invocation runs and both queues hold nothing visible, in flight or delayed. */
  async idle(): Promise<boolean> {
    if (this.busy > 0) return false;
    for (const url of [this.queues.feedQueueUrl, this.queues.articleQueueUrl]) {
      const { Attributes = {} } = await this.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
        }),
      );
      if (Object.values(Attributes).some((count) => Number(count) > 0)) return false;
    }
    return this.busy === 0;
  }

  private armFor(fn: FunctionName): { arm: KillPoint | null; timeoutMs: number } {
    const rate = this.options.runtimeFaultRate;
    const owed = (type: KillPoint | 'lambda-timeout-mid-batch') => this.unfired.has(type) ? Math.max(rate, 0.2) : rate;
    if (rate === 0) return { arm: null, timeoutMs: this.options.timeoutMs };
    if (fn === 'process-article' && this.random() < owed('lambda-timeout-mid-batch')) {
      this.options.count('lambda-timeout-mid-batch');
      this.fired('lambda-timeout-mid-batch');
      return { arm: null, timeoutMs: 150 };
    }
    const points: KillPoint[] = fn === 'fetch-feed' ? ['kill-fetch-feed-after-claims'] : ['kill-after-raw-before-record', 'kill-after-record-before-delete'];
    for (const point of points) if (this.random() < owed(point)) return { arm: point, timeoutMs: this.options.timeoutMs };
    return { arm: null, timeoutMs: this.options.timeoutMs };
  }

  private async poll(fn: FunctionName, queueUrl: string, batchSize: number, container: Container): Promise<void> {
    while (!this.stopping) {
      let messages: Message[];
      // A receive now and then with a visibility far shorter than the work: the message comes back to another
      // poller while this one still works on it (two workers on one message).
      const shortVisibility = this.options.runtimeFaultRate > 0 && fn === 'process-article' &&
        this.random() < (this.unfired.has('visibility-expired-mid-work') ? 0.2 : this.options.runtimeFaultRate / 2);
      try {
        ({ Messages: messages = [] } = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: batchSize,
            WaitTimeSeconds: 0,
            VisibilityTimeout: shortVisibility ? 1 : this.options.visibilitySeconds,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        ));
      } catch {
        await sleep(100); // the event source retries a failed poll
        continue;
      }
      if (messages.length === 0) {
        await sleep(150);
        continue;
      }
      this.busy++;
      try {
        await this.deliver(fn, queueUrl, messages, container, shortVisibility);
      } finally {
        this.busy--;
      }
    }
  }

  private async deliver(fn: FunctionName, queueUrl: string, messages: Message[], container: Container, shortVisibility: boolean): Promise<void> {
    for (const message of messages) {
      if (this.inFlight.has(message.MessageId!)) {
        this.options.count('visibility-expired-mid-work (seen)');
        this.fired('visibility-expired-mid-work');
      }
      this.inFlight.set(message.MessageId!, (this.inFlight.get(message.MessageId!) ?? 0) + 1);
      if (fn === 'process-article') {
        const id = articleIdOf(message.Body);
        const sent = Number(message.Attributes?.SentTimestamp ?? Date.now());
        if (id && !(this.firstSent.get(id)! <= sent)) this.firstSent.set(id, sent);
      }
    }
    if (shortVisibility) this.options.count('visibility-expired-mid-work');
    const { arm, timeoutMs } = this.armFor(fn);
    const started = Date.now();
    try {
      const outcome = await container.invoke(fn, { Records: messages.map((m) => sqsRecord(m, `arn:aws:sqs:us-east-1:000000000000:${queueUrl.split('/').pop()}`)) }, timeoutMs, arm);
      if (arm && !outcome.ok && outcome.why === 'killed') this.fired(arm);
      if (!outcome.ok) {
        if (outcome.why !== 'killed') this.options.count('handler threw');
        return; // the whole batch comes back after its visibility timeout
      }
      this.record(fn, messages.length, outcome.reply, Date.now() - started);
      const failed = new Set(((outcome.reply.result as SQSBatchResponse | undefined)?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      const done = messages.filter((m) => !failed.has(m.MessageId!));
      if (done.length === 0) return;
      try {
        await this.sqs.send(
          new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
        );
      } catch {
        // Lambda's poller gives up too: the messages come back and are processed again.
      }
      const now = Date.now();
      for (const m of done) {
        const id = fn === 'process-article' ? articleIdOf(m.Body) : null;
        if (id && !this.doneAt.has(id)) this.doneAt.set(id, now);
      }
    } finally {
      for (const message of messages) {
        const n = (this.inFlight.get(message.MessageId!) ?? 1) - 1;
        if (n <= 0) this.inFlight.delete(message.MessageId!);
        else this.inFlight.set(message.MessageId!, n);
      }
    }
  }

  private record(fn: FunctionName, records: number, reply: Extract<WorkerReply, { result: unknown }>, wallMs: number): void {
    const s = this.stats.get(fn) ?? { invocations: 0, records: 0, wallMs: 0, cpuMs: 0, waitMs: 0, roundTrips: 0, peakRssMb: 0 };
    this.stats.set(fn, s);
    s.invocations++;
    s.records += records;
    s.wallMs += Math.max(wallMs, reply.wallMs);
    s.cpuMs += reply.cpuMs;
    s.roundTrips += reply.roundTrips;
    // Records of a batch run side by side: the share of record time spent asleep is the share of the invocation.
    s.waitMs += Math.min(reply.wallMs, reply.waitMs / Math.max(1, records));
    s.peakRssMb = Math.max(s.peakRssMb, reply.rssMb);
    addCounts(this.operations, reply.ops);
  }
}

function articleIdOf(body: string | undefined): string | null {
  try {
    return (JSON.parse(body ?? '') as { articleId?: string }).articleId ?? null;
  } catch {
    return null;
  }
}
