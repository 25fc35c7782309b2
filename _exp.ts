import { huffpostDocs, iptcDefinitionDocs, seedDocs, topLevelTopics } from './shared/classify/train/corpus.ts';
import { trainTopicModel, type TrainConfig } from './shared/classify/train/train-model.ts';
import { decodeModel, classScores } from './shared/classify/model.ts';
import { agNews, bbcNews } from './bench/classify/eval-corpora.ts';
import { scoreSet } from './bench/classify/metrics.ts';
const base: TrainConfig = { version: 'x', epochs: 8, learningRate: 0.3, l2: 1e-2, seed: 20261127, heldAsidePercent: 15, targetPrecision: 0.9, candidateTerms: 60000, keptTerms: 20000, headlinesPerArticle: 8, sourceWeight: { huffpost: 0.35, iptc: 3, seed: 10 } };
const variants: Partial<TrainConfig>[] = JSON.parse(process.argv[2] ?? '[{}]');
const docs = [...huffpostDocs(), ...iptcDefinitionDocs(), ...seedDocs()];
const sets = [bbcNews(), agNews()];
for (const v of variants) {
  const cfg = { ...base, ...v, sourceWeight: { ...base.sourceWeight, ...(v.sourceWeight ?? {}) } };
  const { artifact, heldAside } = trainTopicModel(topLevelTopics(), docs, cfg);
  const m = decodeModel(artifact);
  const out = sets.map((s) => {
    const tops = s.docs.map((d) => { const { scores: sc, articleScores: as } = classScores(m, d.title, d.text); let b = 0; sc.forEach((x, i) => { const r = Math.round(x*1000), rb = Math.round(sc[b]*1000); if (r > rb || (r === rb && as[i] > as[b])) b = i; }); return m.classes[b].code; });
    if (process.env.CONF) { const conf = new Map<string, Map<string, number>>(); s.docs.forEach((d, i) => { const mm = conf.get(d.gold) ?? new Map(); conf.set(d.gold, mm); const l = m.classes.find(c => c.code === tops[i])!.label.slice(0, 12); mm.set(l, (mm.get(l) ?? 0) + 1); }); for (const [g, mm] of conf) console.log(' ', s.name, g, JSON.stringify([...mm].sort((a, b) => b[1] - a[1]).slice(0, 6))); }
    const r = scoreSet(s, tops); return `${s.name} ${(r.top1*100).toFixed(1)}/${(r.macroF1*100).toFixed(1)}`;
  });
  console.log(JSON.stringify(v), out.join('  '), `aside ${(heldAside.top1*100).toFixed(1)} thr ${artifact.threshold}`);
}
