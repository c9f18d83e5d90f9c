// The one worker base of the pipeline. It validates each payload against its queue's schema,
// gives the handler a child logger carrying queue, job id and URL, applies the queue's
// concurrency from the table, and owns shutdown: drain active jobs for a bounded time, then stop
// anyway (the jobs still active are picked up again as stalled by the next worker).
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ServiceName } from './config.js';
import type { Logger } from './logger.js';
import type { ServiceContext, ServiceDefinition } from './service.js';
import { QUEUE_PREFIX, QUEUES, checkPayloadShape, type Payload, type QueueName } from './queues.js';
import { ValidationError } from './validate.js';

/** Thrown for failures that no retry can fix (HTTP 404, invalid payload, not an article). */
export { UnrecoverableError as PermanentError };

export interface JobContext {
  job: Job;
  /** The worker's lock token for this job (needed by job.moveToDelayed). */
  token?: string;
  log: Logger;
}

/** Thrown by `postpone`: BullMQ then leaves the job delayed, without counting an attempt. */
export { DelayedError };

/**
 * Puts the job back as delayed until `untilMs` instead of holding a worker slot while waiting
 * (e.g. for a busy host), by throwing DelayedError: the handler lets it propagate. A job run
 * without its lock token (called directly, not by a worker) cannot be moved: then this returns
 * and the caller waits in place.
 */
export async function postpone(context: JobContext, untilMs: number, reason: string): Promise<void> {
  if (!context.token) return;
  await context.job.moveToDelayed(untilMs, context.token);
  throw new DelayedError(reason);
}

export type JobHandler<Q extends QueueName> = (data: Payload<Q>, context: JobContext) => Promise<unknown>;

export interface PipelineWorker {
  /** Waits up to graceMs for active jobs, then closes regardless. */
  close(graceMs: number): Promise<void>;
}

export function startWorker<Q extends QueueName>(
  queue: Q,
  handler: JobHandler<Q>,
  options: { connection: Redis; logger: Logger; concurrency?: number },
): PipelineWorker {
  const logger = options.logger.child({ queue });
  const worker = new Worker(
    queue,
    async (job: Job, token?: string) => {
      let data: Payload<Q>;
      try {
        // The size was checked when the job was added; receipt only re-checks the shape.
        data = checkPayloadShape(queue, job.data);
      } catch (error) {
        if (error instanceof ValidationError) throw new UnrecoverableError(`invalid ${queue} payload: ${error.message}`);
        throw error;
      }
      const url = (data as { url?: string }).url;
      const log = logger.child({ jobId: job.id, ...(url ? { url } : {}), attempt: job.attemptsMade + 1 });
      return handler(data, { job, token, log });
    },
    {
      connection: options.connection,
      prefix: QUEUE_PREFIX,
      concurrency: options.concurrency ?? QUEUES[queue].concurrency,
      // Long CPU-bound jobs must not be mistaken for stalled ones.
      lockDuration: 60_000,
      maxStalledCount: 2,
    },
  );
  worker.on('failed', (job, error) => {
    const willRetry = job && job.attemptsMade < (job.opts.attempts ?? 1) && !(error instanceof UnrecoverableError);
    logger.warn({ jobId: job?.id, url: (job?.data as { url?: string } | undefined)?.url, err: error.message, attemptsMade: job?.attemptsMade, willRetry }, 'job failed');
  });
  // Without a listener an 'error' event (e.g. Redis gone) would crash the process.
  worker.on('error', (error) => logger.error({ err: error.message }, 'worker error'));

  return {
    async close(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      const drained = worker.close().then(() => true);
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
      const clean = await Promise.race([drained, timedOut]);
      clearTimeout(timer);
      if (!clean) {
        logger.warn({ graceMs }, 'active jobs did not finish in time; closing anyway (they will be retried)');
        await worker.close(true);
      }
    },
  };
}

/**
 * A service that is one worker on one queue: the common case. The handler is built once per
 * process from the context; stopping drains the worker within the configured grace period.
 */
export function workerService<Q extends QueueName>(name: ServiceName, queue: Q, createHandler: (context: ServiceContext) => JobHandler<Q>): ServiceDefinition {
  return {
    name,
    consumes: [queue],
    async start(context) {
      const worker = startWorker(queue, createHandler(context), { connection: context.redis, logger: context.logger });
      return { stop: () => worker.close(context.config.shutdownGraceMs) };
    },
  };
}
