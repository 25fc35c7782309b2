// Redirectors that carry their target in a query parameter can be unwrapped without a request.
const PARAM_REDIRECTORS: { host: RegExp; path: RegExp; param: string }[] = [
  { host: /^(www\.)?google\.[a-z.]+$/, path: /^\/url$/, param: 'q' },
  { host: /^(www\.)?google\.[a-z.]+$/, path: /^\/url$/, param: 'url' },
  { host: /^news\.google\.com$/, path: /^\/news\/url$/, param: 'url' },
  { host: /^(l|lm)\.facebook\.com$/, path: /^\/l\.php$/, param: 'u' },
  { host: /^out\.reddit\.com$/, path: /^\//, param: 'url' },
];

// Redirectors whose target is only known by following the redirect (safeFetch does, and reports the final URL).
const OPAQUE_REDIRECTORS = [/^feedproxy\.google\.com$/, /^feeds\.feedburner\.com$/, /^news\.google\.com$/, /^t\.co$/, /^(www\.)?bit\.ly$/];

/** The target of a known redirector link that names it in its query; the input otherwise. */
export function unwrapRedirectorUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return input;
  }
  const host = url.hostname.toLowerCase();
  const embedded = host === 'news.google.com' ? googleNewsTarget(url.pathname) : null;
  if (embedded) return embedded;
  for (const r of PARAM_REDIRECTORS) {
    const target = r.host.test(host) && r.path.test(url.pathname) ? url.searchParams.get(r.param) : null;
    if (target && /^https?:\/\//i.test(target)) return unwrapRedirectorUrl(target);
  }
  return input;
}

/** True for links that only redirect elsewhere: fetch them and keep the final URL. */
export function isOpaqueRedirector(input: string): boolean {
  try {
    const host = new URL(input).hostname.toLowerCase();
    return OPAQUE_REDIRECTORS.some((re) => re.test(host));
  } catch {
    return false;
  }
}

/**
 * Google News RSS links (news.google.com/rss/articles/<id>) of the older kind carry the article URL
 * inside the id, a base64url protobuf: read it out. Newer ids are opaque and stay as they are.
 */
function googleNewsTarget(pathname: string): string | null {
  const id = /^\/(?:rss\/)?articles\/([A-Za-z0-9_-]+)/.exec(pathname)?.[1];
  if (!id) return null;
  const decoded = Buffer.from(id, 'base64url').toString('latin1');
  const url = /https?:\/\/[\x21-\x7e]+/.exec(decoded)?.[0];
  if (!url) return null;
  // The string field's length byte precedes it; trust it over the printable run, which may run on.
  const start = decoded.indexOf(url);
  const length = decoded.charCodeAt(start - 1);
  const exact = length > 0 && length <= url.length ? url.slice(0, length) : url;
  try {
    return new URL(exact).href;
  } catch {
    return null;
  }
}
