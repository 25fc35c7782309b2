import { describe, expect, it } from 'vitest';
import { cleanName, completeName, countMentions, extractEntities, NameSpans, titledPeople } from './entities.ts';

describe('cleanName', () => {
  it('drops possessives, punctuation and leading descriptions', () => {
    expect(cleanName("eastern Ukraine's", false)).toBe('Ukraine');
    expect(cleanName('Moscow.', false)).toBe('Moscow');
    expect(cleanName('the European Union', false)).toBe('European Union');
  });
  it('keeps a possessive inside a name and drops a possessor before it', () => {
    expect(cleanName("Women's Rowing Association", false)).toBe("Women's Rowing Association");
    expect(cleanName("Peru's Andean Copper Holdings", false)).toBe('Andean Copper Holdings');
  });
  it('drops titles from people only', () => {
    expect(cleanName('President Vladimir Putin', true)).toBe('Vladimir Putin');
    expect(cleanName('Mr. Putin', true)).toBe('Putin');
    expect(cleanName('Bank of England', false)).toBe('Bank of England');
  });
});

describe('countMentions', () => {
  const text = 'Angela Merkel spoke. Merkel left. Later Merkel returned to Berlin, and Berlin cheered.';
  it('counts a person by the bare surname when one full name owns it', () => {
    const people = [{ name: 'Angela Merkel', count: 1 }, { name: 'Merkel', count: 1 }];
    expect(countMentions(new NameSpans(text), people, true)).toEqual([{ name: 'Angela Merkel', count: 3 }]);
  });
  it('keeps a surname that two full names share apart', () => {
    const people = [{ name: 'Ed Miliband', count: 1 }, { name: 'David Miliband', count: 1 }, { name: 'Miliband', count: 1 }];
    expect(countMentions(new NameSpans('Ed Miliband and David Miliband; Miliband'), people, true)).toContainEqual({ name: 'Miliband', count: 3 });
  });
  it('counts places and organizations by their whole-word occurrences', () => {
    expect(countMentions(new NameSpans(text), [{ name: 'Berlin', count: 1 }], false)).toEqual([{ name: 'Berlin', count: 2 }]);
  });
});

describe('titledPeople', () => {
  it('takes the capitalised name after a title as a person', () => {
    expect(titledPeople('Prime Minister Rishi Sunak met Chief executive Satya Nadella and coach Erik ten Hag.')).toEqual([
      'Rishi Sunak',
      'Satya Nadella',
      'Erik ten Hag',
    ]);
  });
  it('ignores a title followed by no name', () => {
    expect(titledPeople('The president said the manager would stay.')).toEqual([]);
  });
});

describe('completeName', () => {
  it('grows a partial name to the full name the text gives', () => {
    expect(completeName("Taylor Swift's tour. Taylor sang.", 'Taylor')).toBe('Taylor Swift');
  });
  it('keeps a name the text never extends', () => {
    expect(completeName('Madonna sang.', 'Madonna')).toBe('Madonna');
  });
});

describe('extractEntities', () => {
  const article = {
    title: 'Merkel visits Paris',
    text:
      'German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Monday. ' +
      'Merkel said the European Union would back NATO. Later Mrs. Merkel flew to Berlin.',
  };

  it('finds people, places and organizations, counted and most mentioned first', () => {
    const entities = extractEntities({ ...article, language: 'en' });
    expect(entities.people[0]).toEqual({ name: 'Angela Merkel', count: 4 });
    expect(entities.people.map((p) => p.name)).toContain('Emmanuel Macron');
    expect(entities.places).toContainEqual({ name: 'Paris', count: 2 });
    expect(entities.places.map((p) => p.name)).toContain('Berlin');
    expect(entities.organizations.map((o) => o.name)).toEqual(expect.arrayContaining(['European Union', 'NATO']));
  });

  it('finds organisations the tagger does not know by their shape, and no place or person inside one', () => {
    const entities = extractEntities({
      title: null,
      text: 'The Bank of England kept rates on hold. Shares in Harriet Lowe Shipping fell, and Dr Sunita Rao of the Fenwick Institute for Tides said the Bank of England was right.',
      language: 'en',
    });
    expect(entities.organizations).toEqual(
      expect.arrayContaining([
        { name: 'Bank of England', count: 2 },
        { name: 'Harriet Lowe Shipping', count: 1 },
        { name: 'Fenwick Institute for Tides', count: 1 },
      ]),
    );
    expect(entities.places.map((p) => p.name)).not.toContain('England');
    expect(entities.people.map((p) => p.name)).toEqual(['Sunita Rao']);
  });

  it('keeps a name the text does not write exactly as cleaned', () => {
    const entities = extractEntities({ title: null, text: 'Fans in St. Louis cheered the Cardinals.', language: 'en' });
    expect(entities.places.map((p) => p.name)).toContain('St Louis');
  });

  it('grows a name the tagger cut short to the fullest form written', () => {
    const entities = extractEntities({ title: null, text: 'Minister Ravindra Prasad Sinha spoke in Delhi.', language: 'en' });
    expect(entities.people.map((p) => p.name)).toEqual(['Ravindra Prasad Sinha']);
  });

  it('returns no entities for a language the English tagger does not read', () => {
    expect(extractEntities({ ...article, language: 'de' })).toEqual({ people: [], places: [], organizations: [] });
    const german = { title: 'Merkel besucht Paris', text: 'Bundeskanzlerin Angela Merkel traf am Montag in Paris den französischen Präsidenten.' };
    expect(extractEntities(german).people).toEqual([]);
  });
});
