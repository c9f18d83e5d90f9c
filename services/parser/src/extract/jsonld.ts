// The article object of a page's JSON-LD, read leniently: scripts may hold one object, an array,
// or an @graph, and publishers often leave control characters or trailing commas in them.

export interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  dateModified: string | null;
  authors: string[];
  publisher: string | null;
  image: string | null;
  inLanguage: string | null;
  description: string | null;
  url: string | null;
  articleBody: string | null;
}

type Json = Record<string, unknown>;

const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|LiveBlogPosting)$/;

function parseLenient(source: string): unknown {
  try {
    return JSON.parse(source);
  } catch {
    try {
      // Raw control characters inside strings and trailing commas are the usual faults.
      return JSON.parse(source.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return null;
    }
  }
}

function objects(value: unknown, out: Json[], depth = 0): Json[] {
  if (depth > 6 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const item of value) objects(item, out, depth + 1);
    return out;
  }
  const object = value as Json;
  out.push(object);
  if (object['@graph']) objects(object['@graph'], out, depth + 1);
  return out;
}

function types(object: Json): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return str(value[0]);
  if (value && typeof value === 'object') {
    const object = value as Json;
    return str(object.url ?? object['@id'] ?? object.name ?? object['@value']);
  }
  return null;
}

function names(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item === 'string') out.push(item.trim());
    else if (item && typeof item === 'object') {
      const name = (item as Json).name;
      if (typeof name === 'string') out.push(name.trim());
    }
  }
  return out.filter(Boolean);
}

/** The first Article-like object among the page's JSON-LD scripts, or null. */
export function readJsonLd(scripts: string[]): JsonLdArticle | null {
  const all: Json[] = [];
  for (const script of scripts) objects(parseLenient(script), all);
  const article = all.find((o) => types(o).some((t) => ARTICLE_TYPE.test(t)));
  if (!article) return null;
  const publisher = article.publisher as Json | undefined;
  return {
    headline: str(article.headline) ?? str(article.name),
    datePublished: str(article.datePublished) ?? str(article.dateCreated),
    dateModified: str(article.dateModified),
    authors: names(article.author ?? article.creator),
    publisher: publisher && typeof publisher === 'object' ? str(publisher.name) : null,
    image: str(article.image) ?? str(article.thumbnailUrl),
    inLanguage: str(article.inLanguage),
    description: str(article.description),
    url: str(article.mainEntityOfPage) ?? str(article.url),
    articleBody: str(article.articleBody),
  };
}
