// When a story is indexed again (another URL, a refetch, an edited copy), the new document wins
// but keeps every URL the story was ever seen at and the first URL it was found under.
import type { SearchDocument } from '@news/shared';

export type KnownUrls = Pick<SearchDocument, 'id' | 'url' | 'urls'>;

export function mergeWithExisting(incoming: SearchDocument, existing: KnownUrls | undefined): SearchDocument {
  if (!existing) return incoming;
  return { ...incoming, url: existing.url, urls: [...new Set([...existing.urls, ...incoming.urls])] };
}

/** Several documents for one id in a batch collapse into the last, with all their URLs. */
export function collapseBatch(documents: SearchDocument[]): SearchDocument[] {
  const byId = new Map<string, SearchDocument>();
  for (const document of documents) byId.set(document.id, mergeWithExisting(document, byId.get(document.id)));
  return [...byId.values()];
}
