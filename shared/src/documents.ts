// The documents that travel between stages (through the blob store) and end in the index.
// The parser writes a StoredArticle, the enricher turns it into a SearchDocument.

/** What the parser extracts from a page (services/parser/src/extract.ts returns this shape). */
export interface ExtractedArticle {
  title: string;
  /** Body text, one paragraph per line. */
  text: string;
  /** Sanitised body HTML for display. */
  html: string;
  lang: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  authors: string[];
  siteName: string | null;
  canonicalUrl: string | null;
  image: string | null;
  description: string | null;
}

export interface StoredArticle {
  docId: string;
  article: ExtractedArticle;
  /** Normalised canonical URL: the document id is derived from it. */
  canonicalUrl: string;
  /** Every URL this copy was reached through (requested, redirects, final). */
  urls: string[];
  fetchedAt: string;
  encoding: string;
  sourceId: string | null;
  feedUrl: string | null;
  /** The raw page in the blob store. */
  rawBlobKey: string;
}

export type EntityType = 'PER' | 'ORG' | 'LOC' | 'MISC';

/** An entity as stored on a document (the enricher's ArticleEntity). */
export interface DocumentEntity {
  id: string; // Wikidata Q-id when known, else a stable local id such as "per:<folded surface>"
  name: string; // canonical English name when known, else the surface name
  type: EntityType;
  labels: { en?: string; ar?: string };
  aliases: string[]; // spelling variants in both languages, at most 10
  wikidata?: string;
  mentions: number;
  firstPosition: number; // UTF-16 offset of the first mention in title + "\n" + text
  salience: number; // 0..1; the article's list is sorted by it
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
  /** SimHash of the text: copies within a few bits of it fold into this document. */
  fingerprint: string | null;
}

