// Every `syndic` command line that README.md and docs/*.md show is run here, through bin/syndic.js as a
// user runs it, after a real local run (`syndic start`) whose data fills the placeholders (<id>, <url>,
// <file>). A command that exits non-zero or prints an error fails the test, and so does a documented
// command line this file does not know how to run.
//
// Run differently, each for its reason:
// - `npm start` / `syndic start`: run once, first, as the local run every other command reads (the
//   sample sites on a free port instead of 4780, so the port in a documented command is replaced too).
// - `--aws` commands: against a "deployed" stack on this machine (tests/support/local-stack.ts), found
//   by name as in AWS: DescribeStacks (and the state machine and schedule calls) on a control-plane stub,
//   the tables, bucket and queues on the local AWS-compatible servers. No SYNDIC_* variable is set.
// - https://example.com/ in a documented command stands for any site: it is replaced by a sample site
//   on 127.0.0.1 (tests send traffic only to loopback), with SYNDIC_ALLOW_LOOPBACK for that command.
// - `syndic serve` runs until stopped: it is started on a free port, its first page must answer 200,
//   and SIGTERM must end it with exit code 0.
// - Synopses (`syndic query [filters] ...`, with [ ] | ... or a placeholder this file cannot fill) are
//   not command lines: each is checked against the command's spec (the command and every option exist).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/main.ts';
import { startSampleServer } from '../../cli/local/sample-server.ts';
import type { SampleServer } from '../../cli/local/sample-server.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';
import { startLocalStack } from '../support/local-stack.ts';
import type { LocalStack } from '../support/local-stack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCUMENTED_PORT = '4780';
const COMMAND_TIMEOUT_MS = 180_000;

interface Mention {
  where: string;
  text: string;
  inline: boolean;
}

/** Every `syndic` / `npx syndic` command in code blocks (one a line) and inline code of the docs. */
export function documentedCommands(files: string[]): Mention[] {
  const mentions: Mention[] = [];
  for (const file of files) {
    let fenced = false;
    readFileSync(path.join(ROOT, file), 'utf8').split('\n').forEach((line, index) => {
      const where = `${file}:${index + 1}`;
      if (/^\s*```/.test(line)) {
        fenced = !fenced;
        return;
      }
      if (fenced) {
        const command = line.replace(/^\s*\$\s+/, '').replace(/\s+#.*$/, '').trim();
        if (/^(npx )?syndic(\s|$)/.test(command)) mentions.push({ where, text: command, inline: false });
        return;
      }
      for (const [, code] of line.matchAll(/`([^`]+)`/g)) {
        const text = code.replace(/\\\|/g, '|').trim();
        if (/^(npx )?syndic(\s|$)/.test(text)) mentions.push({ where, text, inline: true });
      }
    });
  }
  return mentions;
}

const DOC_FILES = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const FILLABLE = ['<id>', '<url>', '<file>'];

function isSynopsis(text: string): boolean {
  return /[[\]|]|\.\.\./.test(text) || (text.match(/<[^>]+>/g) ?? []).some((placeholder) => !FILLABLE.includes(placeholder));
}

/** The words of a command line, honouring quotes. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function syndic(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin/syndic.js'), ...args], { cwd: ROOT, env, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
    });
  });
}

/** Starts a long-running `syndic serve`, asks its first page, stops it with SIGTERM. */
function serveOnce(args: string[], env: Record<string, string | undefined>, port: number): Promise<Run & { status: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/syndic.js'), ...args, '--port', String(port)], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    let status = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS - 5000);
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.stdout.on('data', async (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = stdout.match(/syndic console on (http:\/\/127\.0\.0\.1:\d+\/?)/)?.[1];
      if (!url || status !== 0) return;
      status = -1;
      status = (await fetch(url).catch(() => ({ status: -2 }))).status;
      child.kill('SIGTERM');
    });
    child.on('error', reject).on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, status });
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const mentions = documentedCommands(DOC_FILES);
const synopses = mentions.filter((mention) => isSynopsis(mention.text));
const commandLines = [...new Set(mentions.filter((mention) => !isSynopsis(mention.text)).map((mention) => mention.text.replace(/^npx /, '')))];
const isStart = (line: string) => /^syndic start(\s|$)/.test(line);
const localLines = commandLines.filter((line) => !isStart(line) && !words(line).includes('--aws'));
const awsLines = commandLines.filter((line) => words(line).includes('--aws'));

