import { describe, expect, it } from 'vitest';
import { parseCsv } from './corpus.ts';

describe('parseCsv', () => {
  it('splits rows and fields, with quoted commas, doubled quotes and line breaks kept', () => {
    expect(parseCsv('label,text\r\n3,"Oil, gas and ""shale""\nnews",src\n')).toEqual([
      ['label', 'text'],
      ['3', 'Oil, gas and "shale"\nnews', 'src'],
    ]);
  });

  it('keeps a last row without a final line break, and empty fields', () => {
    expect(parseCsv('a,,c\n1,2,')).toEqual([
      ['a', '', 'c'],
      ['1', '2', ''],
    ]);
  });
});
