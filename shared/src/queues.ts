// Every queue of the pipeline, in one table: its payload (type and runtime check), the service that
// consumes it, its concurrency and its job options. A queue added without all of these does not
// compile, and `assertEveryQueueHasOneConsumer` fails the start if two services claim one.
//
//   scheduler ──(job schedulers)──▶ fetch ──▶ parse ──▶ enrich ──▶ index ──▶ Meilisearch
//                                     ▲         │ feed items
//                                     └─────────┘ and poll-result ──▶ scheduler (adaptive intervals)
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { ServiceName } from './config.js';
import { array, boolean, httpUrl, literal, number, object, optional, string, ValidationError, type Infer, type Schema } from './validate.js';

/** Redis key prefix of every queue. */
export const QUEUE_PREFIX = 'news';
/** Job payloads carry references (blob keys), never page bodies: this bounds them. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

const hint = object({
  title: optional(string({ max: 2000 })),
  publishedAt: optional(string({ max: 64 })),
  guid: optional(string({ max: 2048 })),
});

const fetchPayload = object({
  url: httpUrl(),
  /** "auto": decided from what the URL serves (feed or page). */
  kind: literal('auto', 'feed', 'page'),
  sourceId: optional(string({ max: 200 })),
  /** The feed an item came from. */
  feedUrl: optional(httpUrl()),
  hint: optional(hint),
  /** When the story entered the pipeline (ms since epoch), for ingest-to-searchable latency. */
  acceptedAt: optional(number({ min: 0 })),
  /** Skip If-None-Match / If-Modified-Since (some servers send stale validators). */
  ignoreValidators: optional(boolean()),
  /** The source's language hint, used when a page neither declares nor reveals its language. */
  language: optional(string({ max: 35 })),
});

const parsePayload = object({
  url: httpUrl(),
  finalUrl: httpUrl(),
  redirects: array(httpUrl(), { max: 20 }),
  kind: literal('auto', 'feed', 'page'),
  status: number({ integer: true }),
  contentType: optional(string({ max: 500 })),
  contentLocation: optional(string({ max: 4096 })),
  fetchedAt: string({ max: 64 }),
  /** Raw body in the blob store (gzip). */
  blobKey: string({ max: 200 }),
  bytes: number({ min: 0, integer: true }),
  sourceId: optional(string({ max: 200 })),
  feedUrl: optional(httpUrl()),
  hint: optional(hint),
  acceptedAt: optional(number({ min: 0 })),
  language: optional(string({ max: 35 })),
});

const enrichPayload = object({
  docId: string({ max: 64 }),
  /** The parsed article in the scratch store. */
  articleKey: string({ max: 200 }),
  acceptedAt: optional(number({ min: 0 })),
});

const indexPayload = object({
  docId: string({ max: 64 }),
  /** The final search document in the scratch store. */
  documentKey: string({ max: 200 }),
  acceptedAt: optional(number({ min: 0 })),
});

const pollResultPayload = object({
  sourceId: string({ max: 200 }),
  feedUrl: httpUrl(),
  status: number({ integer: true }),
  newItems: number({ integer: true, min: 0 }),
  duplicateItems: number({ integer: true, min: 0 }),
  ttlMinutes: optional(number({ min: 0 })),
  retryAfterSeconds: optional(number({ min: 0 })),
  error: optional(string({ max: 2000 })),
  polledAt: string({ max: 64 }),
});

export interface QueueDefinition<P> {
  payload: Schema<P>;
  consumer: ServiceName;
  concurrency: number;
  jobOptions: Required<Pick<JobsOptions, 'attempts' | 'backoff' | 'removeOnComplete' | 'removeOnFail'>>;
  description: string;
}

const HOUR = 3600;
const keep = (hours: number, count: number) => ({ age: hours * HOUR, count });
const exponential = (delay: number) => ({ type: 'exponential' as const, delay });

export const QUEUES = {
  fetch: {
    payload: fetchPayload,
    consumer: 'fetcher',
    // Network-bound: many requests in flight, each host still limited by politeness.
    concurrency: 32,
    jobOptions: { attempts: 4, backoff: exponential(2_000), removeOnComplete: keep(24, 20_000), removeOnFail: keep(24 * 14, 50_000) },
    description: 'feeds and pages to download',
  },
  parse: {
    payload: parsePayload,
    consumer: 'parser',
    // CPU-bound but with blob and Redis round trips around the work: a few jobs in flight keep
    // the core busy while others wait on I/O.
    concurrency: 8,
    jobOptions: { attempts: 3, backoff: exponential(1_000), removeOnComplete: keep(24, 20_000), removeOnFail: keep(24 * 14, 50_000) },
    description: 'downloaded bodies to turn into feed items or articles',
  },
  enrich: {
    payload: enrichPayload,
    consumer: 'enricher',
    concurrency: 8,
    jobOptions: { attempts: 3, backoff: exponential(1_000), removeOnComplete: keep(24, 20_000), removeOnFail: keep(24 * 14, 50_000) },
    description: 'articles to tag with language and entities',
  },
  index: {
    payload: indexPayload,
    consumer: 'indexer',
    // Jobs wait for their batch to be committed by Meilisearch, so many are active at once: enough
    // for two batches of INDEX_BATCH_SIZE (1,000) being written and a third filling meanwhile.
    concurrency: 3_000,
    // A Meilisearch restart can take a while: retry for about ten minutes before failing.
    jobOptions: { attempts: 10, backoff: exponential(1_000), removeOnComplete: keep(24, 20_000), removeOnFail: keep(24 * 14, 50_000) },
    description: 'documents to write to Meilisearch in batches',
  },
  'poll-result': {
    payload: pollResultPayload,
    consumer: 'scheduler',
    concurrency: 4,
    jobOptions: { attempts: 3, backoff: exponential(1_000), removeOnComplete: keep(1, 1_000), removeOnFail: keep(24 * 7, 10_000) },
    description: 'outcome of each source poll, to adapt its interval',
  },
} satisfies Record<string, QueueDefinition<unknown>>;

