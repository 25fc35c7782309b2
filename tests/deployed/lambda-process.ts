// One deployed function run from its bundle in a process of its own, as a Lambda container: the bundle
// loaded once from the cloud assembly, with only the environment it is given, then invoked per event.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNTIME = fileURLToPath(new URL('./lambda-runtime.mjs', import.meta.url));

export class InvocationError extends Error {
  override readonly name = 'InvocationError';
}

type Reply = { id: number; result?: unknown; error?: { name: string; message: string } } | { ready: true };

export class LambdaProcess {
  /** Everything the function wrote (its structured logs), for the failure messages. */
  readonly output: string[] = [];
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private next = 0;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(options: { name: string; file: string; exportName: string; timeoutSeconds: number; cwd: string; env: Record<string, string> }): Promise<LambdaProcess> {
    const child = fork(RUNTIME, [options.file, options.exportName, options.name, String(options.timeoutSeconds)], {
      cwd: options.cwd,
      env: options.env,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const lambda = new LambdaProcess(options.name, child);
    for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => lambda.output.push(chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new InvocationError(`${options.name} did not start (exit ${code}):\n${lambda.logTail()}`)));
      child.on('message', (reply: Reply) => {
        if ('ready' in reply) resolve();
        else lambda.settle(reply);
      });
    });
    child.removeAllListeners('exit');
    child.once('exit', (code) => {
      for (const { reject } of lambda.pending.values()) reject(new InvocationError(`${options.name} exited (${code}):\n${lambda.logTail()}`));
      lambda.pending.clear();
    });
    return lambda;
  }

  /** Runs the handler with the event; rejects with the handler's error and the function's last log lines. */
  invoke<T = unknown>(event: unknown): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, event });
    });
  }

  logTail(lines = 20): string {
    return this.output.join('').split('\n').slice(-lines).join('\n');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill();
    await exited;
  }

  private settle(reply: Exclude<Reply, { ready: true }>): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.error) waiting.reject(new InvocationError(`${this.name}: ${reply.error.name}: ${reply.error.message}\n${this.logTail()}`));
    else waiting.resolve(reply.result);
  }
}
