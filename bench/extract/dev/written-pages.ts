/**
 * Development pages written for the project: the article text of the project's own whole articles
 * (data/topics-seed) set in the markup of common comment systems and of long multi-section pages.
 * Each page knows its article text and its comment blocks, so a run can score the article (the
 * benchmark's shingle metric) and count comment blocks that reach the text.
 *
 * Every family is a structure, not a site: class names, ids and wording vary with the page's seed
 * (plain names, BEM names, hashed CSS-module names), and the chrome around the article (navigation,
 * share bars, related links, footers) changes too. Pages are split by seed: even seeds are the
 * development half (rules may be written while reading them), odd seeds are the check half.
 */
import { seedDocs } from '../../../scripts/topics/corpus.ts';
import { seededRandom } from '../../../shared/random.ts';

export type Family =
  | 'threaded-list'
  | 'repeated-meta'
  | 'posted-by'
  | 'microformats'
  | 'schema-comment'
  | 'third-party'
  | 'late-comments'
  | 'review-sections'
  | 'docs-sections'
  | 'howto-steps'
  | 'split-body';

export const FAMILIES: Family[] = [
  'threaded-list', 'repeated-meta', 'posted-by', 'microformats', 'schema-comment', 'third-party', 'late-comments',
  'review-sections', 'docs-sections', 'howto-steps', 'split-body',
];

export interface WrittenPage {
  id: string;
  family: Family;
  half: 'dev' | 'check';
  url: string;
  html: string;
  /** The article's text as a reader would copy it: headings and paragraphs. */
  expected: string;
  /** The text of each user comment (and comment form/count line) on the page. */
  comments: string[];
}

interface Article {
  title: string;
  paragraphs: string[];
}

type Rng = () => number;

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

/** A class-name style per page: plain words, BEM, or hashed names that say nothing. */
function namer(rng: Rng): (word: string) => string {
  const style = Math.floor(rng() * 3);
  const salt = Math.floor(rng() * 1e6).toString(36);
  if (style === 0) return (word) => word;
  if (style === 1) return (word) => `c-${word.replace(/-/g, '__')}`;
  return (word) => `_${(hash(word + salt) >>> 0).toString(36).slice(0, 5)}`;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h;
}

const FIRST = ['Maria', 'Tom', 'Aisha', 'Kenji', 'Olu', 'Sven', 'Priya', 'Luca', 'Hannah', 'Diego', 'Mei', 'Jonas', 'Fatima', 'Pete'];
const LAST = ['K.', 'Brennan', 'from Leeds', '1987', 'Okafor', 'W', 'the elder', 'Lindqvist', 'R', 'Moreau'];
const OPENERS = [
  'I could not disagree more with this.', 'Great piece, thanks for writing it.', 'This is exactly what I have been saying for years.',
  'Does anyone know where the original figures come from?', 'Interesting, but the article leaves out the most important part.',
  'As someone who has lived there for twenty years, I can tell you this is only half the story.',
  'Another one-sided report.', 'Well said.', 'I read this twice and I am still not sure what the point is.',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function person(rng: Rng): string {
  return rng() < 0.3 ? `${pick(rng, FIRST).toLowerCase()}${Math.floor(rng() * 900 + 100)}` : `${pick(rng, FIRST)} ${pick(rng, LAST)}`;
}

function when(rng: Rng): { iso: string; text: string } {
  const month = Math.floor(rng() * 12);
  const day = Math.floor(rng() * 28) + 1;
  const hour = Math.floor(rng() * 12) + 1;
  const minute = String(Math.floor(rng() * 60)).padStart(2, '0');
  const iso = `2026-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(hour + 7).padStart(2, '0')}:${minute}:00Z`;
  const text = pick(rng, [`${MONTHS[month]} ${day}, 2026 at ${hour}:${minute} pm`, `${day} ${MONTHS[month]} 2026`, `${Math.floor(rng() * 11) + 2} hours ago`, `${day}/${month + 1}/2026 ${hour}:${minute}`]);
  return { iso, text };
}

/** A reader's comment: an opener and, often, a sentence or two of news-like prose taken from another text. */
function commentText(rng: Rng, filler: string[]): string {
  const parts = [pick(rng, OPENERS)];
  const sentences = pick(rng, filler).split(/(?<=[.!?])\s+/);
  const take = rng() < 0.5 ? 1 : Math.min(sentences.length, 3);
  parts.push(...sentences.slice(0, take));
  if (rng() < 0.3) parts.push(pick(rng, ['Just my two cents.', 'Thoughts?', 'Shame on them.', 'Keep up the good work.']));
  return parts.join(' ');
}

interface Comment {
  author: string;
  time: { iso: string; text: string };
  text: string;
  replies: Comment[];
}

function thread(rng: Rng, filler: string[], count: number, depth = 0): Comment[] {
  return Array.from({ length: count }, () => ({
    author: person(rng),
    time: when(rng),
    text: commentText(rng, filler),
    replies: depth < 2 && rng() < 0.35 ? thread(rng, filler, 1 + Math.floor(rng() * 2), depth + 1) : [],
  }));
}

const flatten = (comments: Comment[]): Comment[] => comments.flatMap((c) => [c, ...flatten(c.replies)]);

function paragraphsHtml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n');
}

