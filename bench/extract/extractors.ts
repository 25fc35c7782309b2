/** A page as an extractor sees it: the bytes as fetched and the URL they came from. */
export interface PageInput {
  url: string;
  html: Buffer;
}

export type ExtractorName = 'syndic' | 'readability-linkedom';
export type Extract = (page: PageInput) => string;

/**
 * Each extractor gets what it would get in production: syndic the raw bytes, Readability a DOM.
 * Loaded on demand so that each benchmark process holds only its own extractor in memory.
 */
export const EXTRACTORS: Record<ExtractorName, () => Promise<Extract>> = {
  syndic: async () => {
    const { extractArticle } = await import('../../shared/extract/index.ts');
    return (page) => extractArticle(page.html, page.url, { contentType: 'text/html' }).text;
  },
  'readability-linkedom': async () => {
    const [{ Readability }, { parseHTML }] = await Promise.all([import('@mozilla/readability'), import('linkedom')]);
    return (page) => {
      const { document } = parseHTML(page.html.toString('utf8'));
      try {
        return new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse()?.textContent ?? '';
      } catch {
        return '';
      }
    };
  },
};
