import { describe, expect, it } from 'vitest';
import { isBoilerplateParagraph } from './boilerplate.ts';

describe('isBoilerplateParagraph', () => {
  it.each([
    'Source link', 'Source: Reuters', 'Read more at source', 'Read the original article at Example News',
    'The post Putin tells Xi ties are best appeared first on World News Daily.', 'By wy9m6', 'Leave a Reply',
    'Your email address will not be published. Required fields are marked *', 'Share this:', 'Related Posts',
    'Источник: ТАСС', 'Читайте также: как изменится набережная', 'La entrada X se publicó primero en Y.', 'Fuente: EFE',
    'Der Beitrag X erschien zuerst auf Y.', 'Lesen Sie auch: Parkgebühren steigen', "L'article X est apparu en premier sur Y.",
    'À lire aussi : le marché de Noël', 'Advertisement', 'Tags: politics, china',
  ])('recognises %j', (text) => {
    expect(isBoilerplateParagraph(text)).toBe(true);
  });

  it.each([
    'Putin said the source of the tension was the sanctions imposed by Western countries, not the talks.',
    'Russia leading supplier of oil to China',
    'Share prices fell sharply on Monday after the company warned that profits would be lower than expected this year.',
    'By the end of the year, officials expect the new line to carry more than a million passengers a month.',
  ])('keeps article sentences: %j', (text) => {
    expect(isBoilerplateParagraph(text)).toBe(false);
  });
});
