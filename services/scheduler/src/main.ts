// The scheduler: loads infra/sources.yaml into the source store, keeps one BullMQ job scheduler per
// enabled source on the fetch queue, follows source changes made through the API (pub/sub, with a
// version poll as a safety net for missed messages), and adapts each source's interval from the
// outcome of its polls (the poll-result queue).
import { startWorker, type JobContext, type PollResultJob, type ServiceContext, type ServiceDefinition } from '@news/shared';
import { readSourceFetches } from '@news/shared/source-facts';
import { nextInterval } from './interval.js';
import { currentIntervalSeconds, Schedules } from './schedules.js';
import { readSourcesFile } from './sources-file.js';
import { boundsOf, SOURCES_CHANGED_CHANNEL, SourceStore } from './sources.js';

/** How often the source version is compared, in case a pub/sub message was lost (reconnect). */
const VERSION_POLL_MS = 10_000;

export function createPollResultHandler(context: ServiceContext, store: SourceStore, schedules: Schedules) {
  return async function handlePollResult(data: PollResultJob, { log }: JobContext) {
    const [source, statuses, fetches] = await Promise.all([
      store.get(data.sourceId),
      store.getStatuses([data.sourceId]),
      readSourceFetches(context.redis, [data.sourceId]),
    ]);
    if (!source) return { ignored: 'source removed' };
    const status = statuses.get(source.id);
    const facts = fetches.get(source.id);
    const decision = nextInterval(
      { intervalSeconds: currentIntervalSeconds(source, status), ratePerHour: status?.ratePerHour, lastPolledAt: status?.lastPolledAt },
      { ...data, freshnessSeconds: facts?.freshnessSeconds },
      boundsOf(source),
    );
    await store.setStatus(source.id, {
      intervalSeconds: decision.intervalSeconds,
      intervalReason: decision.reason,
      ...(decision.ratePerHour !== undefined ? { ratePerHour: decision.ratePerHour } : {}),
      ...(decision.lastPolledAt ? { lastPolledAt: decision.lastPolledAt } : {}),
      lastPoll: {
        at: data.polledAt, status: data.status, newItems: data.newItems, duplicateItems: data.duplicateItems, ...(data.error ? { error: data.error } : {}),
      },
    });
    // A paused source keeps its status but gets no schedule.
    const nextRunAt = source.enabled ? await schedules.schedule(source, decision.intervalSeconds, Date.now() + decision.intervalSeconds * 1000) : undefined;
    log.info({ sourceId: source.id, status: data.status, newItems: data.newItems, duplicateItems: data.duplicateItems, intervalSeconds: decision.intervalSeconds, reason: decision.reason, nextRunAt }, 'source polled');
    return { intervalSeconds: decision.intervalSeconds };
  };
}

export const scheduler: ServiceDefinition = {
  name: 'scheduler',
  consumes: ['poll-result'],
  async start(context) {
    const { config, redis, queues } = context;
    const log = context.logger;
    const store = new SourceStore(redis);
    const schedules = new Schedules(queues.fetch);

    if (config.sourcesFile) {
      const fromFile = await readSourcesFile(config.sourcesFile, config.sourceIntervals);
      let added = 0;
      for (const source of fromFile) if (await store.add(source)) added += 1;
      log.info({ file: config.sourcesFile, sources: fromFile.length, added }, 'sources file loaded');
    }

    // Reconciles run one at a time; changes arriving meanwhile cause one more run, not one each.
    let seenVersion = '';
    let running: Promise<void> | null = null;
    let again = false;
    const reconcile = (): Promise<void> => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          seenVersion = await store.version();
          const sources = await store.list();
          const counts = await schedules.reconcile(sources, await store.getStatuses(sources.map((source) => source.id)));
          if (counts.added || counts.updated || counts.removed) log.info({ ...counts, sources: sources.length }, 'job schedulers reconciled');
        } while (again);
      })()
        .catch((error: Error) => log.error({ err: error.message }, 'reconciling job schedulers failed'))
        .finally(() => (running = null));
      return running;
    };
    await reconcile();

    const subscriber = redis.duplicate();
    subscriber.on('error', (error) => log.warn({ err: error.message }, 'sources subscription error'));
    subscriber.on('message', () => void reconcile());
    await subscriber.subscribe(SOURCES_CHANGED_CHANNEL);
    const versionTimer = setInterval(() => {
      store.version().then((version) => (version !== seenVersion ? reconcile() : undefined)).catch(() => undefined);
    }, VERSION_POLL_MS);
    versionTimer.unref();

    const worker = startWorker('poll-result', createPollResultHandler(context, store, schedules), { connection: redis, logger: context.logger });
    return {
      async stop() {
        clearInterval(versionTimer);
        await worker.close(config.shutdownGraceMs);
        await running;
        subscriber.disconnect();
      },
    };
  },
};
