import { normalizeForHash } from '../../../shared/dedupe/normalize.ts';
import type { CorpusArticle } from './corpus.ts';
import { Random } from './random.ts';
import { randomSite } from './sites.ts';
import { BODY_EDITS, typography, type BodyEditName, type EditContext } from './transforms.ts';

export type EditName = BodyEditName | 'boilerplate' | 'typography';
export const EDIT_NAMES: readonly EditName[] = [...(Object.keys(BODY_EDITS) as BodyEditName[]), 'boilerplate', 'typography'];

export interface EvaluationPair {
  /** 'copy': the same story republished; 'distinct': two different stories on the same topic. */
  kind: 'copy' | 'distinct';
  a: string;
  b: string;
  ids: [string, string];
  /** The edits that produced `b` (for copies) or both texts (for distinct pairs). */
  edits: EditName[];
  /** For distinct pairs: 'plain', 'same-site' (both in one site's template) or 'edited'. */
  variant?: 'plain' | 'same-site' | 'edited';
}

export interface EvaluationSetOptions {
  seed: number;
  copies: number;
  distinct: number;
}

/** Distinct-pair partners must be similar in length: within this fraction of the first's word count. */
const LENGTH_TOLERANCE = 0.25;

function paragraphsOf(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A republished page: the chosen edits applied to the story, in the order a republisher would apply them. */
function republish(article: CorpusArticle, edits: ReadonlySet<EditName>, context: EditContext): string {
  let paragraphs = paragraphsOf(article.text);
  for (const [name, edit] of Object.entries(BODY_EDITS)) {
    if (edits.has(name as BodyEditName)) paragraphs = edit(paragraphs, context);
  }
  if (edits.has('boilerplate')) paragraphs = randomSite(context.rng, context.otherTitles).wrap(paragraphs, article.title);
  const page = paragraphs.join('\n\n');
  return edits.has('typography') ? typography(page, context.rng) : page;
}

/** The primary edit cycles through all kinds so that each is measured; one to three others join it. */
function chooseEdits(rng: Random, index: number): Set<EditName> {
  const primary = EDIT_NAMES[index % EDIT_NAMES.length];
  const others = rng.sample(EDIT_NAMES.filter((name) => name !== primary), rng.int(1, 3));
  return new Set([primary, ...others]);
}

function contextFor(rng: Random, article: CorpusArticle, otherTitles: readonly string[]): EditContext {
  return { rng, title: article.title, siteName: randomSite(rng, otherTitles).name, otherTitles };
}

function makeCopyPair(rng: Random, article: CorpusArticle, index: number, titles: readonly string[]): EvaluationPair {
  // The first stored copy is itself sometimes a scraped page with its own site furniture.
  const first = rng.chance(0.5)
    ? republish(article, new Set(['boilerplate']), contextFor(rng, article, titles))
    : article.text;
  const edits = chooseEdits(rng, index);
  const second = republish(article, edits, contextFor(rng, article, titles));
  return { kind: 'copy', a: first, b: second, ids: [article.id, article.id], edits: [...edits] };
}

interface Profile {
  article: CorpusArticle;
  words: number;
  lead: string;
  text: string;
}

function profile(article: CorpusArticle): Profile {
  const text = normalizeForHash(article.text);
  const lead = normalizeForHash(paragraphsOf(article.text)[0] ?? '');
  return { article, words: wordCount(article.text), lead, text };
}

/**
 * Same category, similar length, and really another story: the BBC corpus holds some stories twice,
 * so a partner with the same title, normalized text or lead paragraph is not a distinct story.
 */
function distinctPartner(rng: Random, first: Profile, profiles: readonly Profile[]): CorpusArticle | undefined {
  const candidates = profiles.filter(
    (other) =>
      other.article.label === first.article.label &&
      Math.abs(other.words - first.words) <= LENGTH_TOLERANCE * first.words &&
      other.article.title !== first.article.title &&
      other.lead !== first.lead &&
      other.text !== first.text,
  );
  return candidates.length === 0 ? undefined : rng.pick(candidates).article;
}

function makeDistinctPair(
  rng: Random,
  article: CorpusArticle,
  partner: CorpusArticle,
  index: number,
  titles: readonly string[],
): EvaluationPair {
  const ids: [string, string] = [article.id, partner.id];
  const variant = (['plain', 'same-site', 'edited'] as const)[index % 3];
  if (variant === 'plain') return { kind: 'distinct', a: article.text, b: partner.text, ids, edits: [], variant };
  const edits = chooseEdits(rng, index);
  if (variant === 'same-site') {
    // One site's pages: the same furniture around two stories, e.g. two teasers on its front page.
    edits.delete('boilerplate');
    const site = randomSite(rng, titles);
    const [a, b] = [article, partner].map((story) => {
      const body = paragraphsOf(republish(story, edits, contextFor(rng, story, titles)));
      return site.wrap(body, story.title).join('\n\n');
    });
    return { kind: 'distinct', a, b, ids, edits: ['boilerplate', ...edits], variant };
  }
  const a = republish(article, edits, contextFor(rng, article, titles));
  const b = republish(partner, edits, contextFor(rng, partner, titles));
  return { kind: 'distinct', a, b, ids, edits: [...edits], variant };
}

/** A reproducible set of labelled pairs built from a corpus: `copies` true copies, then `distinct` others. */
export function buildEvaluationSet(corpus: readonly CorpusArticle[], options: EvaluationSetOptions): EvaluationPair[] {
  if (options.copies > corpus.length) throw new Error(`only ${corpus.length} articles for ${options.copies} copies`);
  const rng = new Random(options.seed);
  const titles = corpus.map((article) => article.title);
  const pairs: EvaluationPair[] = rng
    .sample(corpus, options.copies)
    .map((article, index) => makeCopyPair(rng, article, index, titles));
  const profiles = corpus.map(profile);
  for (const first of rng.sample(profiles, profiles.length)) {
    if (pairs.length === options.copies + options.distinct) break;
    const partner = distinctPartner(rng, first, profiles);
    if (partner) pairs.push(makeDistinctPair(rng, first.article, partner, pairs.length - options.copies, titles));
  }
  if (pairs.length < options.copies + options.distinct) throw new Error('corpus too small for the requested distinct pairs');
  return pairs;
}
