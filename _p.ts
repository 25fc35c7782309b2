import { bbcNews } from './bench/classify/eval-corpora.ts';
import { topicModel } from './shared/classify/topics.ts';
import { articleTerms, contentWords, featureVector } from './shared/classify/text-features.ts';
import { articleLogits } from './shared/classify/model.ts';
const docs = bbcNews().docs; const m = topicModel();
const time = (name: string, f: (d: typeof docs[0]) => unknown) => { for (let r = 0; r < 2; r++) { const t = performance.now(); for (const d of docs) f(d); if (r) console.log(name, ((performance.now() - t) / docs.length).toFixed(3)); } };
time('contentWords', (d) => contentWords(d.text.slice(0, 6000)));
time('articleLogits', (d) => articleLogits(m, d.title, d.text));
console.log('avg chars', docs.reduce((s, d) => s + Math.min(6000, d.text.length), 0) / docs.length);
