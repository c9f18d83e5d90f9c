// Operator endpoints: counts per queue, failed jobs with their reasons, retrying, pausing.
import { isQueueName, QUEUE_NAMES, QUEUES, type QueueName, type ServiceContext } from '@news/shared';
import type { Job } from 'bullmq';
import type { FastifyInstance, FastifyReply } from 'fastify';

const COUNT_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

function summarise(job: Job) {
  return {
    id: job.id,
    name: job.name,
    data: job.data,
    failedReason: job.failedReason,
    attemptsMade: job.attemptsMade,
    attemptsAllowed: job.opts.attempts ?? 1,
    timestamp: job.timestamp,
    processedOn: job.processedOn ?? null,
    finishedOn: job.finishedOn ?? null,
    stacktrace: (job.stacktrace ?? []).slice(-1),
  };
}

export function registerQueueRoutes(app: FastifyInstance, { queues }: ServiceContext): void {
  const queueOr404 = (name: string, reply: FastifyReply) => {
    if (isQueueName(name)) return queues[name as QueueName];
    void reply.code(404).send({ error: `no queue named "${name}"; queues are ${QUEUE_NAMES.join(', ')}` });
    return null;
  };

  app.get('/api/queues', async () => ({
    queues: await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const [paused, counts] = await Promise.all([queues[name].isPaused(), queues[name].getJobCounts(...COUNT_STATES)]);
        return { name, description: QUEUES[name].description, consumer: QUEUES[name].consumer, paused, counts };
      }),
    ),
  }));

  app.get<{ Params: { name: string }; Querystring: { start?: string; limit?: string } }>('/api/queues/:name/failed', async (request, reply) => {
    const queue = queueOr404(request.params.name, reply);
    if (!queue) return reply;
    const start = Math.max(0, Number(request.query.start ?? 0) || 0);
    const limit = Math.min(500, Math.max(1, Number(request.query.limit ?? 100) || 100));
    const [jobs, total] = await Promise.all([queue.getFailed(start, start + limit - 1), queue.getFailedCount()]);
    return { total, jobs: jobs.filter(Boolean).map(summarise) };
  });

  app.post<{ Params: { name: string } }>('/api/queues/:name/failed/retry', async (request, reply) => {
    const queue = queueOr404(request.params.name, reply);
    if (!queue) return reply;
    const count = await queue.getFailedCount();
    await queue.retryJobs({ state: 'failed', count: 1000 });
    return reply.code(202).send({ retried: count });
  });

  app.post<{ Params: { name: string; id: string } }>('/api/queues/:name/jobs/:id/retry', async (request, reply) => {
    const queue = queueOr404(request.params.name, reply);
    if (!queue) return reply;
    const job = await queue.getJob(request.params.id);
    if (!job) return reply.code(404).send({ error: `no job ${request.params.id} in ${request.params.name}` });
    if (!(await job.isFailed())) return reply.code(409).send({ error: `job ${job.id} is not failed` });
    await job.retry('failed');
    return reply.code(202).send({ retried: job.id });
  });

  for (const action of ['pause', 'resume'] as const) {
    app.post<{ Params: { name: string } }>(`/api/queues/:name/${action}`, async (request, reply) => {
      const queue = queueOr404(request.params.name, reply);
      if (!queue) return reply;
      await queue[action]();
      return { name: request.params.name, paused: await queue.isPaused() };
    });
  }
}
