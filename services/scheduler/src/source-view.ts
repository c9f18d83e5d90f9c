// What operators see of a source (GET /api/sources, `newsctl sources list`): its definition, the
// last fetch as the fetcher saw it, the last poll as the scheduler counted it, the next run from
// BullMQ, and sitemaps its site's robots.txt lists that are not sources yet (offered, not added:
// backfilling a whole site is an operator's decision).
import { readSourceFetches } from '@news/shared/source-facts';
import type { Redis } from 'ioredis';
import { currentIntervalSeconds, type Schedules } from './schedules.js';
import { normaliseUrl } from '@news/shared';
import type { Source, SourceStore } from './sources.js';

export interface SourceView extends Source {
  intervalSeconds: number;
  intervalReason: string | null;
  lastFetchAt: string | null;
  httpStatus: number | null;
  lastPollAt: string | null;
  newItems: number | null;
  duplicateItems: number | null;
  nextRunAt: string | null;
  lastError: string | null;
  discoveredSitemaps: string[];
}

/** Every source, or only the one with id `only` (its status and schedule alone are read). */
export async function describeSources(redis: Redis, store: SourceStore, schedules: Schedules, only?: string): Promise<SourceView[]> {
  const all = await store.list();
  // Every source's URL, so that sitemaps already added as sources are not offered again.
  const known = new Set(all.map((source) => normaliseUrl(source.url)));
  const sources = only === undefined ? all : all.filter((source) => source.id === only);
  const ids = sources.map((source) => source.id);
  const [statuses, fetches, nextRuns] = await Promise.all([
    store.getStatuses(ids),
    readSourceFetches(redis, ids),
    only === undefined ? schedules.nextRuns() : schedules.nextRunAt(only).then((next) => new Map(next === undefined ? [] : [[only, next]])),
  ]);
  return sources.map((source) => {
    const status = statuses.get(source.id);
    const fetch = fetches.get(source.id);
    const poll = status?.lastPoll;
    // The more recent of the fetch's and the poll's errors; a later success clears both.
    const fetchIsLatest = !poll || (fetch && fetch.fetchedAt >= poll.at);
    const lastError = (fetchIsLatest ? fetch?.error : poll?.error) ?? null;
    const next = source.enabled ? nextRuns.get(source.id) : undefined;
    return {
      ...source,
      intervalSeconds: currentIntervalSeconds(source, status),
      intervalReason: status?.intervalReason ?? null,
      lastFetchAt: fetch?.fetchedAt ?? null,
      httpStatus: fetch?.httpStatus ?? null,
      lastPollAt: poll?.at ?? null,
      newItems: poll?.newItems ?? null,
      duplicateItems: poll?.duplicateItems ?? null,
      nextRunAt: next ? new Date(next).toISOString() : null,
      lastError,
      discoveredSitemaps: (fetch?.sitemaps ?? []).filter((url) => !known.has(normaliseUrl(url))),
    };
  });
}
