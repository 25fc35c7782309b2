import type { Random } from './random.ts';

/** A republishing site's page furniture: what scrapers leave around the story's body. */
export interface SiteTemplate {
  name: string;
  /** The body between this site's header and footer lines; every page of the site gets the same ones. */
  wrap(paragraphs: readonly string[], title: string): string[];
}

type Line = (title: string) => string;

const NAMES = [
  'Daily Ledger', 'Morning Wire', 'NewsNow Hub', 'The Tribune Online', 'Global Post 24', 'Metro Digest',
  'World Report Today', 'City Herald', 'Newsfeed Central', 'The Informer', 'Breaking Bulletin', 'Signal Times',
];

const AUTHORS = ['Staff Reporter', 'wy9m6', 'admin', 'News Desk', 'Jane Miller', 'Editorial Team', 'Wire Service'];

function headerLines(rng: Random, site: string): Line[] {
  const section = rng.pick(['World', 'Business', 'Tech', 'Sport', 'Entertainment', 'Politics']);
  const byline = `By ${rng.pick(AUTHORS)} | ${rng.int(1, 28)} ${rng.pick(['Jan', 'Mar', 'Jun', 'Sep', 'Nov'])} 2026, ${rng.int(10, 23)}:${rng.int(10, 59)}`;
  const options: Line[] = [
    () => `Home > News > ${section}`,
    () => 'Advertisement',
    () => byline,
    () => 'Share this article: Facebook Twitter WhatsApp Email',
    () => `${rng.int(2, 9)} min read`,
    (title) => `${site} | ${title}`,
    () => 'Listen to this article',
  ];
  return rng.sample(options, rng.int(1, 3));
}

function footerLines(rng: Random, site: string, otherTitles: readonly string[]): Line[] {
  const author = rng.pick(AUTHORS);
  const related = rng.sample(otherTitles, 2);
  const options: Line[] = [
    () => 'Source link',
    (title) => `The post ${title} appeared first on ${site}.`,
    () => `By ${author}\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *`,
    () => `Related: ${related[0]}\n\nRelated: ${related[1]}`,
    () => `Sign up for the ${site} newsletter and get the day's top stories in your inbox.`,
    () => `© 2026 ${site}. All rights reserved.`,
    () => 'Tags: news, latest, trending',
    () => 'Share this: Twitter Facebook Like this: Like Loading...',
  ];
  return rng.sample(options, rng.int(1, 3));
}

export function randomSite(rng: Random, otherTitles: readonly string[]): SiteTemplate {
  const name = rng.pick(NAMES);
  const header = headerLines(rng, name);
  const footer = footerLines(rng, name, otherTitles);
  return {
    name,
    wrap: (paragraphs, title) => [...header.map((line) => line(title)), ...paragraphs, ...footer.map((line) => line(title))],
  };
}