/** Site chrome shared by all families, varied per page. */
function chrome(rng: Rng, n: (w: string) => string, site: string, related: string[]) {
  const nav = ['World', 'Business', 'Sport', 'Culture', 'Science', 'Opinion', 'Video'].slice(0, 4 + Math.floor(rng() * 3));
  const header = `<header class="${n('site-header')}"><a class="${n('logo')}" href="/">${esc(site)}</a><nav><ul>${nav.map((s) => `<li><a href="/${s.toLowerCase()}/">${s}</a></li>`).join('')}</ul></nav><form role="search"><input name="q" placeholder="Search"></form></header>`;
  const share = `<div class="${n(pick(rng, ['share-bar', 'social', 'sharing']))}"><a href="#">Share on Facebook</a> <a href="#">Tweet</a> <a href="#">Email</a> <a href="#">Copy link</a></div>`;
  const relatedBlock = `<aside class="${n(pick(rng, ['related', 'more-stories', 'read-next']))}"><h3>${pick(rng, ['Related', 'More from ' + site, 'Read next', 'You may also like'])}</h3><ul>${related.map((t) => `<li><a href="/story/${hash(t) >>> 0}">${esc(t)}</a></li>`).join('')}</ul></aside>`;
  const footer = `<footer class="${n('site-footer')}"><p>© 2026 ${esc(site)}. All rights reserved.</p><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li><li><a href="/contact">Contact</a></li></ul></footer>`;
  return { header, share, relatedBlock, footer };
}

