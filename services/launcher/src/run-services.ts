// Runs the configured services in this process on one shared context (Redis connection, queues,
// blob store, Meilisearch client), and stops them in the reverse order: the API first, so no new
// work arrives while the workers drain.
import { api } from '@news/api';
import { enricher } from '@news/enricher';
import { fetcher } from '@news/fetcher';
import { indexer } from '@news/indexer';
import { parser } from '@news/parser';
import { scheduler } from '@news/scheduler';
import {
  assertEveryQueueHasOneConsumer,
  BlobStore,
  ScratchStore,
  closeQueues,
  createMeili,
  createRedis,
  openQueues,
  type Config,
  type Logger,
  type RunningService,
  type ServiceContext,
  type ServiceDefinition,
  type ServiceName,
} from '@news/shared';

/** Every service, in start order: consumers before the producers that feed them. */
export const SERVICES: readonly ServiceDefinition[] = [indexer, enricher, parser, fetcher, scheduler, api];

export async function createContext(config: Config, logger: Logger): Promise<ServiceContext> {
  if (!config.redisUrl || !config.meiliUrl) throw new Error('createContext needs redisUrl and meiliUrl');
  // Reconnects are automatic; log each outage once per second at most rather than per attempt.
  let lastWarning = 0;
  const onError = (error: Error) => {
    if (Date.now() - lastWarning < 1_000) return;
    lastWarning = Date.now();
    logger.warn({ err: error.message }, 'redis connection error (retrying)');
  };
  const redis = createRedis(config.redisUrl, { name: 'news-pipeline', onError });
  return {
    config,
    logger,
    redis,
    queues: openQueues(redis, onError),
    blobs: new BlobStore(config.blobDir),
    scratch: new ScratchStore(redis, config.scratchTtlHours * 3600),
    meili: createMeili(config.meiliUrl, config.meiliKey),
  };
}

export async function runServices(config: Config, logger: Logger): Promise<{ context: ServiceContext; stop(): Promise<void> }> {
  assertEveryQueueHasOneConsumer(SERVICES);
  const context = await createContext(config, logger);
  const running: { name: ServiceName; service: RunningService }[] = [];
  const stop = async () => {
    for (const { name, service } of running.reverse()) {
      await service.stop().catch((error: Error) => logger.error({ service: name, err: error.message }, 'service did not stop cleanly'));
    }
    await closeQueues(context.queues);
    await context.blobs.close();
    await context.redis.quit().catch(() => context.redis.disconnect());
  };
  try {
    for (const { name, start } of SERVICES.filter((definition) => config.services.includes(definition.name))) {
      const service = await start({ ...context, logger: logger.child({ service: name }) });
      running.push({ name, service });
      logger.info({ service: name }, 'service started');
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { context, stop };
}
