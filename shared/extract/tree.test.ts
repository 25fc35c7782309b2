import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { extractArticle } from './index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('namesOf cache', () => {
  it('keeps no page alive after extraction', () => {
    const filler = `<p>${'Plain words of a long article body, sentence after sentence. '.repeat(6_500)}</p>`;
    const pageOf = (i: number) => `<html><body><div class="unique-page-class-name-${i}">${filler}${i}</div></body></html>`;
    extractArticle(pageOf(-1), 'https://example.org/a');
    const before = heapAfterGc();
    // Each page is about 400 kB; class names sliced out of a page would keep all 20 of them (8 MB).
    for (let i = 0; i < 20; i++) extractArticle(pageOf(i), 'https://example.org/a');
    expect(heapAfterGc() - before).toBeLessThan(3_000_000);
  });
});
