import { loadCorpus, readPageHtml } from './corpus.ts';
import { EXTRACTORS } from './extractors.ts';
const dir = '/work/shared/corpora/article-extraction-benchmark';
const m = () => { const u = process.memoryUsage(); return `rss ${(u.rss/1e6).toFixed(0)} heap ${(u.heapUsed/1e6).toFixed(0)}/${(u.heapTotal/1e6).toFixed(0)} ext ${(u.external/1e6).toFixed(0)} max ${(process.resourceUsage().maxRSS/1024).toFixed(0)}`; };
const pages = loadCorpus(dir);
console.log('start', m());
const ex = await EXTRACTORS.syndic();
console.log('imported', m());
let big = 0;
for (let i = 0; i < 3; i++) { for (const p of pages) { const html = readPageHtml(p.id, dir); ex({ url: p.url, html }); const r = process.memoryUsage().rss; if (r > big) { big = r; } } console.log('pass', m(), 'peak seen', (big/1e6).toFixed(0)); }