function page(title: string, site: string, head: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)} | ${esc(site)}</title>${head}</head>\n<body>\n${body}\n</body></html>\n`;
}

function commentForm(rng: Rng, n: (w: string) => string): { html: string; text: string } {
  const heading = pick(rng, ['Leave a Reply', 'Leave a comment', 'Join the conversation', 'Add your comment']);
  const note = pick(rng, ['Your email address will not be published. Required fields are marked *', 'Comments are moderated and will appear after approval.', 'Please keep comments civil and on topic.']);
  return {
    html: `<div id="${pick(rng, ['respond', 'reply-form', 'comment-form-wrap'])}" class="${n('comment-respond')}"><h3>${heading}</h3><form action="/comments" method="post"><p>${note}</p><p><label for="c">Comment</label><textarea id="c" name="comment"></textarea></p><p><label for="a">Name *</label><input id="a" name="author"></p><p><label for="e">Email *</label><input id="e" name="email"></p><p><input type="checkbox" id="s" name="save"><label for="s">Save my name, email, and website in this browser for the next time I comment.</label></p><p><input type="submit" value="Post Comment"></p></form></div>`,
    text: `${heading} ${note}`,
  };
}

// One writer per comment family: each returns the comments' markup and the comment texts to look for.
type CommentWriter = (rng: Rng, n: (w: string) => string, comments: Comment[]) => { html: string; texts: string[] };

const countLine = (rng: Rng, count: number) =>
  pick(rng, [`${count} Comments`, `${count} thoughts on this story`, `Join the discussion (${count})`, `${count} responses`, `Comments (${count})`]);

const COMMENT_WRITERS: Record<'threaded-list' | 'repeated-meta' | 'posted-by' | 'microformats' | 'schema-comment' | 'third-party', CommentWriter> = {
  'threaded-list': (rng, n, comments) => {
    const total = flatten(comments).length;
    const item = (c: Comment, depth: number): string =>
      `<li class="${n('comment')} depth-${depth}" id="comment-${hash(c.text) >>> 0}"><article class="${n('comment-body')}"><footer class="${n('comment-meta')}"><div class="${n('comment-author')} vcard"><img class="avatar" src="/a.png" alt=""> <b class="fn">${esc(c.author)}</b> <span class="says">says:</span></div><div class="${n('comment-metadata')}"><a href="#c"><time datetime="${c.time.iso}">${esc(c.time.text)}</time></a></div></footer><div class="${n('comment-content')}"><p>${esc(c.text)}</p></div><div class="reply"><a class="${n('comment-reply-link')}" href="#respond">Reply</a></div></article>${c.replies.length ? `<ol class="children">${c.replies.map((r) => item(r, depth + 1)).join('')}</ol>` : ''}</li>`;
    const count = countLine(rng, total);
    const form = commentForm(rng, n);
    return {
      html: `<div id="comments" class="${n('comments-area')}"><h2 class="${n('comments-title')}">${count}</h2><ol class="${n('comment-list')}">${comments.map((c) => item(c, 1)).join('\n')}</ol>${form.html}</div>`,
      texts: [count, form.text, ...flatten(comments).map((c) => `${c.author} says: ${c.time.text} ${c.text}`)],
    };
  },
  // Neutral names: what marks these as comments is the repeated author / time / reply / permalink shape.
  'repeated-meta': (rng, n, comments) => {
    const all = flatten(comments);
    const box = pick(rng, ['item', 'entry', 'post', 'msg', 'card']);
    const html = all
      .map((c) => `<div class="${n(box)}"><div class="${n(box + '-head')}"><a class="${n('user')}" href="/u/${esc(c.author)}">${esc(c.author)}</a> <span>·</span> <a class="${n('ts')}" href="#p${hash(c.text) >>> 0}" title="${c.time.iso}">${esc(c.time.text)}</a></div><div class="${n(box + '-text')}">${esc(c.text)}</div><div class="${n('actions')}"><a href="#">Reply</a> <a href="#">Permalink</a> <a href="#">Report</a> <span>${Math.floor(rng() * 40)} likes</span></div></div>`)
      .join('\n');
    const count = countLine(rng, all.length);
    return { html: `<div class="${n('thread')}"><h3>${count}</h3>${html}<a href="#">Load more</a></div>`, texts: [count, ...all.map((c) => `${c.author} · ${c.time.text} ${c.text} Reply Permalink Report`)] };
  },
  'posted-by': (rng, n, comments) => {
    const all = flatten(comments);
    const html = all
      .map((c) => `<div class="${n(pick(rng, ['blog-comment', 'response', 'feedback']))}"><p>${esc(c.text)}</p><p class="${n('byline')}">Posted by ${esc(c.author)} on ${esc(c.time.text)}</p></div>`)
      .join('\n');
    const count = countLine(rng, all.length);
    return { html: `<div><h4>${count}</h4>${html}</div>`, texts: [count, ...all.map((c) => `${c.text} Posted by ${c.author} on ${c.time.text}`)] };
  },
  microformats: (rng, n, comments) => {
    const all = flatten(comments);
    const html = all
      .map((c) => `<div class="h-entry p-comment h-cite ${n('reaction')}"><div class="p-author h-card"><a class="u-url p-name" href="/u">${esc(c.author)}</a></div><div class="e-content p-name">${esc(c.text)}</div><a class="u-url" href="#"><time class="dt-published" datetime="${c.time.iso}">${esc(c.time.text)}</time></a></div>`)
      .join('\n');
    const count = countLine(rng, all.length);
    return { html: `<section class="${n('responses')}"><h2>${count}</h2>${html}</section>`, texts: [count, ...all.map((c) => `${c.author} ${c.text} ${c.time.text}`)] };
  },
  'schema-comment': (rng, n, comments) => {
    const all = flatten(comments);
    const html = all
      .map((c) => `<div itemprop="comment" itemscope itemtype="https://schema.org/Comment" class="${n('note')}"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">${esc(c.author)}</span></span> <meta itemprop="dateCreated" content="${c.time.iso}"><span>${esc(c.time.text)}</span><div itemprop="text"><p>${esc(c.text)}</p></div></div>`)
      .join('\n');
    const count = countLine(rng, all.length);
    return { html: `<div class="${n('discussion')}"><h3>${count}</h3>${html}</div>`, texts: [count, ...all.map((c) => `${c.author} ${c.time.text} ${c.text}`)] };
  },
  // A comment service's container, pre-rendered into the page the way their server-side embeds do.
  'third-party': (rng, n, comments) => {
    const all = flatten(comments);
    const container = pick(rng, ['<div id="disqus_thread">', '<div class="fb-comments" data-href="#">', '<div id="coral_thread">', '<div id="isso-thread">', '<div class="commento-root">', '<div id="hyvor-talk-view">', '<div class="giscus">', '<div id="remark42">']);
    const html = all
      .map((c) => `<div class="${n('post')}"><div class="${n('post-byline')}"><span class="${n('author')}">${esc(c.author)}</span> <span class="${n('time')}">${esc(c.time.text)}</span></div><div class="${n('post-message')}"><p>${esc(c.text)}</p></div></div>`)
      .join('\n');
    const count = countLine(rng, all.length);
    return { html: `${container}<div class="${n('header')}">${count}</div>${html}</div>`, texts: [count, ...all.map((c) => `${c.author} ${c.time.text} ${c.text}`)] };
  },
};

