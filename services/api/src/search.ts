// Turns the search endpoint's query string into a Meilisearch request, and its answer into the
// API's shape. Pure, so the filter syntax (quoting, date ranges) is tested without a server.
import type { SearchDocument } from '@news/shared';
import type { SearchParams, SearchResponse } from 'meilisearch';

export const PAGE_SIZE = 20;

export interface SearchQuery {
  q: string;
  entities: string[];
  lang: string | null;
  source: string | null;
  from: number | null;
  to: number | null;
  page: number;
  limit: number;
}

export class BadQuery extends Error {
  override name = 'BadQuery';
}

type Raw = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || null;
const all = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []).map((v) => v.trim()).filter(Boolean);

/** "2017-11-21" (start of day for from, end of day for to) or any ISO instant, in seconds. */
function parseDate(name: string, value: string | null, endOfDay: boolean): number | null {
  if (!value) return null;
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dayOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new BadQuery(`${name}=${value} is not a date (use YYYY-MM-DD or an ISO 8601 time)`);
  return Math.floor(ms / 1000) + (dayOnly && endOfDay ? 86_399 : 0);
}

function positiveInt(name: string, value: string | null, fallback: number, max: number): number {
  if (!value) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) throw new BadQuery(`${name}=${value} must be an integer from 1 to ${max}`);
  return number;
}

export function parseSearchQuery(raw: Raw): SearchQuery {
  const query: SearchQuery = {
    q: first(raw.q) ?? '',
    entities: all(raw.entity),
    lang: first(raw.lang),
    source: first(raw.source),
    from: parseDate('from', first(raw.from), false),
    to: parseDate('to', first(raw.to), true),
    page: positiveInt('page', first(raw.page), 1, 500),
    limit: positiveInt('limit', first(raw.limit), PAGE_SIZE, 100),
  };
  if (query.from !== null && query.to !== null && query.from > query.to) throw new BadQuery('from is after to');
  return query;
}

const quote = (value: string) => JSON.stringify(value);

export function toMeiliSearch(query: SearchQuery): SearchParams {
  const filter: string[] = [];
  for (const entity of query.entities) filter.push(`entityNames = ${quote(entity)}`);
  if (query.lang) filter.push(`lang = ${quote(query.lang)}`);
  if (query.source) filter.push(`source = ${quote(query.source)} OR sourceId = ${quote(query.source)}`);
  if (query.from !== null) filter.push(`publishedTs >= ${query.from}`);
  if (query.to !== null) filter.push(`publishedTs <= ${query.to}`);
  return {
    filter: filter.map((clause) => `(${clause})`).join(' AND ') || undefined,
    facets: ['lang', 'source', 'entityNames'],
    hitsPerPage: query.limit,
    page: query.page,
    attributesToRetrieve: ['id', 'url', 'canonicalUrl', 'title', 'lang', 'publishedAt', 'source', 'entities', 'description', 'image'],
    attributesToCrop: ['text'],
    cropLength: 40,
    attributesToHighlight: ['title', 'text'],
    highlightPreTag: '<mark>',
    highlightPostTag: '</mark>',
    // Without a query, newest first; with one, relevance.
    sort: query.q ? undefined : ['publishedTs:desc'],
  };
}

export interface SearchHit {
  id: string;
  url: string;
  canonicalUrl: string;
  title: string;
  lang: string | null;
  publishedAt: string | null;
  source: string;
  image: string | null;
  entities: { id: string; name: string; type: string; ar?: string }[];
  snippet: string;
}

export function toApiResponse(response: SearchResponse<SearchDocument>) {
  const hits: SearchHit[] = response.hits.map((hit) => {
    const formatted = hit._formatted as Partial<Record<'text', string>> | undefined;
    return {
      id: hit.id,
      url: hit.url,
      canonicalUrl: hit.canonicalUrl,
      title: hit.title,
      lang: hit.lang,
      publishedAt: hit.publishedAt,
      source: hit.source,
      image: hit.image ?? null,
      entities: (hit.entities ?? []).map((entity) => ({ id: entity.id, name: entity.name, type: entity.type, ...(entity.labels.ar ? { ar: entity.labels.ar } : {}) })),
      snippet: formatted?.text || hit.description || '',
    };
  });
  return {
    total: response.totalHits ?? response.estimatedTotalHits ?? hits.length,
    page: response.page ?? 1,
    totalPages: response.totalPages ?? 1,
    hits,
    facets: response.facetDistribution ?? {},
    processingTimeMs: response.processingTimeMs,
  };
}
