// What the fetcher last saw when it fetched a source: when, the HTTP status or error, how long the
// server said the answer stays fresh (Cache-Control / Expires) and the sitemaps robots.txt lists
// for the source's origin. The fetcher writes it (only it sees HTTP headers), the scheduler reads it
// to adapt the interval and the API shows it: three services, so it lives here.
import type { Redis } from 'ioredis';

export interface SourceFetchFacts {
  fetchedAt: string;
  /** Absent when no HTTP answer came (network error, refused address, timeout). */
  httpStatus?: number;
  error?: string;
  freshnessSeconds?: number;
  /** From robots.txt "Sitemap:" lines of the source's origin. */
  sitemaps?: string[];
}

const factsKey = (sourceId: string) => `news:source:${sourceId}:fetch`;
const FACTS_TTL_SECONDS = 30 * 24 * 3600;

export async function recordSourceFetch(redis: Redis, sourceId: string, facts: SourceFetchFacts): Promise<void> {
  await redis.set(factsKey(sourceId), JSON.stringify(facts), 'EX', FACTS_TTL_SECONDS);
}

export async function readSourceFetches(redis: Redis, sourceIds: readonly string[]): Promise<Map<string, SourceFetchFacts>> {
  const facts = new Map<string, SourceFetchFacts>();
  if (sourceIds.length === 0) return facts;
  const values = await redis.mget(sourceIds.map(factsKey));
  sourceIds.forEach((id, index) => {
    const value = values[index];
    if (!value) return;
    try {
      facts.set(id, JSON.parse(value) as SourceFetchFacts);
    } catch {
      // a corrupt entry is as good as none
    }
  });
  return facts;
}

export async function forgetSourceFetch(redis: Redis, sourceId: string): Promise<void> {
  await redis.del(factsKey(sourceId));
}
