// `npm start`: validates the configuration, starts embedded Redis and Meilisearch when no
// REDIS_URL / MEILI_URL is given, then runs the chosen services, either all in this process
// (SERVICE_PROCESSES=one) or in child processes, one per service or per group of services
// (SERVICE_PROCESSES=each, or e.g. fetcher+parser,enricher+indexer,api+scheduler). SIGTERM or SIGINT
// drains the workers for a bounded time, then stops the embedded servers.
import { ConfigError, createLogger, loadConfig, type Config, type Logger } from '@news/shared';
import { spawn, type ChildProcess } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startDemoSite, type DemoSite } from './demo.js';
import { MissingDependencyError, startMeilisearch, startRedis, type EmbeddedServer } from './embedded.js';
import { processNiceness } from './priority.js';
import { runServices } from './run-services.js';

function fail(message: string, code = 1): never {
  process.stderr.write(`\nnews-pipeline: ${message}\n\n`);
  process.exit(code);
}

async function startEmbedded(config: Config, logger: Logger): Promise<{ config: Config; servers: EmbeddedServer[] }> {
  const servers: EmbeddedServer[] = [];
  let { redisUrl, meiliUrl } = config;
  if (!redisUrl) {
    // The API's port is free now but promised to the API: the servers must not take it first.
    const redis = await startRedis(config.dataDir, { avoidPorts: [config.apiPort] });
    servers.push(redis);
    redisUrl = redis.url;
    logger.info({ url: redis.url, tcpUrl: redis.tcpUrl, dir: `${config.dataDir}/redis` }, 'embedded redis started');
  }
  if (!meiliUrl) {
    const meili = await startMeilisearch(config.dataDir, { masterKey: config.meiliKey, avoidPorts: [config.apiPort], maxIndexingMemory: config.meiliMaxIndexingMemory });
    servers.push(meili);
    meiliUrl = meili.url;
    logger.info({ url: meili.url, dir: `${config.dataDir}/meili` }, 'embedded meilisearch started');
  }
  return { config: { ...config, redisUrl, meiliUrl }, servers };
}

/** One child process per group of services (SERVICE_PROCESSES), all on the same Redis and Meilisearch. */
function spawnServiceProcesses(
  config: Config,
  logger: Logger,
  onExit: (services: string, code: number | null, signal: NodeJS.Signals | null) => void,
): { stop(): Promise<void> } {
  const self = fileURLToPath(import.meta.url);
  const children = config.serviceProcesses.map((group) => {
    const services = group.join(',');
    // Node flags (memory limits, --cpu-prof) apply to every service process alike.
    const child = spawn(process.execPath, [...process.execArgv, self], {
      // The IPC channel is how a service process learns that its launcher is gone (see main).
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, SERVICES: services, SERVICE_PROCESSES: 'one', REDIS_URL: config.redisUrl!, MEILI_URL: config.meiliUrl!, DEMO_SITE: 'false' },
    });
    child.on('exit', (code, signal) => {
      logger.info({ serviceProcess: services, code, signal }, 'service process exited');
      onExit(services, code, signal);
    });
    const niceness = processNiceness(group);
    if (niceness && child.pid !== undefined) {
      try {
        // Relative to the launcher's own niceness (`nice npm start` keeps working), at most 19.
        setPriority(child.pid, Math.min(19, getPriority() + niceness));
      } catch (error) {
        logger.warn({ serviceProcess: services, niceness, err: (error as Error).message }, 'could not lower the priority of an upstream service process');
      }
    }
    return child;
  });
  return {
    async stop() {
      await Promise.all(
        children.map((child) =>
          child.exitCode !== null || child.signalCode !== null
            ? undefined
            : new Promise<void>((resolve) => {
                child.once('exit', () => resolve());
                child.kill('SIGTERM');
              }),
        ),
      );
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`, 2);
    throw error;
  }
  // Each service's logs carry its name (run-services adds it); the launcher's own carry "launcher".
  const rootLogger = createLogger(config.logLevel);
  const logger = rootLogger.child({ service: 'launcher' });

  let embedded: Awaited<ReturnType<typeof startEmbedded>>;
  try {
    embedded = await startEmbedded(config, logger);
  } catch (error) {
    if (error instanceof MissingDependencyError) fail(error.message);
    throw error;
  }
  config = embedded.config;

  // A service process of a launcher (SERVICE_PROCESSES) has an IPC channel to it.
  const startedByLauncher = process.send !== undefined;
  // Signals are handled from here on, so a stop while services or the demo are starting still
  // stops what was started.
  let stopServices: () => Promise<void> = async () => undefined;
  let demo: DemoSite | null = null;
  let stopping = false;
  const shutdown = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    // Hard stop if something hangs: the data is safe (AOF, committed batches, stalled-job recovery).
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + 10_000).unref();
    try {
      await demo?.stop();
      await stopServices();
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'error while stopping services');
    }
    for (const server of embedded.servers.reverse()) await server.stop();
    logger.info('stopped');
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // A service process started by a launcher: if the launcher dies without stopping it (killed, or
  // failed), its IPC channel closes; stop too, rather than run on against servers that are gone.
  if (startedByLauncher) process.on('disconnect', () => void shutdown('launcher gone'));

  if (config.serviceProcesses.length > 1) {
    // A service process that dies on its own (failed start, crash) stops the whole stack with an
    // error, as one process would: a supervisor (systemd, Docker) restarts it whole, and the stack
    // never runs on silently without a stage.
    const processes = spawnServiceProcesses(config, logger, (services, code, signal) => {
      if (stopping) return;
      logger.error({ serviceProcess: services, code, signal }, `service process ${services} exited on its own; stopping the stack`);
      void shutdown(`service process ${services} exited`, 1);
    });
    stopServices = processes.stop;
  } else {
    const running = await runServices(config, rootLogger);
    stopServices = running.stop;
  }

  if (process.env.DEMO_SITE === 'true' && config.services.includes('api')) {
    demo = await startDemoSite(config, logger);
  }
  // Once per stack: a service process leaves the banner to its launcher.
  if (config.services.includes('api') && !stopping && !startedByLauncher) {
    const base = `http://${config.apiHost}:${config.apiPort}`;
    const embeddedRedis = embedded.servers.find((server) => server.name === 'redis');
    process.stderr.write(
      `\nnews-pipeline is running (services: ${config.services.join(', ')}; data: ${config.dataDir})\n` +
        `  API        ${base}   e.g. curl '${base}/api/search?q=Putin'\n` +
        `  Dashboard  ${base}/admin/queues\n` +
        `  Redis      ${config.redisUrl}${embeddedRedis && embeddedRedis.tcpUrl !== embeddedRedis.url ? ` (redis-cli: ${embeddedRedis.tcpUrl})` : ''}\n` +
        `  Meilisearch ${config.meiliUrl}\n` +
        (demo ? `  Demo site  ${demo.origin} (its feed was ingested)\n` : '') +
        `Stop with Ctrl-C.\n\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`news-pipeline: failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
