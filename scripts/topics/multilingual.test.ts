import { describe, expect, it } from 'vitest';
import { decodeMultilingual, multilingualScores } from '../../shared/classify/multilingual.ts';
import { sibTrainingDocs, trainMultilingualModel, type MultilingualDoc } from './multilingual.ts';
import { SIB_LANGUAGES, sibSplit } from './sib200.ts';

describe('sibTrainingDocs', () => {
  const docs = sibTrainingDocs();

  it('holds SIB-200 train sentences only, none of the dev split in any language', () => {
    const train = new Set(sibSplit('eng_Latn', 'train').map((s) => s.id));
    const dev = new Set(sibSplit('eng_Latn', 'dev').map((s) => s.id));
    const sib = docs.filter((doc) => !doc.id!.startsWith('eng_14:'));
    expect(sib).toHaveLength(701 * Object.keys(SIB_LANGUAGES).length);
    expect(sib.every((doc) => train.has(doc.id!) && !dev.has(doc.id!))).toBe(true);
  });

  it('adds eng_14\'s English sentences of the classes SIB lacks, none of which is a SIB sentence', () => {
    const sibIds = new Set([...sibSplit('eng_Latn', 'train'), ...sibSplit('eng_Latn', 'dev')].map((s) => s.id));
    const finer = docs.filter((doc) => doc.id!.startsWith('eng_14:'));
    expect(finer.length).toBeGreaterThan(250);
    expect(finer.every((doc) => doc.language === 'en' && doc.labels.length === 1 && !sibIds.has(doc.id!.slice(7)))).toBe(true);
    expect(new Set(finer.map((doc) => doc.labels[0]))).toEqual(
      new Set(['medtop:04000000', 'medtop:02000000', 'medtop:03000000', 'medtop:05000000', 'medtop:12000000', 'medtop:06000000']),
    );
  });
});

const classes = [
  { code: 'medtop:15000000', label: 'sport' },
  { code: 'medtop:11000000', label: 'politics' },
];
const sport = ['match', 'goal', 'team', 'coach', 'league', 'striker', 'cup', 'final', 'season', 'stadium'];
const politics = ['election', 'vote', 'party', 'minister', 'parliament', 'law', 'senate', 'policy', 'campaign', 'cabinet'];

function syntheticDocs(): MultilingualDoc[] {
  const docs: MultilingualDoc[] = [];
  for (let i = 0; i < 60; i++) {
    const words = i % 2 === 0 ? sport : politics;
    const text = [0, 3, 7].map((k) => words[(i + k) % words.length]).join(' ');
    const labels = [classes[i % 2].code];
    docs.push({ id: String(i), language: 'aa', title: null, text, labels });
    docs.push({ id: String(i), language: 'bb', title: null, text: text.toUpperCase().split('').reverse().join(''), labels });
  }
  return docs;
}

describe('trainMultilingualModel', () => {
  const config = { version: 'test', buckets: 2 ** 10, epochs: 5, learningRate: 0.3, l2: 1e-4, seed: 1, folds: 2, targetPrecision: 0.9, projectTextWeight: 0.5 };

  it('calibrates each language on sentences scored by a model that saw them in no language', () => {
    const { artifact, report } = trainMultilingualModel(classes, syntheticDocs(), config);
    expect(artifact.languages).toEqual(['aa', 'bb']);
    expect(report.aa.sentences).toBe(60);
    expect(report.aa.outOfFoldTop1).toBeGreaterThan(0.9);
    const model = decodeMultilingual(artifact);
    const scores = multilingualScores(model, 'aa', null, 'goal striker stadium');
    expect(scores[0]).toBeGreaterThan(scores[1]);
  });

  it('is deterministic: the same inputs give the same model', () => {
    const a = trainMultilingualModel(classes, syntheticDocs(), config).artifact;
    const b = trainMultilingualModel(classes, syntheticDocs(), config).artifact;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
