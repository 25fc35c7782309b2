type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = /^(?:\w+:)?(?:Article|NewsArticle|BlogPosting|Report|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|LiveBlogPosting|TechArticle|ScholarlyArticle|SocialMediaPosting|Blog|WebPage|ItemPage|Review)$/;
// The specific article types beat a generic WebPage describing the same page.
const GENERIC_TYPES = /^(?:\w+:)?(?:WebPage|ItemPage|Blog)$/;

function parseBlock(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Hand-written JSON-LD often has raw line breaks or tabs inside strings.
    try {
      return JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return undefined;
    }
  }
}

function collectObjects(value: unknown, into: JsonObject[], depth = 0): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectObjects(item, into, depth + 1);
    return;
  }
  const object = value as JsonObject;
  into.push(object);
  if (object['@graph']) collectObjects(object['@graph'], into, depth + 1);
  if (object.mainEntity) collectObjects(object.mainEntity, into, depth + 1);
}

function types(object: JsonObject): string[] {
  const type = object['@type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : [];
}

/** Every object of a page's JSON-LD blocks, including those inside @graph and mainEntity. */
export function jsonLdObjects(blocks: string[]): JsonObject[] {
  const objects: JsonObject[] = [];
  for (const block of blocks) collectObjects(parseBlock(block), objects);
  return objects;
}

/** The schema.org object describing the article, from all JSON-LD objects of a page. */
export function findArticleObject(objects: JsonObject[]): JsonObject | null {
  let generic: JsonObject | null = null;
  for (const object of objects) {
    const objectTypes = types(object);
    if (!objectTypes.some((type) => ARTICLE_TYPES.test(type))) continue;
    if (objectTypes.every((type) => GENERIC_TYPES.test(type))) generic ??= object;
    else return object;
  }
  return generic;
}

/** Other objects of the page's JSON-LD with a given type (e.g. the Organization that publishes it). */
export function findObjectOfType(objects: JsonObject[], type: RegExp): JsonObject | null {
  return objects.find((object) => types(object).some((name) => type.test(name))) ?? null;
}

export function stringValue(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length > 0 ? stringValue(value[0]) : null;
  if (value && typeof value === 'object') {
    const object = value as JsonObject;
    return stringValue(object.name ?? object.url ?? object['@value'] ?? object['@id']);
  }
  return null;
}

/** Names of people or organisations in a JSON-LD author-like value (string, object or list). */
export function names(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(names);
  if (value && typeof value === 'object') {
    const name = (value as JsonObject).name;
    return typeof name === 'string' ? [name] : Array.isArray(name) ? names(name) : [];
  }
  return [];
}
