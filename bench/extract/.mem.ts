import { loadCorpus } from './corpus.ts';
import { EXTRACTORS } from './extractors.ts';
const rss = () => (process.memoryUsage().rss / 1e6).toFixed(0) + 'MB rss, heap ' + (process.memoryUsage().heapUsed / 1e6).toFixed(0) + ' maxRSS ' + (process.resourceUsage().maxRSS / 1024).toFixed(0);
console.log('start', rss());
const pages = loadCorpus();
console.log('loaded', rss());
if (process.argv[2]) for (let i = 0; i < 4; i++) { for (const p of pages) EXTRACTORS.syndic(p); console.log('pass', rss()); }
