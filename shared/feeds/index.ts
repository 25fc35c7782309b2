export { parseFeed, type ParseFeedOptions } from './parse-feed.ts';
export type { FeedEnclosure, FeedFormat, FeedItem, ParsedFeed } from './types.ts';
export { FeedParseError, type FeedParseErrorCode } from './errors.ts';
export { canonicalizeUrl, preferredArticleUrl } from './canonicalize.ts';
export { itemIdentity, type ItemIdentity } from './item-identity.ts';
export { isOpaqueRedirector, unwrapRedirectorUrl } from './redirectors.ts';
export { discoverFeeds, feedLinks, type DiscoveryFetcher } from './discover.ts';
export { nextFeedHealth, DEFAULT_FEED_HEALTH_POLICY, type FeedHealth, type FeedHealthPolicy, type FetchOutcome } from './health.ts';
export { parseFeedDate } from './dates.ts';
