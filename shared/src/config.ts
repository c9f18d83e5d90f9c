// The whole configuration, read from the environment once at start-up into a typed object. A bad
// value stops the start with a message that names the variable; nothing else reads process.env.
import { existsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's infra/sources.yaml, used when SOURCES_FILE is not set. */
const DEFAULT_SOURCES_FILE = fileURLToPath(new URL('../../infra/sources.yaml', import.meta.url));

export const SERVICE_NAMES = ['fetcher', 'parser', 'enricher', 'indexer', 'scheduler', 'api'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface Config {
  /** Unset: the launcher starts an embedded redis-server. */
  redisUrl: string | null;
  /** Unset: the launcher starts an embedded Meilisearch. */
  meiliUrl: string | null;
  meiliKey: string | null;
  meiliIndex: string;
  /** The embedded Meilisearch's indexing memory (its --max-indexing-memory); DEFAULT_MEILI_MAX_INDEXING_MEMORY says why. */
  meiliMaxIndexingMemory: string;
  dataDir: string;
  /** Where raw pages and intermediate documents are kept (must be shared by all machines). */
  blobDir: string;
  apiHost: string;
  apiPort: number;
  services: ServiceName[];
  /** How the launcher spreads `services` over processes: one group of services per process. */
  serviceProcesses: ServiceName[][];
  logLevel: string;
  sourcesFile: string | null;
  fetch: {
    timeoutMs: number;
    maxBytes: number;
    maxRedirects: number;
    allowPrivateNetworks: boolean;
    userAgent: string;
    /** Minimum delay between two requests to one host. */
    hostDelayMs: number;
    /** A robots.txt Crawl-delay above this is capped (a huge one would stop a host for good). */
    maxCrawlDelayMs: number;
    /** How long a fetched robots.txt is trusted (RFC 9309 suggests at most a day). */
    robotsTtlSeconds: number;
  };
  /** Default interval bounds of a source's polls (each source may set its own). */
  sourceIntervals: { minSeconds: number; maxSeconds: number };
  /** Indexer batching: a batch is sent when full, when nothing arrived for indexBatchQuietMs, or when its first document has waited indexBatchWaitMs. */
  indexBatchSize: number;
  indexBatchWaitMs: number;
  indexBatchQuietMs: number;
  shutdownGraceMs: number;
  /** Sitemap entries older than this are not backfilled. */
  backfillMaxAgeDays: number;
  /** Documents passed between stages expire after this long unless consumed (the manual-retry window of failed jobs). */
  scratchTtlHours: number;
  /** A story is recognised in near-duplicate copies until this long after its last copy. */
  nearDuplicateDays: number;
}

/**
 * Meilisearch's default indexing memory is two thirds of the machine's RAM, and it touches memory in
 * proportion: on this 24 GiB, 2-core machine its indexing thread spent about 70 % of its time zeroing
 * fresh huge pages (perf: clear_page_erms under memset). With 1 GiB the same 2,000 news documents in
 * batches of 1,000 cost 0.64 instead of 2.38 ms of CPU each (256 MiB: 0.68, 4 GiB: 0.97, 8 GiB: 1.19).
 * A batch of news documents needs far less than 1 GiB; a larger one spills to disk, it is not refused.
 * On a machine with less than 1.5 GiB, Meilisearch's own two thirds stay the bound.
 */
export const DEFAULT_MEILI_MAX_INDEXING_MEMORY = `${Math.min(1024, Math.floor((totalmem() * 2) / 3 / 2 ** 20))}MiB`;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function str(env: Env, key: string, fallback: string): string {
  const value = env[key]?.trim();
  return value ? value : fallback;
}

function optional(env: Env, key: string): string | null {
  const value = env[key]?.trim();
  return value ? value : null;
}

function int(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key}=${raw} is not an integer between ${min} and ${max}`);
  }
  return value;
}

function bool(env: Env, key: string, fallback: boolean): boolean {
  const raw = env[key]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${key}=${env[key]} is not a boolean (use true or false)`);
}

/** A size as Meilisearch reads it: "1GiB", "512 MiB", "2GB" or a number of bytes. */
function byteSize(env: Env, key: string, fallback: string): string {
  const raw = str(env, key, fallback);
  if (!/^\d+(\.\d+)?\s?([KMGT]i?B|B)?$/i.test(raw)) throw new ConfigError(`${key}=${raw} is not a size such as 1GiB, 512MiB or 2GB`);
  return raw;
}

