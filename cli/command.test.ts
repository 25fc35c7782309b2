// The command spec: every command's --help, and usage errors of one line naming the option (exit 2).
import { describe, expect, it, vi } from 'vitest';
import { defineCommand, parseCommandLine, renderHelp, timeValue, wholeNumber } from './command.ts';
import { COMMANDS, main } from './main.ts';
import { queryCommand } from './commands/query.ts';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  try {
    return { code: await main(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const spec = {
  name: 'demo',
  summary: 'A command for the tests.',
  arguments: { usage: '<url>', min: 1, max: 1 },
  options: {
    since: { type: 'string', value: 'D', default: '30d', defaultUnless: ['id'], check: timeValue, description: 'from' },
    id: { type: 'string', value: 'ID', description: 'one item' },
    limit: { type: 'string', value: 'N', default: '20', check: wholeNumber(1, 100), description: 'how many' },
    format: { type: 'string', value: 'F', default: 'table', choices: ['table', 'json'], description: 'output' },
    stack: { type: 'string', value: 'NAME', default: 'Syndic', env: 'DEMO_STACK', description: 'stack' },
    json: { type: 'boolean', description: 'JSON' },
  },
  examples: ['syndic demo https://example.com/'],
  run: async () => 0,
} as const;

describe('a command spec', () => {
  it('applies defaults, except one that does not go with a given option', () => {
    expect(parseCommandLine(spec, ['u']).values).toEqual({ since: '30d', id: undefined, limit: '20', format: 'table', stack: 'Syndic', json: false });
    expect(parseCommandLine(spec, ['u', '--id', 'x']).values.since).toBeUndefined();
    expect(parseCommandLine(spec, ['u', '--id', 'x', '--since', '7d']).values.since).toBe('7d');
  });

  it('reads an option from its variable before its default', () => {
    process.env.DEMO_STACK = 'Staging';
    try {
      expect(parseCommandLine(spec, ['u']).values.stack).toBe('Staging');
      expect(parseCommandLine(spec, ['u', '--stack', 'Other']).values.stack).toBe('Other');
    } finally {
      delete process.env.DEMO_STACK;
    }
  });

  it.each([
    [['u', '--limit', '0'], "--limit must be a whole number from 1 to 100, got '0'"],
    [['u', '--limit', '2.5'], "--limit must be a whole number from 1 to 100, got '2.5'"],
    [['u', '--format', 'xml'], "--format must be one of table, json, got 'xml'"],
    [['u', '--since', 'soon'], "--since must be a duration like 7d, 12h, 30m, 2w or a date like 2026-11-01, got 'soon'"],
    [['u', '--since'], '--since needs a value: from'],
    [['u', '--json=yes'], '--json takes no value'],
    [['u', '--nope'], "unknown option '--nope'; options: --since, --id, --limit, --format, --stack, --json (syndic demo --help)"],
    [[], 'needs <url> (syndic demo --help)'],
    [['u', 'v'], "unexpected argument 'v'; takes <url>"],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseCommandLine(spec, args)).toThrow(message);
  });

  it('renders usage, every option with its default and accepted values, and examples', () => {
    const help = renderHelp(spec as never);
    expect(help).toContain('usage: syndic demo <url> [options]');
    expect(help).toMatch(/--since D\s+from \(default: 30d; no default with --id\)/);
    expect(help).toMatch(/--format F\s+output \(one of table, json; default: table\)/);
    expect(help).toMatch(/--stack NAME\s+stack \(default: Syndic; or \$DEMO_STACK\)/);
    expect(help).toMatch(/-h, --help\s+show this help/);
    expect(help).toMatch(/examples:\n {2}syndic demo https:\/\/example.com\//);
  });

  it('answers --help and -h without running the command', async () => {
    const ran = vi.fn(async () => 0);
    const command = defineCommand({ ...spec, run: ran });
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await command(['--help'])).toBe(0);
      expect(await command(['--limit', 'oops', '-h'])).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(ran).not.toHaveBeenCalled();
  });
});

describe('syndic query', () => {
  it.each(['--id', '--url', '--story'])('%s works with no other flag: the 30d default of --since is not applied to it', (flag) => {
    expect(parseCommandLine(queryCommand.spec, [flag, 'https://example.com/a']).values.since).toBeUndefined();
    expect(parseCommandLine(queryCommand.spec, ['--topic', 'politics']).values.since).toBe('30d');
  });
});

describe('syndic', () => {
  it('lists every command in its help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    for (const command of COMMANDS) expect(out).toMatch(new RegExp(`^  ${command.spec.name}\\s+\\S`, 'm'));
  });

  it.each(COMMANDS.map((command) => command.spec.name))('%s --help: usage, options, an example', async (name) => {
    for (const flag of ['--help', '-h']) {
      const { code, out, err } = await run([name, flag]);
      expect(code).toBe(0);
      expect(err).toBe('');
      expect(out).toMatch(new RegExp(`^usage: syndic ${name}`));
      expect(out).toContain('\noptions:\n');
      expect(out).toMatch(new RegExp(`\nexamples:\n  syndic ${name}`));
    }
  });

  it('exits 2 with one line on an unknown command or option, or a bad value', async () => {
    for (const argv of [['nope'], ['query', '--bogus'], ['query', '--limit', '500'], ['reprocess', '--since', 'later'], ['feeds', 'lis']]) {
      const { code, out, err } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(out).toBe('');
      expect(err.split('\n')).toHaveLength(1);
      expect(err).toMatch(new RegExp(`^syndic${argv[0] === 'nope' ? '' : ` ${argv[0]}`}: `));
    }
  });

  it('exits 1 with one line on a runtime failure', async () => {
    const { code, err } = await run(['extract', '/no/such/file.html']);
    expect(code).toBe(2);
    expect(err).toBe("syndic extract: '/no/such/file.html' is neither a file nor an http(s) URL");
    const missing = await run(['feeds', 'sync', '--aws', '--stack', 'NoSuchStack']);
    expect(missing.code).toBe(1);
    expect(missing.err.split('\n')).toHaveLength(1);
    expect(missing.err).toMatch(/^syndic feeds: /);
  });
});
