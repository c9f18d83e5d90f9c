// One fetcher process for the crawl tests: the built fetch handler on the worker base, configured
// from the environment like any deployment. Its concurrency is small (FETCH_TEST_CONCURRENCY) so
// that two such processes must share the jobs. Prints "ready" when it takes jobs, and drains and
// exits on SIGTERM. Needs the build (`npm test` runs tsc -b first).
import { createFetchHandler } from '@news/fetcher';
import { createContext } from '@news/launcher/run-services';
import { closeQueues, createLogger, loadConfig, startWorker } from '@news/shared';

const config = loadConfig();
const context = await createContext(config, createLogger(process.env.LOG_LEVEL ?? 'silent'));
const worker = startWorker('fetch', createFetchHandler(context), {
  connection: context.redis,
  logger: context.logger,
  concurrency: Number(process.env.FETCH_TEST_CONCURRENCY ?? 4),
});
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await worker.close(config.shutdownGraceMs);
  await closeQueues(context.queues);
  await context.redis.quit();
  process.exit(0);
});
