import { loadCorpus, readPageHtml } from './corpus.ts';
import { EXTRACTORS } from './extractors.ts';
const pages = loadCorpus('/work/shared/corpora/article-extraction-benchmark').map(p => ({ url: p.url, html: readPageHtml(p.id, '/work/shared/corpora/article-extraction-benchmark') }));
const ex = await EXTRACTORS.syndic();
for (let i = 0; i < 6; i++) { const t = performance.now(); for (const p of pages) ex(p); console.log('pass ms/page', ((performance.now() - t) / pages.length).toFixed(2)); }
