// Entry point of the `syndic` command: picks the subcommand and turns errors into one clear line
// (usage errors exit 2, anything else 1). Each command's options and help live in its spec (cli/command.ts).
import { startCommand } from './commands/start.ts';
import { ingestCommand } from './commands/ingest.ts';
import { queryCommand } from './commands/query.ts';
import { extractCommand } from './commands/extract.ts';
import { feedsCommand } from './commands/feeds.ts';
import { reprocessCommand } from './commands/reprocess.ts';
import { dlqCommand } from './commands/dlq.ts';
import { costCommand } from './commands/cost.ts';
import { serveCommand } from './commands/serve.ts';
import { doctorCommand } from './commands/doctor.ts';
import type { Command } from './command.ts';
import { UsageError } from './args.ts';

export const COMMANDS: Command[] = [startCommand, ingestCommand, queryCommand, extractCommand, feedsCommand, reprocessCommand, dlqCommand, doctorCommand, serveCommand, costCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.spec.name.length));
  return [
    'usage: syndic <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((command) => `  ${command.spec.name.padEnd(width)}  ${command.spec.summary}`),
    '',
    "Local commands keep their data in .syndic/<profile> (--profile, default 'local'); --aws uses the deployed",
    "stack named by --stack (default $SYNDIC_STACK, then 'Syndic') with your usual AWS credentials and region.",
    'syndic <command> --help shows its options, their defaults and examples.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((command) => command.spec.name === args[0]) : undefined;
    return topic ? topic(['--help']) : (console.log(usage()), 0);
  }
  const command = COMMANDS.find((candidate) => candidate.spec.name === name);
  if (!command) {
    console.error(`syndic: unknown command '${name}'; commands: ${COMMANDS.map((c) => c.spec.name).join(', ')} (syndic --help)`);
    return 2;
  }
  try {
    return await command(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`syndic ${name}: ${error.message}`);
      return 2;
    }
    const code = (error as { code?: string }).code;
    const message = (error as Error).message.replace(/\s*\n\s*/g, '; ');
    console.error(`syndic ${name}: ${(error as Error).name}${code ? ` ${code}` : ''}: ${message}`);
    return 1;
  }
}
