import { NAME_SEPARATOR, type Element } from './dom.ts';

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
      'search\\w*', 'toolbar', 'jp relatedposts', 'yarpp\\w*', 'crp ?list', 'pp ?author ?box\\w*',
    ].join('|') +
    ')(?: |$)',
);

// Words that mark the article container itself; they save an element whose other class words
// look like furniture (e.g. "entry-content comments-enabled").
const CONTENT_WORDS = /(?:^| )(?:article\w*|body|content|main|post|entry|story|text|blog ?post)(?: |$)/;

const SIDEBAR_LAYOUT = /(?:^| )sidebars?(?: |$)/;

const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'header', 'form', 'figure', 'figcaption', 'menu']);
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alert', 'menu', 'menubar', 'toolbar']);

/**
 * True for elements whose markup says they are page furniture rather than article text: a
 * furniture tag or role, or a class name with a furniture word ("footer-content", "entry-meta")
 * unless another class name is plainly content ("entry-content comments-enabled").
 */
export function looksLikeFurniture(element: Element): boolean {
  if (FURNITURE_TAGS.has(element.tag)) return true;
  const role = element.attrs.role;
  if (role && FURNITURE_ROLES.has(role)) return true;
  if (!element.names) return false;
  let furniture = false;
  for (const name of element.names.split(NAME_SEPARATOR)) {
    const furnitureWord = FURNITURE_WORDS.test(name);
    // A content name wins; "content-sidebar-wrap" and the like are layout wrappers around the
    // article and its sidebar, while "footer-content" is still the footer.
    if (CONTENT_WORDS.test(name) && (!furnitureWord || SIDEBAR_LAYOUT.test(name))) return false;
    if (furnitureWord) furniture = true;
  }
  return furniture;
}

/** Class words that name the article body in common CMSs and schema.org markup. */
const BODY_WORDS = /(?:^| )(?:article ?(?:body|content|text)|articlebody|entry ?content|post ?(?:body|content|text|entry)|story ?(?:body|content|text)|body ?(?:text|copy)|main ?content|content ?body|rich ?text|text ?body|td post content|single ?content|news ?(?:text|body|content))(?: |$)/;

export function looksLikeArticleBody(element: Element): boolean {
  if (element.attrs.itemprop === 'articleBody' || element.attrs.property === 'articleBody') return true;
  return element.names !== '' && BODY_WORDS.test(element.names);
}

