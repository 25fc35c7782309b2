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