describe('the commands the docs show', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'syndic-documented-'));
  // A user's shell: no endpoint, table or queue variable inherited from the test runner.
  const userEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SYNDIC_') && !key.startsWith('AWS_ENDPOINT_URL')));
  let port = 0;
  let localEnv: Record<string, string | undefined> = {};
  let start: Run;
  let fill: Record<string, string> = {};
  let samples: SampleServer | undefined;
  let stack: LocalStack | undefined;

  beforeAll(async () => {
    port = await freePort();
    localEnv = { ...userEnv, SYNDIC_DATA_DIR: dataDir, SYNDIC_SAMPLES_PORT: String(port), AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };
    start = await syndic(['start', '--json'], localEnv);
    const stored = await syndic(['query', '--since', '3650d', '--limit', '100', '--format', 'ndjson'], localEnv);
    const records = stored.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as ArticleRecord);
    const copy = records.find((record) => record.duplicateOf) ?? records[0];
    if (copy) fill = { '<id>': copy.id, '<url>': copy.url, '<file>': 'samples/sites/daily-planet.localhost/index.html' };
  }, 600_000);

  afterAll(async () => {
    await samples?.stop();
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('are found: the quick start, the command table and the deploy section', () => {
    expect(commandLines).toEqual(expect.arrayContaining(['syndic query --limit 5', 'syndic query --story <id>', 'syndic doctor', 'syndic doctor --aws']));
    expect(synopses.map((mention) => mention.text)).toEqual(expect.arrayContaining(['syndic feeds sync [file]']));
  });

  it('npm start (syndic start) runs the local flow', () => {
    expect(start.stderr).toBe('');
    expect(start.code).toBe(0);
    const summary = JSON.parse(start.stdout.trim().split('\n').at(-1)!) as { stored: number };
    expect(summary.stored).toBeGreaterThan(0);
    expect(Object.keys(fill)).toEqual(FILLABLE);
    // The local run above is `syndic start --json`: a documented start with other options would go unrun.
    expect(commandLines.filter(isStart).filter((line) => line !== 'syndic start')).toEqual([]);
  });

  it.each(synopses.map((mention) => [mention.where, mention.text] as const))('%s: synopsis `%s` matches the command', (_where, text) => {
    const [, name, ...rest] = words(text.replace(/^npx /, ''));
    const command = COMMANDS.find((candidate) => candidate.spec.name === name);
    expect(command, `no command '${name}'`).toBeDefined();
    for (const flag of rest.join(' ').match(/--[a-z][a-z-]*/g) ?? []) {
      expect(Object.keys(command!.spec.options), `${text}: ${flag}`).toContain(flag.slice(2));
    }
  });

  it.each(localLines)('%s', async (line) => {
    const args = words(line.replace(/<id>|<url>|<file>/g, (placeholder) => fill[placeholder]).replaceAll(`:${DOCUMENTED_PORT}`, `:${port}`)).slice(1);
    if (args[0] === 'serve') {
      const served = await serveOnce(args, localEnv, await freePort());
      expect(served.status, line).toBe(200);
      expect(served.stderr, line).toBe('');
      expect(served.code, line).toBe(0);
      return;
    }
    const result = await syndic(args, localEnv);
    expect(result.stderr, line).toBe('');
    expect(result.code, line).toBe(0);
  }, COMMAND_TIMEOUT_MS);

  describe('against a deployed stack found by its name', () => {
    beforeAll(async () => {
      samples = await startSampleServer({ port });
      stack = await startLocalStack('Syndic');
      stack.controlPlane.state.stacks.SyndicStaging = stack.outputs;
    });

    // In the order the docs give them, on one stack, as a user runs them (feeds add before ingest).
    it.each(awsLines)('%s', async (line) => {
      const args = words(line.replaceAll('https://example.com/', `http://daily-planet.localhost:${port}/`)).slice(1);
      // Any service the stack does not stand in for goes to a closed port, never to AWS.
      const env = { ...userEnv, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', ...stack!.env, SYNDIC_ALLOW_LOOPBACK: line.includes('example.com') ? 'true' : undefined };
      const before = stack!.controlPlane.calls.length;
      const result = await syndic(args, env);
      expect(result.stderr, line).toBe('');
      expect(result.code, line).toBe(0);
      const stackName = args.includes('--stack') ? args[args.indexOf('--stack') + 1] : 'Syndic';
      expect(stack!.controlPlane.calls.slice(before), line).toContain(`DescribeStacks ${stackName}`);
    }, COMMAND_TIMEOUT_MS);
  });
});
