import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyCustomTopics, CustomTopicsError, loadCustomTopics } from './custom-topics.ts';
import type { Entities } from './entities.ts';
import { termPattern } from './text-match.ts';

const noEntities: Entities = { people: [], places: [], organizations: [] };
const topics = (...list: unknown[]) => ({ version: 1, topics: list });
const apply = (file: unknown, text: string, language: string | null = 'en', entities = noEntities) =>
  applyCustomTopics(loadCustomTopics(file), { title: null, text, language, entities });

describe('loadCustomTopics validation', () => {
  function errorOf(value: unknown): CustomTopicsError {
    try {
      loadCustomTopics(value);
    } catch (error) {
      return error as CustomTopicsError;
    }
    throw new Error('expected the topics file to be rejected');
  }

  it('names the JSON path of an invalid regular expression', () => {
    const error = errorOf(topics({ id: 'x', label: 'X', rules: [{ type: 'keyword', terms: ['a'] }, { type: 'regex', pattern: '(' }] }));
    expect(error).toBeInstanceOf(CustomTopicsError);
    expect(error.issues[0].path).toBe('topics[0].rules[1].pattern');
    expect(error.message).toMatch(/topics\[0\]\.rules\[1\]\.pattern: Invalid regular expression/);
  });

  it('rejects unknown rule types, unknown keys and multi-word keywords', () => {
    const error = errorOf(
      topics({ id: 'x', label: 'X', rules: [{ type: 'fuzzy', terms: ['a'] }, { type: 'keyword', terms: ['two words'] }], colour: 'red' }),
    );
    const paths = error.issues.map((i) => i.path);
    expect(paths).toContain('topics[0].rules[0].type');
    expect(paths).toContain('topics[0].rules[1].terms[0]');
    expect(error.message).toMatch(/colour/);
  });

  it('rejects duplicate ids and malformed language codes', () => {
    const rule = { type: 'keyword', terms: ['a'] };
    const error = errorOf(
      topics({ id: 'x', label: 'X', rules: [rule] }, { id: 'x', label: 'Y', rules: [{ ...rule, languages: ['english'] }] }),
    );
    expect(error.issues.map((i) => i.path)).toEqual(['topics[1].rules[0].languages[0]', 'topics[1].id']);
  });

  it('reports unreadable JSON with its source', () => {
    expect(() => loadCustomTopics('{"version": 1,')).toThrow(/invalid custom topics \(JSON text\)/);
    expect(() => loadCustomTopics('/nonexistent/topics.json')).toThrow(/\/nonexistent\/topics\.json/);
  });

  it('accepts the example file shipped in config/', () => {
    const file = fileURLToPath(new URL('../../config/topics.json', import.meta.url));
    expect(loadCustomTopics(file).topics.map((t) => t.id)).toEqual(['energy-exports', 'russia-china-relations']);
  });
});

describe('termPattern', () => {
  it('matches whole words case-insensitively, phrases across any spacing', () => {
    expect('Gas and GAS, gaslight'.match(termPattern('gas'))).toEqual(['Gas', 'GAS']);
    expect('gas\n exports'.match(termPattern('gas exports'))).toHaveLength(1);
  });
  it('treats a trailing * as any word ending', () => {
    expect('export, exports and exported; reexport'.match(termPattern('export*'))).toEqual(['export', 'exports', 'exported']);
  });
  it('finds words in scripts without ASCII letters', () => {
    expect('Экспорт газа в Китай'.match(termPattern('газа'))).toHaveLength(1);
  });
});

describe('applyCustomTopics', () => {
  const energy = {
    id: 'energy',
    label: 'Energy',
    minScore: 3,
    rules: [
      { type: 'keyword', terms: ['oil', 'gas'], weight: 1 },
      { type: 'phrase', terms: ['gas exports'], weight: 2 },
    ],
  };

  it('sums weight times occurrences and matches from minScore', () => {
    expect(apply(topics(energy), 'Gas exports rose.')).toEqual([{ id: 'energy', label: 'Energy', score: 3 }]);
    expect(apply(topics(energy), 'Oil rose.')).toEqual([]);
  });

  it('counts one term at most three times', () => {
    expect(apply(topics(energy), 'oil oil oil oil oil oil')[0].score).toBe(3);
  });

  it('lets a negative weight exclude an article', () => {
    const withExclusion = { ...energy, rules: [...energy.rules, { type: 'keyword', terms: ['cooking'], weight: -5 }] };
    expect(apply(topics(withExclusion), 'Gas exports and cooking oil.')).toEqual([]);
  });

  it('applies regular expressions with their flags', () => {
    const volume = { id: 'volume', label: 'Volume', rules: [{ type: 'regex', pattern: '\\d+ barrels a day' }] };
    expect(apply(topics(volume), 'It pumps 900 BARRELS A DAY.')).toHaveLength(1);
    const caseSensitive = { ...volume, rules: [{ type: 'regex', pattern: 'OPEC', flags: '' }] };
    expect(apply(topics(caseSensitive), 'opec met')).toEqual([]);
  });

  it('uses per-language terms only for articles in that language, given or detected', () => {
    const german = { id: 'gas', label: 'Gas', rules: [{ type: 'keyword', terms: ['erdgas'], languages: ['de'] }] };
    expect(apply(topics(german), 'Erdgas wird teurer', 'de')).toHaveLength(1);
    expect(apply(topics(german), 'Erdgas wird teurer', 'en')).toEqual([]);
    expect(apply(topics(german), 'Erdgas wird teurer', null)).toHaveLength(1);
    // Too short to tell its language: only rules for every language apply.
    expect(apply(topics(german), 'Erdgas!', null)).toEqual([]);
  });

  it('skips a topic restricted to other languages', () => {
    const french = { id: 'fr', label: 'FR', languages: ['fr'], rules: [{ type: 'keyword', terms: ['gaz'] }] };
    expect(apply(topics(french), 'gaz', 'de')).toEqual([]);
  });

  it('matches entities by kind and name, counting their mentions', () => {
    const relations = { id: 'rc', label: 'RC', minScore: 4, rules: [{ type: 'entity', kind: 'places', names: ['russia', 'China'] }] };
    const entities: Entities = { ...noEntities, places: [{ name: 'Russia', count: 2 }, { name: 'China', count: 2 }] };
    expect(apply(topics(relations), 'text', 'en', entities)[0].score).toBe(4);
    const people: Entities = { ...noEntities, people: [{ name: 'Russia', count: 9 }] };
    expect(apply(topics(relations), 'text', 'en', people)).toEqual([]);
  });

  it('sorts matches best first and can be reapplied with the same rules', () => {
    const rules = loadCustomTopics(topics(energy, { id: 'oil', label: 'Oil', rules: [{ type: 'keyword', terms: ['oil'] }] }));
    const article = { title: 'Oil and gas', text: 'gas exports of oil', language: 'en', entities: noEntities };
    const first = applyCustomTopics(rules, article);
    expect(first.map((m) => m.id)).toEqual(['energy', 'oil']);
    expect(applyCustomTopics(rules, article)).toEqual(first);
  });
});
