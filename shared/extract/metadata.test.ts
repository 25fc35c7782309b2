import { describe, expect, it } from 'vitest';
import { cleanAuthors, cleanTitle } from './metadata.ts';

describe('cleanTitle', () => {
  it('drops the site name, whichever side of the separator it is on', () => {
    expect(cleanTitle('Storm floods towns | The Daily Ledger', 'The Daily Ledger', 'dailyledger.example', null)).toBe('Storm floods towns');
    expect(cleanTitle('BBC News - Storm floods towns', null, 'www.bbc.co.uk', null)).toBe('Storm floods towns');
  });

  it('prefers the page heading when the title contains it', () => {
    expect(cleanTitle('Live: Storm floods towns — updates | Ledger', null, 'x.example', 'Storm floods towns')).toBe('Storm floods towns');
  });

  it('drops a short trailing section name after a long headline', () => {
    expect(cleanTitle('Putin tells Xi ties are best in history – World News', null, 'wnd.example', null)).toBe('Putin tells Xi ties are best in history');
  });

  it('leaves a title without separators alone', () => {
    expect(cleanTitle('  Storm   floods towns ', 'Ledger', 'ledger.example', null)).toBe('Storm floods towns');
  });
});

describe('cleanAuthors', () => {
  it('splits bylines into names without "By" and in several languages', () => {
    expect(cleanAuthors(['By Maria Lopez and Tom Becker'])).toEqual(['Maria Lopez', 'Tom Becker']);
    expect(cleanAuthors(['Von Jonas Müller und Anna Schmidt'])).toEqual(['Jonas Müller', 'Anna Schmidt']);
    expect(cleanAuthors(['Автор: Ирина Соколова'])).toEqual(['Ирина Соколова']);
  });

  it('drops URLs, e-mails, sentences and duplicates', () => {
    expect(cleanAuthors(['https://example.org/author/x', 'jane@example.org', 'Jane Doe', 'jane doe', 'This is not a name because it is far too long'])).toEqual(['Jane Doe']);
  });
});
