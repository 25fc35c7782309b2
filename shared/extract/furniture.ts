// Markup rules: which elements are page furniture (menus, comment forms, share bars, related posts,
// author boxes) or the article body, read from tags, roles, class names and known plugins' markup.
import type { CheerioAPI } from 'cheerio/slim';
import { selectAll } from './selection.ts';
import { NAME_SEPARATOR, namesOf, type Element } from './tree.ts';

// Class words of a photo gallery or slideshow (furniture words too).
const GALLERY_NAMES = ['gallery', 'slideshow', 'carousel'];
const GALLERY_WORDS = new RegExp(`(?:^| )(?:${GALLERY_NAMES.join('|')})(?: |$)`);

// Class/id words of page furniture, as CMSs and themes name it. Matched as whole words (or word
// prefixes) of the class and id, with '-' and '_' as separators.
const FURNITURE_WORDS = new RegExp(
  '(?:^| )(?:' +
    [
      'comments?', 'commentlist', 'comment\\w+', 'respond', 'replies', 'reply', 'disqus\\w*', 'discussion',
      'share\\w*', 'sharing', 'sharedaddy', 'social\\w*', 'sociable', 'addthis\\w*', 'addtoany', 'a2a\\w*',
      'related\\w*', 'relatedposts', 'recommend\\w*', 'more stories', 'read ?next', 'also ?read', 'popular',
      'trending', 'newsletter\\w*', 'subscri\\w*', 'signup', 'sign up', 'optin', 'cookies?\\w*', 'consent',
      'gdpr', 'breadcrumbs?', 'sidebar\\w*', 'widgets?', 'footer\\w*', 'masthead', 'navigation', 'navbar',
      'nav', 'menu\\w*', 'pagination', 'pager', 'post nav\\w*', 'nav links', 'popup', 'modal', 'overlay',
      'promo\\w*', 'sponsor\\w*', 'advert\\w*', 'ads?', 'adsense', 'adslot', 'ad ?unit', 'ad ?container',
      'ad ?wrapper', 'dfp', 'outbrain', 'taboola', 'banner', 'byline\\w*', 'author ?(?:box|bio|info|card|block)',
      'about ?(?:the )?author', 'bio', 'tags?', 'tag ?(?:list|links|cloud)', 'tagcloud', 'categories',
      'cat ?links', 'post ?(?:meta|tags|categories|footer)', 'entry ?(?:meta|footer|tags|utility)',
      'article ?(?:meta|footer|tags|info)', 'meta', 'caption\\w*', 'wp caption text', 'credits?',
      'screen reader text', 'sr only', 'visually ?hidden', 'print ?only', 'skip ?link', 'rating', 'login',
      'search\\w*', 'toolbar', ...GALLERY_NAMES, 'jp relatedposts', 'yarpp\\w*', 'crp ?list', 'pp ?author ?box\\w*',
    ].join('|') +
    ')(?: |$)',
);

// Words that mark the article container itself; they save an element whose other class words
// look like furniture (e.g. "entry-content comments-enabled").
const CONTENT_WORDS = /(?:^| )(?:article\w*|body|content|main|post|entry|story|text|blog ?post)(?: |$)/;

const SIDEBAR_LAYOUT = /(?:^| )sidebars?(?: |$)/;
const SLUG_WORDS = 5;

const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'header', 'form', 'figure', 'figcaption', 'menu']);
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alert', 'menu', 'menubar', 'toolbar']);

/**
 * True for elements whose markup says they are page furniture rather than article text: a
 * furniture tag or role, or a class name with a furniture word ("footer-content", "entry-meta")
 * unless another class name is plainly content ("entry-content comments-enabled").
 */
export function looksLikeFurniture(element: Element): boolean {
  if (FURNITURE_TAGS.has(element.name)) return true;
  const role = element.attribs.role;
  if (role && FURNITURE_ROLES.has(role)) return true;
  const names = namesOf(element);
  if (!names) return false;
  let furniture = false;
  for (const name of names.split(NAME_SEPARATOR)) {
    // A name of five words or more is a heading made into an anchor ("sharing-with-a-single-developer"), not a class.
    if (name.split(' ').length >= SLUG_WORDS) continue;
    const furnitureWord = FURNITURE_WORDS.test(name);
    // A content name wins; "content-sidebar-wrap" and the like are layout wrappers around the
    // article and its sidebar, while "footer-content" is still the footer.
    if (CONTENT_WORDS.test(name) && (!furnitureWord || SIDEBAR_LAYOUT.test(name))) return false;
    if (furnitureWord) furniture = true;
  }
  return furniture;
}

/** A photo gallery or slideshow by its class words: captions shown one at a time over pictures. */
export function looksLikeGallery(element: Element): boolean {
  const names = namesOf(element);
  return names !== '' && GALLERY_WORDS.test(names);
}

/** Class words that name the article body in common CMSs and schema.org markup. */
const BODY_WORDS = /(?:^| )(?:article ?(?:body|content|text)|articlebody|entry ?content|post ?(?:body|content|text|entry)|story ?(?:body|content|text)|body ?(?:text|copy)|main ?content|content ?body|rich ?text|text ?body|td post content|single ?content|news ?(?:text|body|content))(?: |$)/;

export function looksLikeArticleBody(element: Element): boolean {
  if (element.attribs.itemprop === 'articleBody' || element.attribs.property === 'articleBody') return true;
  const names = namesOf(element);
  return names !== '' && BODY_WORDS.test(names);
}


// Markup that common CMS plugins and themes give their furniture, where a selector says it more plainly
// than class words: WordPress comment forms and lists, Disqus, share bars (Jetpack, AddToAny, Social
// Warfare), related posts (Jetpack, YARPP, Contextual Related Posts) and author boxes.
const FURNITURE_SELECTOR = [
  '#comments', '#respond', '.comment-respond', '.comments-area', '.comment-list', '#disqus_thread', '.fb-comments',
  '[itemtype$="schema.org/Comment"]', '[itemprop="comment"]',
  '.sharedaddy', '.sd-sharing', '.addtoany_share_save_container', '.a2a_kit', '.swp_social_panel', '.share-buttons', '.social-share',
  '.jp-relatedposts', '.yarpp-related', '.crp_related', '.related-posts', '.rp4wp-related-posts',
  '.author-box', '.saboxplugin-wrap', '.pp-author-boxes-wrapper', '.about-author', '.author-bio',
].join(', ');

/** The elements that known plugin and theme markup marks as furniture. */
export function selectFurniture($: CheerioAPI): Set<Element> {
  return new Set(selectAll($, FURNITURE_SELECTOR));
}
