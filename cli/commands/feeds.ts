// `syndic feeds`: the feeds the pipeline reads, their health, and adding (with autodiscovery) or removing.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../args.ts';
import { JSON_OPTION, TARGET_OPTIONS, defineCommand, type OptionSpecs } from '../command.ts';
import { startProgress } from '../progress.ts';
import type { Progress } from '../progress.ts';
import { openTarget } from '../target.ts';
import { canonicalizeUrl, discoverFeeds } from '../../shared/feeds/index.ts';
import { fetchSettings } from '../../shared/config.ts';
import { configuredFetcher } from '../../shared/pipeline/fetcher.ts';
import { feedId } from '../../shared/store/records.ts';
import { newFeed, parseFeedsFile, rulesOf, syncFeedsFile } from '../../shared/pipeline/feeds-file.ts';
import { FeedRulesError, parseFeedRules, type FeedRules } from '../../shared/extract/feed-rules.ts';
import type { FeedState, StateStore } from '../../shared/store/state-store.ts';

const FEEDS_FILE = fileURLToPath(new URL('../../config/feeds.json', import.meta.url));

/** A feed's extraction rules as options, shared by `feeds add|set` and `extract`. */
export const RULE_OPTIONS = {
  content: { type: 'string', value: 'SEL', description: "CSS selector of the article body (scoring stays inside what it matches); '' clears it" },
  remove: { type: 'string', multiple: true, value: 'SEL', description: 'CSS selector of blocks removed before scoring' },
  'strip-text': { type: 'string', multiple: true, value: 'TEXT', description: "a phrase (or ^anchored pattern) removed from the text" },
} as const satisfies OptionSpecs;

const ACTIONS = ['list', 'add', 'set', 'remove', 'sync'];
const ACTION_USAGE = 'list | add <url> | set <url> | remove <url> | sync [file]';

export const feedsCommand = defineCommand({
  name: 'feeds',
  summary: 'The feeds the pipeline reads and their health; add (finding the feed of a page), remove, or sync them with a feeds file.',
  arguments: { usage: ACTION_USAGE, min: 1, max: 2 },
  options: { ...RULE_OPTIONS, ...JSON_OPTION, ...TARGET_OPTIONS },
  notes:
    'sync makes the feeds match config/feeds.json (or the file given), as every deploy does; feeds added by hand stay.\n' +
    "add and set take a feed's extraction rules (docs/extraction.md); an empty value clears a rule.",
  examples: [
    'syndic feeds list',
    'syndic feeds add https://example.com/',
    "syndic feeds set https://example.com/feed.xml --remove '.related-stories' --strip-text 'The post appeared first on'",
    'syndic feeds remove https://example.com/feed.xml',
    'syndic feeds sync --aws',
  ],
  run: async ({ values, positionals }) => feeds(positionals, values),
});

async function feeds(
  [action, url]: string[],
  values: { content?: string; remove: string[]; 'strip-text': string[]; json: boolean; aws: boolean; stack: string; profile: string },
): Promise<number> {
  if (!ACTIONS.includes(action)) throw new UsageError(`unknown action '${action}'; feeds ${ACTION_USAGE}`);
  if (['add', 'set', 'remove'].includes(action) && !url) throw new UsageError(`feeds ${action} needs a URL`);
  if (action === 'list' && url) throw new UsageError(`feeds list takes no argument, got '${url}'`);
  const rules = rulesFromOptions(values);
  if (action === 'set' && !rules) throw new UsageError('feeds set needs --content, --remove or --strip-text (an empty value clears it)');

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
      console.log(values.json ? JSON.stringify(result) : `feeds file synced: ${result.added.length} added, ${result.removed.length} removed, ${result.kept} kept, ${result.rulesChanged.length} with changed rules`);
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
  const { content, remove = [], 'strip-text': stripText = [] } = values;
  if (content === undefined && remove.length === 0 && stripText.length === 0) return undefined;
  const given = {
    ...(content !== undefined ? { content: content || undefined } : {}),
    ...(remove.length > 0 ? { remove: remove.filter(Boolean) } : {}),
    ...(stripText.length > 0 ? { stripText: stripText.filter(Boolean) } : {}),
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
