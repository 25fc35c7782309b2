import { describe, expect, it } from 'vitest';
import { parseSeedFile, seedDocs } from './corpus.ts';

describe('parseSeedFile', () => {
  const file = [
    '# comment lines are ignored',
    '',
    '## lexicon',
    'goal, striker, penalty',
    'wicket, innings',
    '',
    '## examples',
    'The striker scored twice.',
    'The home side won.',
    '',
    'labels: 11000000 16000000',
    'Ministers met as the ceasefire held.',
  ].join('\n');

  it('makes every lexicon line one example of the file topic', () => {
    const docs = parseSeedFile(file, 'medtop:15000000');
    expect(docs.slice(0, 2).map((d) => d.text)).toEqual(['goal, striker, penalty', 'wicket, innings']);
    expect(docs[0].labels).toEqual(['medtop:15000000']);
  });

  it('makes every example paragraph one example, with its own labels when it names them', () => {
    const docs = parseSeedFile(file, 'medtop:15000000');
    expect(docs[2]).toMatchObject({ text: 'The striker scored twice. The home side won.', labels: ['medtop:15000000'] });
    expect(docs[3]).toMatchObject({ labels: ['medtop:11000000', 'medtop:16000000'] });
    expect(docs).toHaveLength(4);
  });
});

describe('seedDocs', () => {
  it('covers every one of the 17 top-level topics', () => {
    const codes = new Set(seedDocs().flatMap((d) => d.labels));
    expect(codes.size).toBe(17);
  });
});
