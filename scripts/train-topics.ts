// Trains the IPTC topic model from licence-clean text only (HuffPost headlines CC BY 4.0, the IPTC
// vocabulary CC BY 4.0, and the project's own seed text), with GloVe word vectors (PDDL 1.0) carrying
// what it learns over to words that text never used, and writes the committed artifact.
// `npm run train:topics -- --check` writes nothing: it exits 1 unless the retrained model is byte for
// byte the committed one (CI runs it, so the shipped model is always rebuilt from what the repo holds).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { huffpostDocs, iptcDefinitionDocs, seedDocs, topLevelTopics } from './topics/corpus.ts';
import { trainTopicModel, type TrainConfig } from './topics/train-model.ts';
import { loadWordVectors } from './topics/word-vectors.ts';

const config: TrainConfig = {
  version: 'iptc-lr-2026.11.4',
  epochs: 8,
  learningRate: 0.3,
  l2: 1e-2,
  seed: 20261127,
  heldAsidePercent: 15,
  targetPrecision: 0.9,
  candidateTerms: 60_000,
  keptTerms: 20_000,
  headlinesPerArticle: 8,
  sourceWeight: { huffpost: 0.35, iptc: 3, seed: 10 },
  wordVectorL2: 1e-4,
};
const wordVectorOptions = { maxWords: 60_000, sifA: 1e-3 };

const output = fileURLToPath(new URL('../shared/classify/model/iptc-topics.json', import.meta.url));
const started = performance.now();
const docs = [...huffpostDocs(), ...iptcDefinitionDocs(), ...seedDocs()];
const { artifact, heldAside } = trainTopicModel(topLevelTopics(), docs, config, loadWordVectors(wordVectorOptions));
const bytes = `${JSON.stringify(artifact)}\n`;
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
if (process.argv.includes('--check')) {
  const committed = sha1(readFileSync(output, 'utf8'));
  const rebuilt = sha1(bytes);
  console.log(`train:topics --check: committed ${committed}, rebuilt ${rebuilt}: ${committed === rebuilt ? 'identical' : 'DIFFERENT'}`);
  process.exit(committed === rebuilt ? 0 : 1);
}
writeFileSync(output, bytes);
console.log(
  JSON.stringify(
    {
      version: artifact.version,
      vocabulary: artifact.vocabulary.split('\n').length,
      training: artifact.training,
      calibration: artifact.calibration,
      threshold: artifact.threshold,
      heldAside,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    },
    null,
    2,
  ),
);
