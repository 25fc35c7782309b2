import { loadCorpus, readPageHtml } from './corpus.ts';
import { parseHtml } from '../../shared/extract/parse.ts';
import { extractArticle } from '../../shared/extract/index.ts';
const dir = '/work/shared/corpora/article-extraction-benchmark';
const pages = loadCorpus(dir).map(p => ({ url: p.url, html: readPageHtml(p.id, dir) }));
const texts = pages.map(p => p.html.toString('utf8'));
const cpu = (f: () => void) => { const b = process.cpuUsage(); f(); const d = process.cpuUsage(b); return (d.user + d.system) / 1000; };
let bp = Infinity, be = Infinity;
for (let r = 0; r < 6; r++) {
  bp = Math.min(bp, cpu(() => { for (const t of texts) parseHtml(t); }));
  be = Math.min(be, cpu(() => { for (const p of pages) extractArticle(p.html, p.url, { contentType: 'text/html' }); }));
}
console.log('parse ms/page', (bp / pages.length).toFixed(3), 'extract ms/page', (be / pages.length).toFixed(3));
