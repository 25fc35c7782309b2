// A fixed random sample of the evaluation sets, labelled by hand against IPTC itself (not through the
// crosswalk): what an editor would file each item under. It shows how far the crosswalk's one-desk
// classes and the IPTC topics part ways, and checks the threshold against real multi-topic labels.
// The annotations name items by index and a hash of their text; the text stays in the research-only corpora.
import { createHash } from 'node:crypto';
import { seededRandom } from '../../shared/random.ts';
import type { EvalDoc, EvalSet } from './eval-corpora.ts';

const SAMPLE_SIZE: Record<string, number> = { 'AG News': 400, 'BBC News': 200 };
const SEED = 20261127;

export interface SampledDoc {
  index: number;
  /** First 12 hex digits of sha1(title + "\n" + text): an annotation is refused if the corpus changed. */
  key: string;
  doc: EvalDoc;
}

export function textKey(doc: EvalDoc): string {
  return createHash('sha1').update(`${doc.title ?? ''}\n${doc.text}`).digest('hex').slice(0, 12);
}

/** The same items on every run: a seeded partial Fisher-Yates shuffle of the set's indexes. */
export function annotationSample(set: EvalSet): SampledDoc[] {
  const size = SAMPLE_SIZE[set.name];
  if (!size) throw new Error(`no annotation sample is defined for ${set.name}`);
  if (set.docs.length < size) throw new Error(`${set.name} has ${set.docs.length} items, fewer than its sample of ${size}`);
  const random = seededRandom(SEED);
  const indexes = set.docs.map((_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (indexes.length - i));
    [indexes[i], indexes[j]] = [indexes[j], indexes[i]];
  }
  return indexes.slice(0, size).sort((a, b) => a - b).map((index) => ({ index, key: textKey(set.docs[index]), doc: set.docs[index] }));
}
