import { describe, expect, it } from 'vitest';
import { notAnOrganization, organizationsByShape } from './organizations.ts';

describe('organizationsByShape', () => {
  it('finds a run of capitalised words that ends in a body, company or court', () => {
    expect(organizationsByShape('The Scottish Fisheries Council met Kestrel Mining Ltd at Leeds Crown Court.')).toEqual([
      'Scottish Fisheries Council',
      'Kestrel Mining Ltd',
      'Leeds Crown Court',
    ]);
  });

  it('finds a body named by a head noun and "of" or "for", with the words before it', () => {
    expect(organizationsByShape('The Reserve Bank of Fiji and the Office for Rail Standards both spoke.')).toEqual([
      'Reserve Bank of Fiji',
      'Office for Rail Standards',
    ]);
    expect(organizationsByShape('MPs in the House of Lords objected.')).toContain('House of Lords');
  });

  it('keeps "and" inside one name but splits two names joined by "and the"', () => {
    expect(organizationsByShape('Cardiff and Vale Health Board said so.')).toEqual(['Cardiff and Vale Health Board']);
    expect(organizationsByShape('the University of Lagos and the Nigerian Space Agency signed')).toEqual([
      'University of Lagos',
      'Nigerian Space Agency',
    ]);
  });

  it('drops a possessor, a "-based" description and a trailing possessive at the edges', () => {
    expect(organizationsByShape("Peru's Andean Copper Holdings and Oslo-based Fjord Freight Partners")).toEqual([
      'Andean Copper Holdings',
      'Fjord Freight Partners',
    ]);
    expect(organizationsByShape("the Bank of Ghana's decision")).toEqual(['Bank of Ghana']);
  });

  it('keeps an apostrophe inside a name', () => {
    expect(organizationsByShape("the Women's Rowing Association")).toEqual(["Women's Rowing Association"]);
  });

  it('takes acronyms as organisations, except places, titles and measures', () => {
    expect(organizationsByShape('NATO and the IMF met in the UK; the CEO cited GDP.')).toEqual(['NATO', 'IMF']);
    expect(notAnOrganization('UK')).toBe(true);
    expect(notAnOrganization('NATO')).toBe(false);
  });

  it('finds nothing in a single capitalised word or a sentence without a body', () => {
    expect(organizationsByShape('Police said the Council would meet. Anna Berg went to Paris.')).toEqual([]);
  });
});
