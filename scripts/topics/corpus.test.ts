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
    '',
    '## articles',
    'title: Club sold to investors',
    'labels: 15000000 04000000',
    'The club was sold on Monday',
    'to a group of investors.',
    '',
    'Fans protested outside the ground.',
    '---',
    'title: Derby ends level',
    'Both sides scored in the second half.',
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
    expect(docs).toHaveLength(6);
  });

  it('makes every article one example with its title and paragraphs, and its own labels when it names them', () => {
    const docs = parseSeedFile(file, 'medtop:15000000');
    expect(docs[4]).toEqual({
      title: 'Club sold to investors',
      text: 'The club was sold on Monday to a group of investors.\n\nFans protested outside the ground.',
      labels: ['medtop:15000000', 'medtop:04000000'],
      source: 'article',
    });
    expect(docs[5]).toMatchObject({ title: 'Derby ends level', labels: ['medtop:15000000'] });
  });

  it('reads a section heading even without a blank line before it', () => {
    const docs = parseSeedFile('## lexicon\ngoal\n## examples\nlabels: 11000000\nThe vote passed.', 'medtop:15000000');
    expect(docs).toEqual([
      { title: null, text: 'goal', labels: ['medtop:15000000'], source: 'seed' },
      { title: null, text: 'The vote passed.', labels: ['medtop:11000000'], source: 'seed' },
    ]);
  });

  it('refuses an article without a title and an unknown section', () => {
    expect(() => parseSeedFile('## articles\nNo title here.', 'medtop:15000000')).toThrow(/must start with "title: ..."/);
    expect(() => parseSeedFile('## notes\nx', 'medtop:15000000')).toThrow(/unknown section "## notes"/);
  });
});

describe('seedDocs', () => {
  it('covers every one of the 17 top-level topics', () => {
    const codes = new Set(seedDocs().flatMap((d) => d.labels));
    expect(codes.size).toBe(17);
  });
});
