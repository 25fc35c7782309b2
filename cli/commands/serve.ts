// `syndic serve`: the web console on 127.0.0.1, over the local data folder or (--aws) the deployed stack.
import { spawn } from 'node:child_process';
import { TARGET_OPTIONS, defineCommand, wholeNumber } from '../command.ts';
import { openTarget } from '../target.ts';
import { consoleDeps, listen } from '../console/server.ts';

export const serveCommand = defineCommand({
  name: 'serve',
  summary: 'The web console on 127.0.0.1 (articles, stories, feeds, dead letters), until Ctrl-C.',
  options: {
    port: { type: 'string', value: 'N', default: '4790', check: wholeNumber(1, 65535), description: 'port on 127.0.0.1' },
    open: { type: 'boolean', description: 'open it in a browser' },
    ...TARGET_OPTIONS,
  },
  examples: ['syndic serve', 'syndic serve --port 8080 --open', 'syndic serve --aws --stack SyndicStaging'],
  run: async ({ values }) => serve(values),
});

async function serve(values: { port: string; open: boolean; aws: boolean; stack: string; profile: string }): Promise<number> {
  const port = Number(values.port);
  const target = await openTarget(values);
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
