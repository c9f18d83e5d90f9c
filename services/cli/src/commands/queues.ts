// newsctl queues [--failed NAME]: job counts per queue, or the failed jobs of one queue.
import { callApi, reportErrors, type QueueInfo } from '../api-client.js';

export async function run(args: string[]): Promise<number> {
  return reportErrors(async () => {
    const failedIndex = args.indexOf('--failed');
    if (failedIndex >= 0) {
      const name = args[failedIndex + 1];
      if (!name) throw new Error('usage: newsctl queues --failed QUEUE');
      const { jobs } = await callApi<{ jobs: { id: string; data: { url?: string }; failedReason: string; attemptsMade: number }[] }>(`/api/queues/${encodeURIComponent(name)}/failed`);
      for (const job of jobs) console.log(`${job.id}\t${job.attemptsMade} attempt(s)\t${job.data.url ?? ''}\t${job.failedReason}`);
      if (!jobs.length) console.log(`no failed jobs in ${name}`);
      return 0;
    }
    const { queues } = await callApi<{ queues: QueueInfo[] }>('/api/queues');
    const columns = ['waiting', 'active', 'delayed', 'completed', 'failed'];
    console.log(['queue'.padEnd(12), ...columns.map((c) => c.padStart(10))].join(''));
    for (const queue of queues) {
      console.log([`${queue.name}${queue.paused ? ' (paused)' : ''}`.padEnd(12), ...columns.map((c) => String(queue.counts[c] ?? 0).padStart(10))].join(''));
    }
    return 0;
  });
}
