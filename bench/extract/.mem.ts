import { loadCorpus, readPageHtml } from './corpus.ts';
import { EXTRACTORS } from './extractors.ts';
const rss = () => (process.memoryUsage().rss / 1e6).toFixed(0) + 'MB rss, heap ' + (process.memoryUsage().heapUsed / 1e6).toFixed(0) + '/' + (process.memoryUsage().heapTotal / 1e6).toFixed(0) + ' ext ' + (process.memoryUsage().external / 1e6).toFixed(0) + ' ab ' + (process.memoryUsage().arrayBuffers / 1e6).toFixed(0) + ' maxRSS ' + (process.resourceUsage().maxRSS / 1024).toFixed(0);
console.log('start', rss());
const pages = loadCorpus('/work/shared/corpora/article-extraction-benchmark').map(p => ({ ...p, html: readPageHtml(p.id, '/work/shared/corpora/article-extraction-benchmark') }));
console.log('loaded', rss());
const ex = await EXTRACTORS.syndic();
console.log('imported', rss());
for (let i = 0; i < 4; i++) { for (const p of pages) ex(p); console.log('pass', rss()); }