interface Inputs {
  rng: Rng;
  n: (w: string) => string;
  article: Article;
  site: string;
  related: string[];
  filler: string[];
}

function commentedPage(family: keyof typeof COMMENT_WRITERS | 'late-comments', { rng, n, article, site, related, filler }: Inputs): Omit<WrittenPage, 'id' | 'half' | 'url' | 'family'> {
  const comments = thread(rng, filler, 3 + Math.floor(rng() * 6));
  const writer = family === 'late-comments' ? COMMENT_WRITERS[pick(rng, Object.keys(COMMENT_WRITERS) as (keyof typeof COMMENT_WRITERS)[])] : COMMENT_WRITERS[family];
  const { html: commentsHtml, texts } = writer(rng, n, comments);
  const { header, share, relatedBlock, footer } = chrome(rng, n, site, related);
  const byline = `<p class="${n('byline')}">By ${esc(person(rng))} | ${esc(when(rng).text)}</p>`;
  const articleHtml = `<article class="${n(pick(rng, ['post', 'story', 'article']))}"><h1>${esc(article.title)}</h1>${byline}${share}<div class="${n(pick(rng, ['entry-content', 'story-body', 'article-text']))}">${paragraphsHtml(article.paragraphs)}</div>${share}</article>`;
  // Comments loaded after the article: outside the article's column, after the related block or even the footer.
  const body =
    family === 'late-comments'
      ? `${header}<main><div class="${n('column')}">${articleHtml}</div>${relatedBlock}</main>${footer}<div class="${n('lazy-mount')}" data-loaded="true">${commentsHtml}</div>`
      : `${header}<main><div class="${n('column')}">${articleHtml}${commentsHtml}</div>${relatedBlock}</main>${footer}`;
  return { html: page(article.title, site, '', body), expected: article.paragraphs.join('\n\n'), comments: texts };
}