function url(env: Env, key: string, protocols: string[]): string | null {
  const raw = optional(env, key);
  if (raw === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${key}=${raw} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) throw new ConfigError(`${key}=${raw} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  return raw;
}

function services(env: Env): ServiceName[] {
  const raw = str(env, 'SERVICES', 'all');
  if (raw === 'all') return [...SERVICE_NAMES];
  const names = raw.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(SERVICE_NAMES as readonly string[]).includes(name));
  if (unknown.length || names.length === 0) {
    throw new ConfigError(`SERVICES=${raw}: unknown service ${unknown.join(', ') || '(none)'}; use "all" or a list of ${SERVICE_NAMES.join(', ')}`);
  }
  return [...new Set(names)] as ServiceName[];
}

/**
 * SERVICE_PROCESSES: "one" (every service in this process), "each" (a process per service), or
 * groups, a process each: "fetcher+parser,enricher+indexer,api+scheduler". Groups must name every
 * chosen service exactly once.
 */
function serviceProcesses(env: Env, chosen: ServiceName[]): ServiceName[][] {
  const raw = str(env, 'SERVICE_PROCESSES', 'one');
  if (raw === 'one') return [chosen];
  if (raw === 'each') return chosen.map((name) => [name]);
  const groups = raw.split(',').map((group) => group.split('+').map((name) => name.trim()).filter(Boolean)).filter((group) => group.length);
  const named = groups.flat();
  const problem =
    named.find((name) => !(chosen as string[]).includes(name)) ??
    named.find((name, index) => named.indexOf(name) !== index) ??
    chosen.find((name) => !named.includes(name));
  if (problem !== undefined || groups.length === 0) {
    throw new ConfigError(
      `SERVICE_PROCESSES=${raw} must be "one", "each", or groups such as "fetcher+parser,enricher+indexer,api+scheduler" ` +
        `naming each of ${chosen.join(', ')} once${problem ? ` (check ${problem})` : ''}`,
    );
  }
  return groups as ServiceName[][];
}

/** SOURCES_FILE, else the repository's infra/sources.yaml when present; "none" loads no file. */
function sourcesFile(env: Env, cwd: string): string | null {
  const raw = optional(env, 'SOURCES_FILE');
  if (raw === 'none') return null;
  if (raw) {
    const path = resolve(cwd, raw);
    if (!existsSync(path)) throw new ConfigError(`SOURCES_FILE=${raw}: no such file`);
    return path;
  }
  return existsSync(DEFAULT_SOURCES_FILE) ? DEFAULT_SOURCES_FILE : null;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const dataDir = resolve(cwd, str(env, 'NEWS_DATA_DIR', './.data'));
  const chosen = services(env);
  const contact = str(env, 'CRAWLER_CONTACT_URL', 'https://github.com/news-pipeline/news-pipeline');
  return {
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:', 'unix:']), // unix:///path/redis.sock?db=N for a local socket
    meiliUrl: url(env, 'MEILI_URL', ['http:', 'https:']),
    meiliKey: optional(env, 'MEILI_MASTER_KEY'),
    meiliIndex: str(env, 'MEILI_INDEX', 'articles'),
    meiliMaxIndexingMemory: byteSize(env, 'MEILI_MAX_INDEXING_MEMORY', DEFAULT_MEILI_MAX_INDEXING_MEMORY),
    dataDir,
    blobDir: resolve(cwd, str(env, 'BLOB_DIR', resolve(dataDir, 'blobs'))),
    apiHost: str(env, 'API_HOST', '127.0.0.1'),
    apiPort: int(env, 'API_PORT', 8080, 0, 65535),
    services: chosen,
    serviceProcesses: serviceProcesses(env, chosen),
    logLevel: str(env, 'LOG_LEVEL', 'info'),
    sourcesFile: sourcesFile(env, cwd),
    fetch: {
      timeoutMs: int(env, 'FETCH_TIMEOUT_MS', 10_000, 100, 600_000),
      maxBytes: int(env, 'FETCH_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxRedirects: int(env, 'FETCH_MAX_REDIRECTS', 5, 0, 20),
      allowPrivateNetworks: bool(env, 'FETCH_ALLOW_PRIVATE_NETWORKS', false),
      userAgent: str(env, 'FETCH_USER_AGENT', `news-pipeline/0.1 (+${contact})`),
      hostDelayMs: int(env, 'FETCH_HOST_DELAY_MS', 1000, 0, 3_600_000),
      maxCrawlDelayMs: int(env, 'FETCH_MAX_CRAWL_DELAY_MS', 60_000, 0, 3_600_000),
      robotsTtlSeconds: int(env, 'ROBOTS_CACHE_TTL_SECONDS', 24 * 3600, 1, 30 * 24 * 3600),
    },
    sourceIntervals: {
      minSeconds: int(env, 'SOURCE_MIN_INTERVAL_SECONDS', 5 * 60, 1, 30 * 24 * 3600),
      maxSeconds: int(env, 'SOURCE_MAX_INTERVAL_SECONDS', 24 * 3600, 1, 30 * 24 * 3600),
    },
    indexBatchSize: int(env, 'INDEX_BATCH_SIZE', 1000, 1, 100_000),
    indexBatchWaitMs: int(env, 'INDEX_BATCH_WAIT_MS', 1_000, 0, 60_000),
    indexBatchQuietMs: int(env, 'INDEX_BATCH_QUIET_MS', 250, 0, 60_000),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 8_000, 0, 600_000),
    backfillMaxAgeDays: int(env, 'BACKFILL_MAX_AGE_DAYS', 30, 1, 36_500),
    scratchTtlHours: int(env, 'SCRATCH_TTL_HOURS', 72, 1, 24 * 365),
    nearDuplicateDays: int(env, 'NEAR_DUPLICATE_DAYS', 30, 1, 3_650),
  };
}
