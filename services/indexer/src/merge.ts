// When a story is indexed again (another URL, a refetch, an edited copy), the new document wins
// but keeps every URL the story was ever seen at and the first URL it was found under.
//
// Documents travel as JSON text from the blob store to Meilisearch; only those that need merging
// (a story already indexed, or twice in one batch) are parsed, which keeps the indexer's CPU cost
// per document close to a string copy.
import type { SearchDocument } from '@news/shared';

export type KnownUrls = Pick<SearchDocument, 'id' | 'url' | 'urls'>;

export function mergeWithExisting<D extends KnownUrls>(incoming: D, existing: KnownUrls | undefined): D {
  if (!existing) return incoming;
  return { ...incoming, url: existing.url, urls: [...new Set([...existing.urls, ...incoming.urls])] };
}

export interface PendingDocument {
  id: string;
  /** The search document as JSON text. */
  json: string;
}

/** One JSON text per id: later copies in the batch win, with every URL of the earlier ones. */
export function collapseBatch(documents: PendingDocument[]): Map<string, string> {
  const byId = new Map<string, string>();
  for (const { id, json } of documents) {
    const earlier = byId.get(id);
    byId.set(id, earlier === undefined ? json : JSON.stringify(mergeWithExisting(JSON.parse(json) as SearchDocument, JSON.parse(earlier) as KnownUrls)));
  }
  return byId;
}

/** The request body for Meilisearch: the batch, merged with what the index already holds. */
export function batchBody(byId: Map<string, string>, known: Iterable<KnownUrls>): string {
  const merged = new Map(byId);
  for (const existing of known) {
    const json = merged.get(existing.id);
    if (json !== undefined) merged.set(existing.id, JSON.stringify(mergeWithExisting(JSON.parse(json) as SearchDocument, existing)));
  }
  return `[${[...merged.values()].join(',')}]`;
}
