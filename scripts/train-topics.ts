// Trains the IPTC topic models. The English model from licence-clean text only (HuffPost headlines CC BY 4.0, the IPTC
// vocabulary CC BY 4.0, and the project's own seed text), with GloVe word vectors (PDDL 1.0) carrying
// what it learns over to words that text never used; the multilingual model from SIB-200's train
// sentences in 15 languages (CC BY-SA 4.0, so that model ships under it), the project's English text and its
// topic lexicons in the 14 other languages.
// `npm run train:topics -- --check` writes nothing: it exits 1 unless every retrained model is byte for
// byte the committed ones (CI runs it, so the shipped model is always rebuilt from what the repo holds).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { huffpostDocs, iptcDefinitionDocs, seedDocs, topLevelTopics } from './topics/corpus.ts';
import { lexiconDocs, projectDocs, sibTrainingDocs, trainMultilingualModel, type MultilingualConfig } from './topics/multilingual.ts';
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

// The model for the other 14 languages (and short English text): CC BY-SA 4.0, as it learns from SIB-200.
const multilingualConfig: MultilingualConfig = {
  version: 'iptc-ml-2026.12.2',
  buckets: 2 ** 17,
  epochs: 6,
  learningRate: 0.3,
  l2: 1e-4,
  seed: 20261208,
  folds: 2,
  targetPrecision: 0.9,
  projectTextWeight: 0.5,
  lexiconWeight: 3,
};

const modelFile = (name: string) => fileURLToPath(new URL(`../shared/classify/model/${name}`, import.meta.url));
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const check = process.argv.includes('--check');
let different = 0;

/** Writes a model file, or under --check compares it with the committed one. */
function emit(name: string, artifact: unknown, summary: Record<string, unknown>): void {
  const file = modelFile(name);
  const bytes = `${JSON.stringify(artifact)}\n`;
  if (check) {
    const committed = sha1(readFileSync(file, 'utf8'));
    const rebuilt = sha1(bytes);
    if (committed !== rebuilt) different++;
    console.log(`train:topics --check ${name}: committed ${committed}, rebuilt ${rebuilt}: ${committed === rebuilt ? 'identical' : 'DIFFERENT'}`);
    return;
  }
  writeFileSync(file, bytes);
  console.log(JSON.stringify({ file: name, ...summary }, null, 2));
}

let started = performance.now();
const seconds = () => Math.round((performance.now() - started) / 100) / 10;
const seed = seedDocs();
const english = trainTopicModel(topLevelTopics(), [...huffpostDocs(), ...iptcDefinitionDocs(), ...seed], config, loadWordVectors(wordVectorOptions));
emit('iptc-topics.json', english.artifact, {
  version: english.artifact.version,
  vocabulary: english.artifact.vocabulary.split('\n').length,
  training: english.artifact.training,
  calibration: english.artifact.calibration,
  threshold: english.artifact.threshold,
  heldAside: english.heldAside,
  seconds: seconds(),
});
started = performance.now();
const multilingual = trainMultilingualModel(topLevelTopics(), [...sibTrainingDocs(), ...projectDocs(seed), ...lexiconDocs()], multilingualConfig);
emit('multilingual/iptc-multilingual.json', multilingual.artifact, {
  version: multilingual.artifact.version,
  training: multilingual.artifact.training,
  byLanguage: multilingual.report,
  seconds: seconds(),
});
if (check) process.exit(different === 0 ? 0 : 1);
