// The harness's two commands as a user runs them: --help, a wrong option (one line, exit 2), and a small
// faults-off load run whose --json line carries the figures issue 18 names.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const npm = (script: string, args: string[]) => run('npm', ['run', '--silent', script, '--', ...args], { maxBuffer: 64 * 2 ** 20, timeout: 240_000 });

describe('the load harness commands', () => {
  it('print their options with --help and exit 0', async () => {
    for (const script of ['bench:reliability', 'bench:pipeline']) {
      const { stdout } = await npm(script, ['--help']);
      expect(stdout).toMatch(new RegExp(`^usage: npm run ${script} -- .*--articles N`));
    }
  }, 60_000);

  it('refuse a wrong option in one line with exit code 2', async () => {
    const error = await npm('bench:reliability', ['--articles', 'many']).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('runs a small faults-off load run and ends with one JSON object of its figures', async () => {
    const { stdout } = await npm('bench:pipeline', ['--articles', '8', '--hosts', '2', '--json']);
    const figures = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(figures).toMatchObject({ articles: 8, stored: 8, lost: 0 });
    for (const key of ['articlesPerSecond', 'activeMsPerArticle', 'billedMsPerArticle', 'costPer1MArticlesUsd']) {
      expect(typeof figures[key], key).toBe('number');
    }
    expect(figures.costPer1MArticlesUsd).toBeGreaterThan(0);
  }, 240_000);
});
