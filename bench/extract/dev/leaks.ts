// Whether a block of text (a user comment, a comment count, a comment form) reached an extracted text.
const TOKEN = /[\p{L}\p{N}_]+/gu;
const N = 4;

const tokens = (text: string) => (text.toLowerCase().match(TOKEN) ?? []);

function shingles(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + N <= words.length; i++) out.push(words.slice(i, i + N).join(' '));
  return out;
}

/**
 * A block has leaked when at least half of its word 4-grams are in the text; a block under four words
 * (a count line such as "12 Comments") when all its words stand in a row in the text.
 */
export function leakedBlocks(blocks: readonly string[], text: string): number {
  const words = tokens(text);
  const present = new Set(shingles(words));
  const joined = ` ${words.join(' ')} `;
  let leaked = 0;
  for (const block of blocks) {
    const blockWords = tokens(block);
    if (blockWords.length === 0) continue;
    if (blockWords.length < N) {
      if (joined.includes(` ${blockWords.join(' ')} `)) leaked++;
      continue;
    }
    const own = shingles(blockWords);
    if (own.filter((s) => present.has(s)).length * 2 >= own.length) leaked++;
  }
  return leaked;
}
