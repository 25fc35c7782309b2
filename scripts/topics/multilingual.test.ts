import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMultilingual, multilingualScores } from '../../shared/classify/multilingual.ts';
import { topLevelTopics } from './corpus.ts';
import { lexiconDocs, sibTrainingDocs, trainMultilingualModel, type MultilingualDoc } from './multilingual.ts';
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

describe('lexiconDocs', () => {
  it('gives every language but English examples of each of the 17 topics, a few terms each', () => {
    const docs = lexiconDocs();
    const codes = topLevelTopics().map((t) => t.code);
    const others = Object.keys(SIB_LANGUAGES).filter((l) => l !== 'en').sort();
    expect([...new Set(docs.map((d) => d.language))].sort()).toEqual(others);
    for (const language of others) {
      for (const code of codes) {
        expect(docs.filter((d) => d.language === language && d.labels[0] === code).length, `${language} ${code}`).toBeGreaterThanOrEqual(4);
      }
    }
    expect(docs.every((d) => d.id === null && d.lexicon && d.labels.length === 1 && d.text.split(', ').length <= 4)).toBe(true);
  });

  it('cuts a lexicon line into examples of four terms', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lexicon-'));
    writeFileSync(path.join(dir, 'de.txt'), '# German\n15000000: Fußball, Tor, Trainer, Liga, Stadion, Olympische Spiele\n');
    expect(lexiconDocs(dir).map((d) => [d.language, d.labels[0], d.text])).toEqual([
      ['de', 'medtop:15000000', 'Fußball, Tor, Trainer, Liga'],
      ['de', 'medtop:15000000', 'Stadion, Olympische Spiele'],
    ]);
  });

  it('names the file and the line that is not "<code>: terms"', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lexicon-'));
    writeFileSync(path.join(dir, 'de.txt'), '# German\n04000000: Wirtschaft, Börse\nSport: Fußball\n');
    expect(() => lexiconDocs(dir)).toThrow('de.txt: a lexicon line is "<8-digit code>: terms", not "Sport: Fußball"');
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
  const config = { version: 'test', buckets: 2 ** 10, epochs: 5, learningRate: 0.3, l2: 1e-4, seed: 1, folds: 2, targetPrecision: 0.9, projectTextWeight: 0.5, lexiconWeight: 1 };

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
