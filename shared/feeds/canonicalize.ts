import { unwrapRedirectorUrl } from './redirectors.ts';

// Parameters that only say where a click came from; the page is the same without them.
const TRACKING_PREFIXES = ['utm_', 'mtm_', 'pk_', 'ns_', '_hs', 'hsa_', 'oly_', 'vero_'];
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'igsh', 'mc_cid', 'mc_eid', 'mkt_tok', '_ga', '_gl', '__hstc', '__hssc', '__hsfp', 'hsctatracking',
  'xtor', 'ito', 'ocid', 'smid', 'cmpid', 'ncid', 'sr_share', 'spm', 'rss', 'ref_src', 'ref_url', 'wt.mc_id',
  'wt.tsrc', 's_cid', 'icid', 'soc_src', 'soc_trk', 'at_medium', 'at_campaign', 'at_custom1', 'at_custom2',
]);

function isTracking(rawKey: string): boolean {
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return false;
  }
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/**
 * The URL an article is known by: redirector wrappers with the target in the query unwrapped,
 * scheme and host lowercased, default port, fragment and tracking parameters dropped, remaining
 * parameters sorted by name (stable, their encoding untouched). Throws TypeError for an invalid URL.
 */
export function canonicalizeUrl(input: string): string {
  const url = new URL(unwrapRedirectorUrl(input.trim()));
  url.hash = '';
  const pairs = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(pair.split('=')[0]))
    .map((pair) => ({ pair, key: pair.split('=')[0] }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  url.search = pairs.length > 0 ? `?${pairs.map((p) => p.pair).join('&')}` : '';
  return url.href;
}

const siteOf = (host: string) => host.replace(/^www\./, '');
const sameSite = (a: string, b: string) => {
  const x = siteOf(a);
  const y = siteOf(b);
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
};

/**
 * The URL an article is stored under once its page is fetched: the page's <link rel="canonical">
 * when it is plausible, else the final URL after redirects; canonicalized either way. Plausible
 * means http(s) on the same site (a cross-site canonical would file a syndicated copy under the
 * original's URL) and not the home page of an article that is not itself the home page (a common
 * CMS bug).
 */
export function preferredArticleUrl(finalUrl: string, canonicalHref: string | null | undefined): string {
  const final = new URL(finalUrl);
  let canonical: URL | null = null;
  try {
    canonical = canonicalHref?.trim() ? new URL(canonicalHref.trim(), final) : null;
  } catch {
    canonical = null;
  }
  const plausible =
    canonical !== null &&
    /^https?:$/.test(canonical.protocol) &&
    sameSite(canonical.hostname, final.hostname) &&
    !(canonical.pathname === '/' && !canonical.search && final.pathname !== '/');
  return canonicalizeUrl(plausible && canonical ? canonical.href : final.href);
}
