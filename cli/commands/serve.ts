// `syndic serve`: the web console on 127.0.0.1, over the local data folder or (--aws) the deployed stack.
import { spawn } from 'node:child_process';
import { UsageError, parse } from '../args.ts';
import { openTarget } from '../target.ts';
import { consoleDeps, listen } from '../console/server.ts';

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string', default: '4790' },
    aws: { type: 'boolean', default: false },
    open: { type: 'boolean', default: false },
    profile: { type: 'string', default: 'local' },
  }, false);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError('--port must be a whole number from 1 to 65535');

  const target = await openTarget({ aws: values.aws, profile: values.profile });
  try {
    const running = await listen(await consoleDeps(target), port);
    console.log(`syndic console on ${running.url} (${values.aws ? 'the deployed stack' : `local data, profile ${values.profile}`}); Ctrl-C stops it`);
    if (values.open) openBrowser(running.url);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await running.close();
    return 0;
  } finally {
    await target.close();
  }
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(command, [url], { stdio: 'ignore', detached: true })
    .on('error', () => console.log(`could not start a browser (${command}); open ${url} yourself`))
    .unref();
}
