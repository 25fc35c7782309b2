import nlp from 'compromise';
import { bbcNews } from './bench/classify/eval-corpora.ts';
import { extractEntities } from './shared/classify/entities.ts';
const docs = bbcNews().docs.slice(0, 100);
const t0 = performance.now(); for (const d of docs) { const x = nlp(d.text); x.people().out('array'); x.places().out('array'); x.organizations().out('array'); } const t1 = performance.now();
for (const d of docs) extractEntities({ title: d.title, text: d.text, language: 'en' }); const t2 = performance.now();
for (const d of docs) nlp(d.text); const t3 = performance.now();
console.log('compromise full', ((t1 - t0) / 100).toFixed(1), 'ours', ((t2 - t1) / 100).toFixed(1), 'parse only', ((t3 - t2) / 100).toFixed(1));
