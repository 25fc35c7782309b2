// `syndic feeds`: the feeds the pipeline reads, their health, and adding (with autodiscovery) or removing.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { UsageError, parse } from '../args.ts';
import { openTarget } from '../target.ts';
import { canonicalizeUrl, discoverFeeds } from '../../shared/feeds/index.ts';
import { fetchSettings } from '../../shared/config.ts';
import { configuredFetcher } from '../../shared/pipeline/fetcher.ts';
import { feedId } from '../../shared/store/records.ts';
import { newFeed, parseFeedsFile, rulesOf, syncFeedsFile } from '../../shared/pipeline/feeds-file.ts';
import { FeedRulesError, parseFeedRules, type FeedRules } from '../../shared/extract/feed-rules.ts';
import type { FeedState, StateStore } from '../../shared/store/state-store.ts';

const FEEDS_FILE = fileURLToPath(new URL('../../config/feeds.json', import.meta.url));

export async function feedsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    aws: { type: 'boolean', default: false },
    profile: { type: 'string', default: 'local' },
    json: { type: 'boolean', default: false },
    content: { type: 'string' },
    remove: { type: 'string', multiple: true },
    'strip-text': { type: 'string', multiple: true },
  });
  const [action, url] = positionals;
  if (!['list', 'add', 'set', 'remove', 'sync'].includes(action ?? '')) throw new UsageError('feeds list | add <url> | set <url> | remove <url> | sync [file]');
  if (['add', 'set', 'remove'].includes(action!) && !url) throw new UsageError(`feeds ${action} needs a URL`);
  const rules = rulesFromOptions(values);
  if (action === 'set' && !rules) throw new UsageError('feeds set needs --content, --remove or --strip-text (an empty value clears it)');

  const target = await openTarget({ aws: values.aws, profile: values.profile });
  try {
    if (action === 'sync') {
      const file = parseFeedsFile(JSON.parse(await readFile(url ?? FEEDS_FILE, 'utf8')));
      const result = await syncFeedsFile(target.state, file, new Date());
      console.log(`feeds file synced: ${result.added.length} added, ${result.removed.length} removed, ${result.kept} kept, ${result.rulesChanged.length} with changed rules`);
    } else if (action === 'add') {
      const fetcher = configuredFetcher(fetchSettings());
      const found = await discoverFeeds(url!, (candidate) => fetcher(candidate, { accept: 'any' }));
      if (found.length === 0) throw new UsageError(`no feed found at ${url}`);
      if (!(await target.state.addFeed(newFeed(found[0], 'cli', new Date(), null, rules && rulesOf(rules))))) throw new UsageError(`already a feed: ${found[0]}`);
      console.log(`added ${found[0]}${found.length > 1 ? ` (also found: ${found.slice(1).join(', ')})` : ''}`);
    } else if (action === 'set') {
      const feed = await findFeed(target.state, url!);
      const merged = rulesOf({ ...feed.rules, ...rules });
      await target.state.setFeedRules(feed.id, merged ?? null);
      console.log(`rules of ${feed.url}: ${merged ? JSON.stringify(merged) : 'none'} (syndic reprocess --source ${new URL(feed.url).host} re-applies them)`);
    } else if (action === 'remove') {
      const feed = await findFeed(target.state, url!);
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
          console.log(`${status.padEnd(12)} next ${h.nextDueAt.slice(0, 16)}  ${feed.url}${feed.title ? `  (${feed.title})` : ''}${feed.rules ? '  [rules]' : ''}`);
          if (feed.rules) console.log(`${''.padEnd(12)} rules: ${JSON.stringify(feed.rules)}`);
          if (h.lastError) console.log(`${''.padEnd(12)} last error: ${h.lastError}`);
        }
      }
    }
    return 0;
  } finally {
    await target.close();
  }
}

/**
 * The rules given as options, validated; undefined when none is given. An empty value stands for
 * "none" (`--content ''` clears the content rule).
 */
export function rulesFromOptions(values: { content?: string; remove?: string[]; 'strip-text'?: string[] }): FeedRules | undefined {
  if (values.content === undefined && values.remove === undefined && values['strip-text'] === undefined) return undefined;
  const given = {
    ...(values.content !== undefined ? { content: values.content || undefined } : {}),
    ...(values.remove !== undefined ? { remove: values.remove.filter(Boolean) } : {}),
    ...(values['strip-text'] !== undefined ? { stripText: values['strip-text'].filter(Boolean) } : {}),
  };
  try {
    return parseFeedRules(given);
  } catch (error) {
    if (error instanceof FeedRulesError) throw new UsageError(error.message);
    throw error;
  }
}

async function findFeed(state: StateStore, url: string): Promise<FeedState> {
  const known = await state.listFeeds();
  const wanted = canonicalizeUrl(url);
  const feed = known.find((candidate) => candidate.url === url || canonicalizeUrl(candidate.url) === wanted || candidate.id === feedId(url));
  if (!feed) throw new UsageError(`no such feed: ${url}`);
  return feed;
}
