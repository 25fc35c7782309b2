// Text rules: whole paragraphs that are boilerplate whatever markup holds them (attribution tails of
// syndication plugins, comment-form sentences, share and newsletter prompts, related-link headings,
// bylines and credits), in English, Russian, Spanish, German and French.
// Each pattern describes a paragraph from its start.
// A byline: the prefix is a word of its own ("Part 1" and "Byzantium" are not bylines).
const byline = (prefixes: string) => `(?:${prefixes})(?:\\s*:\\s*|\\s+)[\\p{L}\\p{N}][\\p{L}\\p{N}.' -]{0,40}$`;
const BYLINE_PREFIXES = 'by|written by|von|por|par|автор|от';

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
  new RegExp(byline(`posted by|${BYLINE_PREFIXES}`), 'u'),
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

// Boilerplate that sits between an article's parts rather than after it: an ad label, a photo credit, a
// byline (digests put one over each piece, tables head a column "By ..."), an in-story "Related: <headline>" link.
const BETWEEN_PARTS = new RegExp(
  `^(?:(?:advertisement|sponsored|werbung|anzeige|publicidad|publicité|реклама)$|(?:photo|image|credit|foto|фото|imagen|bild)\\s*:|${byline(BYLINE_PREFIXES)}|(?:related|see also|also read|read also|more)\\s*:\\s*\\S.{15})`,
  'iu',
);

/** True for boilerplate that marks where an article ends (related links, comments, share prompts), not an ad label or a credit. */
export function endsArticle(text: string): boolean {
  return isBoilerplateParagraph(text) && !BETWEEN_PARTS.test(text);
}