// Whole-paragraph boilerplate that aggregator plugins, comment forms, share bars and newsletter
// boxes put around or inside article bodies, in English, Russian, Spanish, German and French.
// Each pattern describes a paragraph from its start.
const BOILERPLATE_STARTS: RegExp[] = [
  // Attribution tails appended by syndication plugins.
  /(?:source(?: link)?|original source|read (?:more|the (?:original|full) (?:article|story|post))(?: (?:at|on|here))?(?: source)?|continue reading|view (?:original|source)|via)\s*[:.…]*\s*(?:\S+)?$/,
  /read (?:the )?(?:original|full) (?:article|story|post) (?:at|on)\b/,
  /this (?:article|story|post) (?:was )?(?:originally )?(?:appeared|published|posted)\b/,
  /(?:источник|первоисточник|ссылка на источник|оригинал(?: статьи)?)\s*[:.]?/,
  /(?:fuente|fuente original|vía|leer (?:el )?(?:artículo )?original)\s*[:.]?/,
  /(?:quelle|originalartikel|zum originalartikel)\s*[:.]?/,
  /(?:source|lire l'article original|article original)\s*:/,
  // Comment forms and lists.
  /(?:leave a (?:reply|comment)|post a comment|add (?:a )?comment|\d+\s+(?:comments?|responses?|replies)|comments?|no comments(?: yet)?|join the discussion|cancel reply)\b/,
  /(?:оставить|оставьте|добавить|написать) (?:комментарий|ответ|отзыв)/,
  /(?:deja|dejar|escribe) (?:un|una|tu) (?:comentario|respuesta)/,
  /(?:hinterlasse|schreibe|schreib) (?:einen|eine) (?:kommentar|antwort)/,
  /(?:laisser|laissez) (?:un|une) (?:commentaire|réponse)/,
  // Share bars, follow and newsletter boxes.
  /(?:share|share this(?: article| story| post)?|share on \w+|click to share|tweet|pin it|email|print|follow us|like this|like us on facebook)\b.{0,60}$/,
  /(?:sign up|subscribe)(?: (?:for|to|now))?\b.{0,120}$/,
  /(?:поделиться|поделитесь|подпишитесь|подписывайтесь|следите за нами).{0,120}$/,
  /(?:compartir|comparte|compártelo|suscríbete|síguenos).{0,120}$/,
  /(?:teilen|jetzt teilen|abonnieren|newsletter abonnieren|folgen sie uns).{0,120}$/,
  /(?:partager|partagez|abonnez-vous|inscrivez-vous|suivez-nous).{0,120}$/,
  // Related links, tags, categories, ads.
  /(?:related(?: posts| articles| stories| news)?|you (?:may|might) also like|also read|read also|see also|more from|recommended(?: for you)?|more on this|more:)\s*[:.]?/,
  /(?:tags?|tagged(?: with)?|filed under|categor(?:y|ies)|posted in)\s*:/,
  /(?:читайте также|читайте далее|смотрите также|похожие (?:записи|статьи|новости)|по теме|теги|метки|рубрики?)/,
  /(?:lee también|lea también|leer más|te puede interesar|noticias relacionadas|artículos relacionados|etiquetas|categorías)/,
  /(?:lesen sie auch|mehr zum thema|weiterlesen|das könnte sie auch interessieren|schlagwörter|kategorien)/,
  /(?:lire aussi|à lire aussi|lire la suite|voir aussi|sur le même sujet|articles similaires|étiquettes|catégories)/,
  /(?:advertisement|sponsored|werbung|anzeige|publicidad|publicité|реклама)$/,
  // Bylines and credits.
  /(?:by|written by|posted by|von|por|par|автор|от)\s*:?\s*[\p{L}\p{N}][\p{L}\p{N}.' -]{0,40}$/u,
  /(?:photo|image|credit|foto|фото|imagen|bild)\s*:\s*.{0,80}$/,
  /(?:©|copyright\b|all rights reserved)/,
];

// Sentences of comment forms and syndication footers that mark a paragraph wherever they occur.
const BOILERPLATE_PHRASES = [
  'appeared first on', 'est apparu en premier sur', 'apareció primero en', 'se publicó primero en', 'erschien zuerst auf',
  'впервые появилась', 'впервые опубликовано на',
  'your email address will not be published', 'required fields are marked', 'save my name, email, and website',
  'save my name, email and website', 'you must be logged in to post a comment',
  'не будет опубликован', 'обязательные поля помечены', 'сохранить моё имя', 'сохранить мое имя',
  'no será publicad', 'los campos obligatorios están marcados', 'guarda mi nombre',
  'wird nicht veröffentlicht', 'erforderliche felder sind', 'meinen namen, meine e-mail',
  'ne sera pas publiée', 'les champs obligatoires sont indiqués', 'enregistrer mon nom',
];

const MAX_BOILERPLATE_PARAGRAPH = 260;
// One anchored alternation: it fails at the first character for ordinary sentences, which keeps
// pages with tens of thousands of paragraphs fast.
const BOILERPLATE_START = new RegExp(`^(?:${BOILERPLATE_STARTS.map((pattern) => pattern.source).join('|')})`, 'iu');

// A literal alternation is scanned several times faster than the same phrases one by one.
const BOILERPLATE_PHRASE = new RegExp(BOILERPLATE_PHRASES.map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');

export function isBoilerplateParagraph(text: string): boolean {
  return text.length <= MAX_BOILERPLATE_PARAGRAPH && (BOILERPLATE_START.test(text) || BOILERPLATE_PHRASE.test(text));
}
