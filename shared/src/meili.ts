// The search index: the document shape every stage agrees on and the index settings, applied by
// the indexer at start-up (idempotent: Meilisearch only reindexes when they change).
import { Meilisearch, type Settings } from 'meilisearch';

export type EntityType = 'PER' | 'ORG' | 'LOC' | 'MISC';

/** An entity as stored on a document (the enricher's ArticleEntity). */
export interface DocumentEntity {
  id: string;
  name: string;
  type: EntityType;
  labels: { en?: string; ar?: string };
  aliases: string[];
  wikidata?: string;
  mentions: number;
  firstPosition: number;
  salience: number;
}

export interface SearchDocument {
  id: string;
  /** The URL the story was first fetched from, and every URL it was seen at since. */
  url: string;
  urls: string[];
  canonicalUrl: string;
  title: string;
  text: string;
  html: string;
  description: string | null;
  lang: string | null;
  publishedAt: string | null;
  /** publishedAt in seconds, for range filters and sorting. */
  publishedTs: number | null;
  modifiedAt: string | null;
  authors: string[];
  siteName: string | null;
  image: string | null;
  /** Host of the canonical URL. */
  source: string;
  sourceId: string | null;
  entities: DocumentEntity[];
  /** Every name of every entity (English, Arabic, aliases): searchable and a facet. */
  entityNames: string[];
  entityIds: string[];
  fetchedAt: string;
  indexedAt: string;
  indexedTs: number;
  /** The raw page in the blob store, to re-parse without refetching. */
  rawBlobKey: string;
  contentHash: string;
}

export const INDEX_SETTINGS: Settings = {
  searchableAttributes: ['title', 'entityNames', 'description', 'text'],
  filterableAttributes: ['id', 'lang', 'source', 'sourceId', 'entityNames', 'entityIds', 'publishedTs', 'indexedTs', 'contentHash'],
  sortableAttributes: ['publishedTs', 'indexedTs'],
  displayedAttributes: ['*'],
  // Arabic and English tokenisation; detection alone is unreliable on short queries.
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['ara', 'eng'] }],
  // Attribute-level proximity indexes several times faster with little loss for news search.
  proximityPrecision: 'byAttribute',
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: 10_000 },
};

export function createMeili(host: string, apiKey?: string | null): Meilisearch {
  return new Meilisearch({ host, apiKey: apiKey ?? undefined });
}

export { Meilisearch };
