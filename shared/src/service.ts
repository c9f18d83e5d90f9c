// What every service gets and gives. The launcher builds one ServiceContext per process and starts
// the services it was asked for; each returns something it can stop.
import type { Redis } from 'ioredis';
import type { BlobStore } from './blobs.js';
import type { Config, ServiceName } from './config.js';
import type { Logger } from './logger.js';
import type { Meilisearch } from './meili.js';
import type { QueueName, Queues } from './queues.js';
import type { ScratchStore } from './scratch.js';

export interface ServiceContext {
  config: Config;
  logger: Logger;
  redis: Redis;
  queues: Queues;
  /** Raw pages (kept). */
  blobs: BlobStore;
  /** Documents passed between stages (transient). */
  scratch: ScratchStore;
  meili: Meilisearch;
}

export interface RunningService {
  /** Stops taking work and finishes what is in flight within config.shutdownGraceMs. */
  stop(): Promise<void>;
}

export interface ServiceDefinition {
  name: ServiceName;
  /** The queues whose jobs this service handles (checked against the queue table at start). */
  consumes: readonly QueueName[];
  start(context: ServiceContext): Promise<RunningService>;
}
