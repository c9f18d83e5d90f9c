// Builds the search document from a parsed article and its entities. Pure: no I/O.
import { hostOf, type DocumentEntity, type SearchDocument, type StoredArticle } from '@news/shared';

/** Every name an entity goes by, so either language's query or facet value finds the story. */
export function entityNames(entities: readonly DocumentEntity[]): string[] {
  const names = new Set<string>();
  for (const entity of entities) {
    for (const name of [entity.name, entity.labels.en, entity.labels.ar, ...entity.aliases]) {
      if (name && name.trim()) names.add(name.trim());
    }
  }
  return [...names];
}

/** `fingerprint` is the text's SimHash (null for very short texts), kept to explain folded copies. */
export function buildSearchDocument(stored: StoredArticle, lang: string | null, entities: DocumentEntity[], fingerprint: string | null, now = new Date()): SearchDocument {
  const { article } = stored;
  const published = article.publishedAt ? Date.parse(article.publishedAt) : NaN;
  return {
    id: stored.docId,
    url: stored.urls[0] ?? stored.canonicalUrl,
    urls: stored.urls,
    canonicalUrl: stored.canonicalUrl,
    title: article.title,
    text: article.text,
    html: article.html,
    description: article.description,
    lang,
    publishedAt: Number.isNaN(published) ? null : new Date(published).toISOString(),
    publishedTs: Number.isNaN(published) ? null : Math.floor(published / 1000),
    modifiedAt: article.modifiedAt,
    authors: article.authors,
    siteName: article.siteName,
    image: article.image,
    source: hostOf(stored.canonicalUrl),
    sourceId: stored.sourceId,
    entities,
    entityNames: entityNames(entities),
    entityIds: entities.map((entity) => entity.id),
    fetchedAt: stored.fetchedAt,
    indexedAt: now.toISOString(),
    indexedTs: Math.floor(now.getTime() / 1000),
    rawBlobKey: stored.rawBlobKey,
    fingerprint,
  };
}
