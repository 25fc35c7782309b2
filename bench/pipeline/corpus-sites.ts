// The 181-page, 20-host case of issue 18: the extraction benchmark's pages (data/extraction-benchmark) spread round-robin over
// twenty local news sites (host-01.localhost ... host-20.localhost), each with an RSS feed listing its
// pages, served on 127.0.0.1 by the sample server. Nothing leaves the machine.
//
//   npx tsx bench/pipeline/corpus-sites.ts [--port 4818] [--hosts 20] [--corpus DIR] [--dir OUT]
//
// Prints the feed URLs (one a line) and serves until interrupted.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSampleServer } from '../../cli/local/sample-server.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS_CANDIDATES = [path.join(REPO, 'data/extraction-benchmark')];

export interface CorpusSites {
  dir: string;
  /** Feed URLs with {{port}} left in, resolved by the server. */
  feedPaths: string[];
}

/** Writes sites/<host>/feed.xml and sites/<host>/a/<name>.html under `dir`, plus an empty manifest. */
export function buildCorpusSites(corpus: string, dir: string, hosts: number): CorpusSites {
  const pages = readdirSync(path.join(corpus, 'html')).filter((name) => name.endsWith('.html.gz')).sort();
  rmSync(dir, { recursive: true, force: true });
  const byHost = Array.from({ length: hosts }, () => [] as string[]);
  pages.forEach((page, i) => byHost[i % hosts].push(page));
  const feedPaths: string[] = [];
  byHost.forEach((names, h) => {
    const host = `host-${String(h + 1).padStart(2, '0')}.localhost`;
    const site = path.join(dir, 'sites', host);
    mkdirSync(path.join(site, 'a'), { recursive: true });
    const items = names.map((name, i) => {
      const file = name.replace(/\.gz$/, '');
      writeFileSync(path.join(site, 'a', file), gunzipSync(readFileSync(path.join(corpus, 'html', name))));
      const date = new Date(Date.UTC(2026, 10, 20, 8, i)).toUTCString();
      return `<item><title>Article ${i + 1}</title><link>http://${host}:{{port}}/a/${file}</link><guid>${file}</guid><pubDate>${date}</pubDate></item>`;
    });
    writeFileSync(
      path.join(site, 'feed.xml'),
      `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${host}</title><link>http://${host}:{{port}}/</link>\n${items.join('\n')}\n</channel></rss>\n`,
    );
    feedPaths.push(`http://${host}:{{port}}/feed.xml`);
  });
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ feeds: [], routes: {}, articles: [] }));
  return { dir, feedPaths };
}

export function findCorpus(explicit?: string): string {
  const found = [explicit, ...CORPUS_CANDIDATES].find((candidate) => candidate && existsSync(path.join(candidate, 'html')));
  if (!found) throw new Error(`no extraction benchmark corpus found (tried ${CORPUS_CANDIDATES.join(', ')}); pass --corpus DIR`);
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const argv = process.argv.slice(2);
  const option = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sites = buildCorpusSites(findCorpus(option('corpus')), option('dir') ?? path.join(os.tmpdir(), `syndic-corpus-sites-${process.pid}`), Number(option('hosts') ?? 20));
  const server = await startSampleServer({ dir: sites.dir, port: Number(option('port') ?? 0) });
  for (const feed of sites.feedPaths) console.log(feed.replace('{{port}}', String(server.port)));
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
