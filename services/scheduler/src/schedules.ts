// Keeps the fetch queue's BullMQ job schedulers in line with the sources: one scheduler per
// enabled source ("source:<id>"), none for paused or removed ones. Only the scheduler service
// calls this, so there is one writer of the schedules however many API processes change sources.
import { QUEUES, type FetchJob, type TypedQueue } from '@news/shared';
import { clamp, initialInterval } from './interval.js';
import { boundsOf, type Source, type SourceStatus } from './sources.js';

const PREFIX = 'source:';
export const schedulerIdOf = (sourceId: string) => `${PREFIX}${sourceId}`;
/**
 * A new or resumed source first fires within this long (or half its lower bound, when shorter),
 * at random, so sources added together do not fire together.
 */
const FIRST_RUN_SPREAD_MS = 30_000;

export function fetchTemplate(source: Source): FetchJob {
  return {
    url: source.url,
    kind: 'feed',
    sourceId: source.id,
    ...(source.ignoreValidators ? { ignoreValidators: true } : {}),
    ...(source.language ? { language: source.language } : {}),
  };
}

/** The interval a source should run at now: what it adapted to, within its (possibly new) bounds. */
export function currentIntervalSeconds(source: Source, status: SourceStatus | undefined): number {
  const bounds = boundsOf(source);
  return clamp(status?.intervalSeconds ?? initialInterval(bounds), bounds);
}

export class Schedules {
  constructor(private readonly fetchQueue: TypedQueue<'fetch'>) {}

  /**
   * (Re)schedules a source to poll every `intervalSeconds`, next at `firstRunAt` when the interval
   * changes (BullMQ keeps the pending run when interval and template are unchanged). Returns when
   * the next poll is due.
   */
  async schedule(source: Source, intervalSeconds: number, firstRunAt: number): Promise<number | undefined> {
    await this.upsert(source, intervalSeconds, firstRunAt);
    return this.nextRunAt(source.id);
  }

  private async upsert(source: Source, intervalSeconds: number, firstRunAt: number): Promise<void> {
    await this.fetchQueue.upsertJobScheduler(
      schedulerIdOf(source.id),
      { every: intervalSeconds * 1000, startDate: Math.max(firstRunAt, Date.now()) },
      { name: 'fetch', data: fetchTemplate(source), opts: QUEUES.fetch.jobOptions },
    );
  }

  async nextRunAt(sourceId: string): Promise<number | undefined> {
    return (await this.fetchQueue.getJobScheduler(schedulerIdOf(sourceId)))?.next ?? undefined;
  }

  /** Every source's next run, by source id. */
  async nextRuns(): Promise<Map<string, number>> {
    const runs = new Map<string, number>();
    for (const scheduler of await this.fetchQueue.getJobSchedulers(0, -1)) {
      const id = scheduler.id ?? scheduler.key;
      if (id.startsWith(PREFIX) && scheduler.next) runs.set(id.slice(PREFIX.length), scheduler.next);
    }
    return runs;
  }

  /**
   * Makes the schedulers match the sources: adds missing ones, updates changed ones (interval,
   * template), removes those of paused or deleted sources. Returns what it did, for the log.
   */
  async reconcile(sources: readonly Source[], statuses: ReadonlyMap<string, SourceStatus>): Promise<{ added: number; updated: number; removed: number }> {
    const existing = new Map((await this.fetchQueue.getJobSchedulers(0, -1)).map((scheduler) => [scheduler.id ?? scheduler.key, scheduler]));
    const counts = { added: 0, updated: 0, removed: 0 };
    const wanted = new Set<string>();
    for (const source of sources) {
      if (!source.enabled) continue;
      const id = schedulerIdOf(source.id);
      wanted.add(id);
      const every = currentIntervalSeconds(source, statuses.get(source.id)) * 1000;
      const current = existing.get(id);
      const sameTemplate = JSON.stringify(current?.template?.data ?? null) === JSON.stringify(fetchTemplate(source));
      if (current && current.every === every && sameTemplate) continue;
      const firstRunAt = current?.next ? Math.min(current.next, Date.now() + every) : Date.now() + Math.floor(Math.random() * Math.min(FIRST_RUN_SPREAD_MS, source.minIntervalSeconds * 500));
      await this.upsert(source, every / 1000, firstRunAt);
      counts[current ? 'updated' : 'added'] += 1;
    }
    for (const id of existing.keys()) {
      if (id.startsWith(PREFIX) && !wanted.has(id)) {
        await this.fetchQueue.removeJobScheduler(id);
        counts.removed += 1;
      }
    }
    return counts;
  }
}
