// newsctl ingest URL [--wait] [--timeout SECONDS]: queue a feed or page; with --wait, wait until
// the pipeline has no work left and report what failed.
import { callApi, reportErrors, type QueueInfo } from '../api-client.js';

// Not 'delayed': delayed fetch jobs of other sources would keep us waiting forever.
const BUSY_STATES = ['waiting', 'active', 'prioritized', 'waiting-children'];

export async function run(args: string[]): Promise<number> {
  return reportErrors(async () => {
    const url = args.find((arg) => !arg.startsWith('--'));
    if (!url) throw new Error('usage: newsctl ingest URL [--wait] [--timeout SECONDS]');
    const timeoutIndex = args.indexOf('--timeout');
    const timeoutSeconds = timeoutIndex >= 0 ? Number(args[timeoutIndex + 1]) : 120;
    const before = await callApi<{ queues: QueueInfo[] }>('/api/queues');
    const accepted = await callApi<{ jobId: string }>('/api/ingest', { method: 'POST', body: { url } });
    console.log(`accepted ${url} (fetch job ${accepted.jobId})`);
    if (!args.includes('--wait')) return 0;
    const failedBefore = new Map(before.queues.map((queue) => [queue.name, queue.counts.failed ?? 0]));
    const deadline = Date.now() + timeoutSeconds * 1000;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const { queues } = await callApi<{ queues: QueueInfo[] }>('/api/queues');
      const busy = queues.reduce((sum, queue) => sum + BUSY_STATES.reduce((n, state) => n + (queue.counts[state] ?? 0), 0), 0);
      if (busy === 0) {
        const failed = queues.map((queue) => [queue.name, (queue.counts.failed ?? 0) - (failedBefore.get(queue.name) ?? 0)] as const).filter(([, n]) => n > 0);
        console.log(failed.length ? `done; new failures: ${failed.map(([name, n]) => `${name} ${n}`).join(', ')} (see newsctl queues)` : 'done; no new failures');
        return 0;
      }
      if (Date.now() > deadline) throw new Error(`still ${busy} jobs in progress after ${timeoutSeconds} s`);
    }
  });
}
