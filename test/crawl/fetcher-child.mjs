// One fetcher process for the crawl tests: the built fetcher service alone, configured from the
// environment like any deployment (`SERVICES=fetcher`). Prints "ready" when it takes jobs, and
// drains and exits on SIGTERM. Needs the build (`npm test` runs tsc -b first).
import { fetcher } from '@news/fetcher';
import { createContext } from '@news/launcher/run-services';
import { closeQueues, createLogger, loadConfig } from '@news/shared';

const config = loadConfig();
const context = await createContext(config, createLogger(process.env.LOG_LEVEL ?? 'silent'));
const running = await fetcher.start(context);
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await running.stop();
  await closeQueues(context.queues);
  await context.redis.quit();
  process.exit(0);
});
