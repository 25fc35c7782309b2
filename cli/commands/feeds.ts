// `syndic feeds`: the feeds the pipeline reads, their health, and adding (with autodiscovery) or removing.
import { UsageError, parse } from '../args.ts';
import { openTarget } from '../target.ts';
import { canonicalizeUrl, discoverFeeds } from '../../shared/feeds/index.ts';
import { fetchSettings } from '../../shared/config.ts';
import { configuredFetcher } from '../../shared/pipeline/fetcher.ts';
import { feedId } from '../../shared/store/records.ts';
import { registerFeeds } from '../local/local-flow.ts';

export async function feedsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    aws: { type: 'boolean', default: false },
    profile: { type: 'string', default: 'local' },
    json: { type: 'boolean', default: false },
  });
  const [action, url] = positionals;
  if (!['list', 'add', 'remove'].includes(action ?? '')) throw new UsageError('feeds list | feeds add <url> | feeds remove <url>');
  if (action !== 'list' && !url) throw new UsageError(`feeds ${action} needs a URL`);

  const target = await openTarget({ aws: values.aws, profile: values.profile });
  try {
    if (action === 'add') {
      const fetcher = configuredFetcher(fetchSettings());
      const found = await discoverFeeds(url!, (candidate) => fetcher(candidate, { accept: 'any' }));
      if (found.length === 0) throw new UsageError(`no feed found at ${url}`);
      await registerFeeds(target.state, [found[0]], new Date());
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
