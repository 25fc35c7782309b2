import { canonicalizeUrl } from './canonicalize.ts';
import type { FeedItem } from './types.ts';

export interface ItemIdentity {
  /** Canonical URL of the entry: what a claim is keyed on. */
  url: string;
  /** The entry's own date (updated, else published), '' when it has none: a new value is a new version. */
  version: string;
}

/**
 * What makes a feed entry new: its canonical URL, and its date, so that an entry whose updated
 * date changes is processed again while a feed that reorders or re-sends entries is not.
 */
export function itemIdentity(item: Pick<FeedItem, 'url' | 'updatedAt' | 'publishedAt'>): ItemIdentity {
  return { url: canonicalizeUrl(item.url), version: item.updatedAt ?? item.publishedAt ?? '' };
}
