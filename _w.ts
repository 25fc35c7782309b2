import { topicModel, scoreTopics } from './shared/classify/topics.ts';
import { featureVector, termCounts } from './shared/classify/text-features.ts';
import { agNews } from './bench/classify/eval-corpora.ts';
const m = topicModel(); const K = m.classes.length; const terms = [...m.vocabulary.keys()];
const [gold, wrong] = process.argv.slice(2);
const gi = m.classes.findIndex(c => c.code === 'medtop:13000000'); const wi = m.classes.findIndex(c => c.code === wrong);
const agg = new Map<string, number>();
let n = 0;
for (const d of agNews().docs.filter(d => d.gold === gold)) {
  if (scoreTopics({ title: d.title, text: d.text, language: 'en' })[0].code !== wrong) continue; n++;
  const { indices, values } = featureVector(termCounts(d.title, d.text), m.vocabulary);
  indices.forEach((ix, j) => { const c = values[j] * (m.weights[ix*K+wi] - m.weights[ix*K+gi]) * m.weightScale; agg.set(terms[ix], (agg.get(terms[ix]) ?? 0) + c); });
}
console.log(n, [...agg].sort((a,b)=>b[1]-a[1]).slice(0,60).map(([t,v])=>`${t}:${v.toFixed(0)}`).join(' '));