export type QueueName = keyof typeof QUEUES;
export type Payload<Q extends QueueName> = Infer<(typeof QUEUES)[Q]['payload']>;
export type FetchJob = Payload<'fetch'>;
export type ParseJob = Payload<'parse'>;
export type EnrichJob = Payload<'enrich'>;
export type IndexJob = Payload<'index'>;
export type PollResultJob = Payload<'poll-result'>;

export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];

/**
 * A source's own poll (the scheduler's fetch job, and the parse job it leads to), not a page or a
 * child sitemap found through it: only such a poll reports its outcome to the scheduler.
 */
export function isSourcePoll<J extends { sourceId?: string; kind: string; feedUrl?: string }>(data: J): data is J & { sourceId: string } {
  return Boolean(data.sourceId) && data.kind === 'feed' && !data.feedUrl;
}

export function isQueueName(name: string): name is QueueName {
  return Object.hasOwn(QUEUES, name);
}

/** Checks a payload against its queue's schema; throws a readable error naming the field. */
export function checkPayloadShape<Q extends QueueName>(queue: Q, data: unknown): Payload<Q> {
  return QUEUES[queue].payload.parse(data) as Payload<Q>;
}

/** checkPayloadShape plus the size limit: what every enqueue goes through. */
export function validatePayload<Q extends QueueName>(queue: Q, data: unknown): Payload<Q> {
  const parsed = checkPayloadShape(queue, data);
  const size = Buffer.byteLength(JSON.stringify(parsed));
  if (size > MAX_PAYLOAD_BYTES) throw new ValidationError(`${queue} payload is ${size} bytes, over the ${MAX_PAYLOAD_BYTES}-byte limit`);
  return parsed;
}

/**
 * Fails fast unless every queue is consumed by exactly one service, and by the one the table
 * names: a queue nobody works would silently fill up.
 */
export function assertEveryQueueHasOneConsumer(services: readonly { name: ServiceName; consumes: readonly QueueName[] }[]): void {
  for (const queue of QUEUE_NAMES) {
    const consumers = services.filter((service) => service.consumes.includes(queue)).map((service) => service.name);
    if (consumers.length !== 1) throw new Error(`queue "${queue}" must have exactly one consuming service, found ${consumers.length ? consumers.join(', ') : 'none'}`);
    if (consumers[0] !== QUEUES[queue].consumer) throw new Error(`queue "${queue}" is consumed by ${consumers[0]}, but the queue table says ${QUEUES[queue].consumer}`);
  }
}

export type TypedQueue<Q extends QueueName> = Queue<Payload<Q>, unknown, string>;
export type Queues = { [Q in QueueName]: TypedQueue<Q> };

/** onError receives connection errors (Redis restarting), which are retried, not fatal. */
export function openQueue<Q extends QueueName>(name: Q, connection: ConnectionOptions, onError?: (error: Error) => void): TypedQueue<Q> {
  const queue = new Queue<Payload<Q>, unknown, string>(name, {
    connection,
    prefix: QUEUE_PREFIX,
    defaultJobOptions: QUEUES[name].jobOptions,
    // Nothing here reads the event stream beyond the last moments (bull-board reads job states):
    // a short stream keeps Redis's per-job work and memory down.
    streams: { events: { maxLen: 1_000 } },
  });
  queue.on('error', onError ?? (() => undefined));
  return queue;
}

export function openQueues(connection: ConnectionOptions, onError?: (error: Error) => void): Queues {
  const entries = QUEUE_NAMES.map((name) => [name, openQueue(name, connection, onError)] as const);
  return Object.fromEntries(entries) as unknown as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
}

/** Adds a job after validating its payload; the only way the pipeline enqueues work. */
export async function enqueue<Q extends QueueName>(queues: Queues, queue: Q, data: Payload<Q>, options: JobsOptions = {}) {
  const payload = validatePayload(queue, data);
  // Queue<Payload<Q>>.add has a conditional signature TypeScript cannot follow through Q.
  const target = queues[queue] as unknown as Queue;
  return target.add(queue, payload, options);
}

/** Adds many jobs to one queue in one round trip (all validated first; all or none are added). */
export async function enqueueMany<Q extends QueueName>(queues: Queues, queue: Q, jobs: { data: Payload<Q>; options?: JobsOptions }[]) {
  const bulk = jobs.map(({ data, options }) => ({ name: queue, data: validatePayload(queue, data), opts: options ?? {} }));
  const target = queues[queue] as unknown as Queue;
  return bulk.length ? target.addBulk(bulk) : [];
}
