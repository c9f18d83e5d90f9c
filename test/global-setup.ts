// Starts one real redis-server and one real Meilisearch for the whole test run, with their data in
// a temporary folder, and hands their URLs to the tests (inject('redisUrl'), inject('meiliUrl')).
// Each integration test file uses its own Redis database number and its own index names.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMeilisearch, startRedis } from '../services/launcher/src/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    redisSocketUrl: string;
    meiliUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'news-test-'));
  const [redis, meili] = await Promise.all([startRedis(dataDir), startMeilisearch(dataDir)]);
  project.provide('redisUrl', redis.tcpUrl); // the tests pick databases by URL path (redis://host:port/N)
  project.provide('redisSocketUrl', redis.url);
  project.provide('meiliUrl', meili.url);
  return async () => {
    await Promise.all([redis.stop(), meili.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
