// The indexer: writes finished documents to Meilisearch in batches. Each job completes only when
// the batch holding its document has been committed by Meilisearch, so a job is never marked done
// for a document that is not searchable; a failed batch fails (and retries) all of its jobs.
import {
  ensureIndex,
  QUEUES,
  startWorker,
  type IndexJob,
  type JobContext,
  type SearchDocument,
  type ServiceContext,
  type ServiceDefinition,
} from '@news/shared';
import { Batcher } from './batcher.js';
import { batchBody, collapseBatch, type KnownUrls, type PendingDocument } from './merge.js';

/** Workers taking index jobs side by side (see start). */
const INTAKE_WORKERS = 4;

/** Recent ingest-to-searchable latencies (ms), newest first, for the bench and operators. */
export const LATENCY_KEY = 'news:metrics:ingest-to-searchable-ms';
const LATENCY_SAMPLES = 20_000;

/** A document waiting for its batch: its JSON text is passed to Meilisearch without being parsed. */
interface Entry extends PendingDocument {
  /** Where the enricher left it in the scratch store, deleted once the batch is committed. */
  scratchKey: string;
  acceptedAt?: number;
}

export function createIndexWriter(context: ServiceContext) {
  const { meili, config, redis, scratch, logger } = context;
  const index = meili.index<SearchDocument>(config.meiliIndex);

  // Two batches may be written at once; a story in both must see the first's URLs before merging.
  const writing = new Map<string, Promise<void>>();

  return async function writeBatch(entries: Entry[]): Promise<void> {
    try {
      await write(entries);
    } catch (error) {
      throw new Error(`Meilisearch: ${explain(error)}`);
    }
  };

  async function write(entries: Entry[]): Promise<void> {
    const byId = collapseBatch(entries);
    const ids = [...byId.keys()];
    const earlier = [...new Set(ids.map((id) => writing.get(id)).filter((flight) => flight !== undefined))];
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    for (const id of ids) writing.set(id, mine);
    try {
      await Promise.all(earlier);
      const known = await index.getDocuments<KnownUrls>({
        filter: `id IN [${ids.map((id) => JSON.stringify(id)).join(',')}]`,
        fields: ['id', 'url', 'urls'],
        limit: ids.length,
      });
      const task = await index
        .addDocumentsFromString(batchBody(byId, known.results), 'application/json', { primaryKey: 'id' })
        .waitTask({ timeout: 300_000, interval: 200 }); // each poll costs both sides CPU
      if (task.status !== 'succeeded') throw new Error(`meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? 'no reason given'}`);
      // One UNLINK for the batch, not one per job.
      await scratch.delete(...entries.map((entry) => entry.scratchKey));
      const now = Date.now();
      const latencies = entries.filter((entry) => entry.acceptedAt).map((entry) => now - entry.acceptedAt!);
      if (latencies.length) await redis.multi().lpush(LATENCY_KEY, ...latencies).ltrim(LATENCY_KEY, 0, LATENCY_SAMPLES - 1).exec();
      logger.debug({ documents: ids.length, taskUid: task.uid }, 'batch indexed');
    } finally {
      for (const id of ids) if (writing.get(id) === mine) writing.delete(id);
      done();
    }
  }
}

/** "Request to … has failed" alone hides why: add the chain of causes (e.g. ECONNREFUSED). */
function explain(error: unknown): string {
  const parts: string[] = [];
  for (let current = error as { message?: string; code?: string; cause?: unknown } | undefined; current && parts.length < 4; current = current.cause as typeof current) {
    const text = [current.code, current.message].filter(Boolean).join(' ');
    if (text && !parts.includes(text)) parts.push(text);
  }
  return parts.join(': ') || String(error);
}

/** Meilisearch may still be starting (or restarting) when the indexer starts: wait up to a minute. */
async function ensureIndexWithRetry({ meili, config, logger }: ServiceContext, budgetMs = 60_000): Promise<void> {
  const deadline = Date.now() + budgetMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      return await ensureIndex(meili, config.meiliIndex);
    } catch (error) {
      if (Date.now() + delay > deadline) throw new Error(`Meilisearch at ${config.meiliUrl} is not usable: ${(error as Error).message}`);
      logger.warn({ err: (error as Error).message, retryInMs: delay }, 'Meilisearch not ready; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export const indexer: ServiceDefinition = {
  name: 'indexer',
  consumes: ['index'],
  async start(context) {
    const { config, scratch, logger } = context;
    await ensureIndexWithRetry(context);
    logger.info({ index: config.meiliIndex }, 'index settings applied');
    const batcher = new Batcher<Entry>(createIndexWriter(context), {
      maxSize: config.indexBatchSize,
      maxWaitMs: config.indexBatchWaitMs,
      quietMs: config.indexBatchQuietMs,
    });
    const handleIndex = async (data: IndexJob, { log }: JobContext) => {
      await batcher.add({ id: data.docId, json: await scratch.getText(data.documentKey), scratchKey: data.documentKey, acceptedAt: data.acceptedAt });
      log.debug({ docId: data.docId }, 'indexed');
    };
    // A BullMQ worker takes its jobs one Redis round trip at a time. In the other stages a finished
    // job brings the next one with it; index jobs finish only when their batch is committed, so one
    // worker's intake is a chain of waits. In the bench, with the indexer in the enricher's process,
    // one worker took no job between 1.2 s and 7.2 s and then 1,000 at once; four took them
    // steadily. Several workers therefore feed the one batcher.
    const concurrency = Math.ceil(QUEUES.index.concurrency / INTAKE_WORKERS);
    const workers = Array.from({ length: INTAKE_WORKERS }, () => startWorker('index', handleIndex, { connection: context.redis, logger, concurrency }));
    return {
      async stop() {
        await Promise.all(workers.map((worker) => worker.close(config.shutdownGraceMs)));
        await batcher.drain().catch(() => undefined);
      },
    };
  },
};