/** Long pages whose article is split across sibling sections, with chrome between them. */
function sectionedPage(family: 'review-sections' | 'docs-sections' | 'howto-steps' | 'split-body', { rng, n, article, site, related }: Inputs): Omit<WrittenPage, 'id' | 'half' | 'url' | 'family'> {
  const { header, share, relatedBlock, footer } = chrome(rng, n, site, related);
  // How-to steps and documentation carry little text per section (a sentence or two, a short list),
  // which is what makes a single section look like the whole article.
  const short = family === 'howto-steps' || family === 'docs-sections';
  const paragraphs = short ? article.paragraphs.flatMap((p) => p.split(/(?<=[.!?])\s+(?=[A-Z"“])/)) : article.paragraphs;
  const per = short ? 1 + Math.floor(rng() * 2) : Math.max(1, Math.ceil(paragraphs.length / (3 + Math.floor(rng() * 3))));
  const groups: string[][] = [];
  for (let i = 0; i < paragraphs.length; i += per) groups.push(paragraphs.slice(i, i + per));
  const headingOf = (i: number, group: string[]) => {
    const words = group[0].split(' ').slice(0, 4 + (i % 3)).join(' ').replace(/[,.;:]$/, '');
    if (family === 'howto-steps') return `Step ${i + 1}: ${words}`;
    return words;
  };
  const expected: string[] = [];
  const ad = () => `<div class="${n(pick(rng, ['ad-slot', 'advert', 'promo']))}"><span>Advertisement</span></div>`;
  const parts = groups.map((group, i) => {
    const heading = headingOf(i, group);
    expected.push(heading, ...group);
    const body = paragraphsHtml(group);
    switch (family) {
      case 'review-sections':
        return `<section class="${n('review-section')}" id="s${i}"><h2>${esc(heading)}</h2>${body}${i === 1 ? `<figure><img src="/p${i}.jpg" alt=""><figcaption>Photo: ${esc(site)}</figcaption></figure>` : ''}</section>${i % 2 === 0 ? ad() : ''}`;
      case 'docs-sections':
        return `<div class="${n('doc-section')}" id="${heading.toLowerCase().replace(/\W+/g, '-')}"><h2>${esc(heading)}<a class="${n('anchor')}" href="#s${i}">#</a></h2>${group.length > 1 ? `<ul>${group.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>` : body}<div class="${n('feedback')}"><a href="#">Edit this section</a></div></div>`;
      case 'howto-steps':
        return `<section class="${n('step')}" data-step="${i + 1}"><div class="${n('step-media')}"><img src="/step${i}.jpg" alt="Step ${i + 1}"></div><div class="${n('step-text')}"><h3>${esc(heading)}</h3>${body}</div></section>`;
      case 'split-body':
        return `<div class="${n('body-part')}"><h2>${esc(heading)}</h2>${body}</div>${i < groups.length - 1 ? (i % 2 === 0 ? ad() : `<aside class="${n('pullquote')}">“${esc(group[0].split(' ').slice(0, 9).join(' '))}…”</aside>`) : ''}`;
    }
  });
  const toc = `<nav class="${n('toc')}"><h4>Contents</h4><ol>${groups.map((g, i) => `<li><a href="#s${i}">${esc(headingOf(i, g))}</a></li>`).join('')}</ol></nav>`;
  const inner =
    family === 'howto-steps' ? `<div class="${n('steps')}">${parts.join(`\n${rng() < 0.5 ? ad() : ''}`)}</div>` : parts.join('\n');
  const sidebar = family === 'docs-sections' ? `<div class="${n('sidebar')}">${toc}</div>` : '';
  const articleHtml = `<div class="${n('page')}">${sidebar}<div class="${n('content')}"><h1>${esc(article.title)}</h1>${share}${family === 'docs-sections' ? '' : toc}${inner}${share}</div></div>`;
  const body = `${header}<main>${articleHtml}${relatedBlock}</main>${footer}`;
  return { html: page(article.title, site, '', body), expected: expected.join('\n\n'), comments: [] };
}

/** Every family written over the project's whole articles; `perFamily` pages each, seeds 0.. split even/odd. */
export function writtenPages(perFamily = 12): WrittenPage[] {
  const docs = seedDocs();
  const articles: Article[] = docs
    .filter((doc) => doc.source === 'article' && doc.text.split('\n\n').length >= 4)
    .map((doc) => ({ title: doc.title ?? '', paragraphs: doc.text.split('\n\n') }));
  const filler = docs.filter((doc) => doc.source === 'seed' && doc.text.length > 120).map((doc) => doc.text);
  const pages: WrittenPage[] = [];
  FAMILIES.forEach((family, f) => {
    for (let seed = 0; seed < perFamily; seed++) {
      const rng = seededRandom(1000 * (f + 1) + seed);
      const article = articles[(f * perFamily + seed * 7) % articles.length];
      const site = pick(rng, ['The Morning Ledger', 'Northside Courier', 'Daily Planet', 'Riverside Post', 'Coastal Times', 'Metro Wire']);
      const related = Array.from({ length: 4 }, () => articles[Math.floor(rng() * articles.length)].title);
      const inputs: Inputs = { rng, n: namer(rng), article, site, related, filler };
      const built =
        family === 'review-sections' || family === 'docs-sections' || family === 'howto-steps' || family === 'split-body'
          ? sectionedPage(family, inputs)
          : commentedPage(family, inputs);
      pages.push({ ...built, id: `${family}-${seed}`, family, half: seed % 2 === 0 ? 'dev' : 'check', url: `https://news.example/${family}/${seed}` });
    }
  });
  return pages;
}
