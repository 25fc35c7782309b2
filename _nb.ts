import { huffpostDocs, topLevelTopics } from './shared/classify/train/corpus.ts';
import { trainNaiveBayes } from './bench/classify/naive-bayes.ts';
import { agNews, bbcNews } from './bench/classify/eval-corpora.ts';
import { scoreSet } from './bench/classify/metrics.ts';
const peer = trainNaiveBayes(huffpostDocs(), topLevelTopics().map((t) => t.code));
for (const s of [bbcNews(), agNews()]) { const r = scoreSet(s, s.docs.map(d => peer.rank(d.title, d.text)[0])); console.log(s.name, r.top1, r.macroF1); }
