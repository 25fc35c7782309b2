// `syndic feeds`: the feeds the pipeline reads, their health, and adding (with autodiscovery) or removing.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../args.ts';
import { JSON_OPTION, TARGET_OPTIONS, defineCommand } from '../command.ts';
import { startProgress } from '../progress.ts';
import type { Progress } from '../progress.ts';
import { openTarget } from '../target.ts';
import { canonicalizeUrl, discoverFeeds } from '../../shared/feeds/index.ts';
import { fetchSettings } from '../../shared/config.ts';
import { configuredFetcher } from '../../shared/pipeline/fetcher.ts';
import { feedId } from '../../shared/store/records.ts';
import { newFeed, parseFeedsFile, syncFeedsFile } from '../../shared/pipeline/feeds-file.ts';

const FEEDS_FILE = fileURLToPath(new URL('../../config/feeds.json', import.meta.url));

const ACTIONS = ['list', 'add', 'remove', 'sync'];

export const feedsCommand = defineCommand({
  name: 'feeds',
  summary: 'The feeds the pipeline reads and their health; add (finding the feed of a page), remove, or sync them with a feeds file.',
  arguments: { usage: 'list | add <url> | remove <url> | sync [file]', min: 1, max: 2 },
  options: { ...JSON_OPTION, ...TARGET_OPTIONS },
  notes: 'sync makes the feeds match config/feeds.json (or the file given), as every deploy does; feeds added by hand stay.',
  examples: ['syndic feeds list', 'syndic feeds add https://example.com/', 'syndic feeds remove https://example.com/feed.xml', 'syndic feeds sync --aws'],
  run: async ({ values, positionals }) => feeds(positionals, values),
});

async function feeds([action, url]: string[], values: { json: boolean; aws: boolean; stack: string; profile: string }): Promise<number> {
  if (!ACTIONS.includes(action)) throw new UsageError(`unknown action '${action}'; feeds list | add <url> | remove <url> | sync [file]`);
  if ((action === 'add' || action === 'remove') && !url) throw new UsageError(`feeds ${action} needs a URL`);
  if (action === 'list' && url) throw new UsageError(`feeds list takes no argument, got '${url}'`);

  const target = await openTarget(values);
  try {
    if (action === 'sync') {
      const file = parseFeedsFile(JSON.parse(await readFile(url ?? FEEDS_FILE, 'utf8')));
      let progress: Progress | undefined;
      const result = await syncFeedsFile(target.state, file, new Date(), (done, total) => {
        progress ??= startProgress('feeds synced', total, values);
        progress.tick();
      });
      progress?.done();
      console.log(values.json ? JSON.stringify(result) : `feeds file synced: ${result.added.length} added, ${result.removed.length} removed, ${result.kept} kept`);
    } else if (action === 'add') {
      const fetcher = configuredFetcher(fetchSettings());
      const found = await discoverFeeds(url!, (candidate) => fetcher(candidate, { accept: 'any' }));
      if (found.length === 0) throw new UsageError(`no feed found at ${url}`);
      if (!(await target.state.addFeed(newFeed(found[0], 'cli', new Date())))) throw new UsageError(`already a feed: ${found[0]}`);
      console.log(`added ${found[0]}${found.length > 1 ? ` (also found: ${found.slice(1).join(', ')})` : ''}`);
    } else if (action === 'remove') {
      const known = await target.state.listFeeds();
      const wanted = canonicalizeUrl(url!);
      const feed = known.find((candidate) => candidate.url === url || canonicalizeUrl(candidate.url) === wanted || candidate.id === feedId(url!));
      if (!feed) throw new UsageError(`no such feed: ${url}`);
      await target.state.removeFeed(feed.id);
      console.log(`removed ${feed.url}`);
    } else {
      const feeds = await target.state.listFeeds();
      if (values.json) console.log(JSON.stringify(feeds, null, 2));
      else if (feeds.length === 0) console.log('no feeds yet: syndic feeds add <url>, or npm start for the samples');
      else {
        for (const feed of feeds) {
          const h = feed.health;
          const status = h.paused ? 'PAUSED' : h.consecutiveFailures > 0 ? `FAILING x${h.consecutiveFailures}` : 'ok';
          console.log(`${status.padEnd(12)} next ${h.nextDueAt.slice(0, 16)}  ${feed.url}${feed.title ? `  (${feed.title})` : ''}`);
          if (h.lastError) console.log(`${''.padEnd(12)} last error: ${h.lastError}`);
        }
      }
    }
    return 0;
  } finally {
    await target.close();
  }
}
