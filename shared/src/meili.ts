// The search index: the document shape every stage agrees on and the index settings, applied by
// the indexer at start-up (idempotent: Meilisearch only reindexes when they change).
import { Meilisearch, type Settings } from 'meilisearch';

export const INDEX_SETTINGS: Settings = {
  searchableAttributes: ['title', 'entityNames', 'description', 'text'],
  filterableAttributes: ['id', 'lang', 'source', 'sourceId', 'entityNames', 'entityIds', 'publishedTs', 'indexedTs'],
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

/** Creates the index if needed and applies INDEX_SETTINGS, waiting until Meilisearch has. */
export async function ensureIndex(meili: Meilisearch, uid: string, settings: Settings = INDEX_SETTINGS): Promise<void> {
  const created = await meili.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
  if (created.status === 'failed' && created.error?.code !== 'index_already_exists') {
    throw new Error(`could not create index ${uid}: ${created.error?.message}`);
  }
  const updated = await meili.index(uid).updateSettings(settings).waitTask({ timeout: 600_000 });
  if (updated.status !== 'succeeded') throw new Error(`could not apply settings to ${uid}: ${updated.error?.message ?? updated.status}`);
}
