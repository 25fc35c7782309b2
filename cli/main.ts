// Entry point of the `syndic` command: picks the subcommand and turns errors into one clear line.
import { startCommand } from './commands/start.ts';
import { ingestCommand } from './commands/ingest.ts';
import { queryCommand } from './commands/query.ts';
import { extractCommand } from './commands/extract.ts';
import { feedsCommand } from './commands/feeds.ts';
import { reprocessCommand } from './commands/reprocess.ts';
import { costCommand } from './commands/cost.ts';
import { serveCommand } from './commands/serve.ts';
import { UsageError } from './args.ts';

const USAGE = `usage: syndic <command> [options]

commands:
  start [--json] [--verbose]          run the whole pipeline locally over the sample sites
  ingest <feed-or-article-url>...     ingest feeds or single articles into the local data (or --aws)
  query [filters] [--format F]        read stored articles (--topic, --source, --since, --until, --id,
                                      --url, --story, --language, --limit, --all, --format table|json|ndjson)
  extract <url-or-file> [--json]      show what the extractor makes of one page
  feeds list|add <url>|remove <url>   manage the feeds (local data, or --aws)
  feeds sync [file]                   make the feeds match config/feeds.json (as a deploy does)
  reprocess [--since D] [--until D] [--source S] [--dry-run]
                                      rebuild records from the raw archive after an upgrade
  cost [--articles-per-month N] [--json]  what ingesting N articles a month costs on AWS, line by line
  serve [--port 4790] [--aws] [--open] the web console on 127.0.0.1 (articles, stories, feeds, dead letters)

Local commands keep their data in .syndic/<profile> (--profile, default 'local'); --aws uses the
deployed stack named by the SYNDIC_* variables (see README).`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  start: startCommand,
  ingest: ingestCommand,
  query: queryCommand,
  extract: extractCommand,
  feeds: feedsCommand,
  reprocess: reprocessCommand,
  cost: costCommand,
  serve: serveCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name && name !== '--help' && name !== '-h' ? `syndic: unknown command '${name}'\n\n${USAGE}` : USAGE);
    return name && name !== '--help' && name !== '-h' ? 2 : 0;
  }
  try {
    return await command(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`syndic ${name}: ${error.message}`);
      return 2;
    }
    const code = (error as { code?: string }).code;
    console.error(`syndic ${name}: ${(error as Error).name}${code ? ` ${code}` : ''}: ${(error as Error).message}`);
    return 1;
  }
}
