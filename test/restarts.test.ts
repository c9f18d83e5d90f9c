// Nothing accepted is lost when Meilisearch or Redis restarts under the pipeline: index jobs fail
// with a readable reason and retry, workers reconnect, and the story ends up searchable. This file
// runs its own Redis and Meilisearch (not the suite's), since it stops and restarts them.
import { createLogger, documentId, enqueue, loadConfig, type SearchDocument } from '@news/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SITE_DIR } from '../services/launcher/src/demo.js';
import { freePort, startMeilisearch, startRedis, type EmbeddedServer } from '../services/launcher/src/embedded.js';
import { serveFixtureSite } from '../services/launcher/src/fixture-site.js';
import { runServices } from '../services/launcher/src/run-services.js';
import { buildApp } from '../services/api/src/app.js';
import { sleep, until } from './support/wait.js';

describe('restarts', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  async function setUp() {
    const dataDir = mkdtempSync(join(tmpdir(), 'news-restarts-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const ports = { redis: await freePort(), meili: await freePort() };
    const servers: { redis: EmbeddedServer; meili: EmbeddedServer } = {
      redis: await startRedis(dataDir, { port: ports.redis }),
      meili: await startMeilisearch(dataDir, { port: ports.meili }),
    };
    cleanups.push(async () => {
      await servers.redis.stop();
      await servers.meili.stop();
    });
    const site = await serveFixtureSite(DEMO_SITE_DIR);
    cleanups.push(() => site.close());
    const config = loadConfig({
      REDIS_URL: servers.redis.url, MEILI_URL: servers.meili.url, NEWS_DATA_DIR: dataDir,
      SERVICES: 'fetcher,parser,enricher,indexer', FETCH_ALLOW_PRIVATE_NETWORKS: 'true', FETCH_HOST_DELAY_MS: '0',
      FETCH_TIMEOUT_MS: '1500', INDEX_BATCH_WAIT_MS: '50', SHUTDOWN_GRACE_MS: '2000',
    });
    const running = await runServices(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
    cleanups.push(() => running.stop());
    const storyId = documentId(`${site.origin}/news/international/156712`);
    const index = running.context.meili.index<SearchDocument>(config.meiliIndex);
    return { dataDir, ports, servers, site, running, storyId, index };
  }

  it('a Meilisearch outage delays indexing with a readable reason, then the story arrives', async () => {
    const { dataDir, ports, servers, site, running, storyId, index } = await setUp();
    await servers.meili.stop();
    await enqueue(running.context.queues, 'fetch', { url: `${site.origin}/news/international/156712`, kind: 'page' });

    const api = await buildApp(running.context);
    cleanups.push(() => api.close());
    const health = await api.inject('/healthz');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', redis: 'ok', meilisearch: expect.stringMatching(/^down: /) });

    const retrying = await until('an index job waiting to retry', async () => {
      const [delayed] = await running.context.queues.index.getDelayed();
      return delayed && delayed.attemptsMade >= 1 && delayed;
    });
    expect(retrying.failedReason).toMatch(/^Meilisearch: .*ECONNREFUSED/);

    servers.meili = await startMeilisearch(dataDir, { port: ports.meili });
    const story = await until('the story after Meilisearch is back', () => index.getDocument(storyId), 60_000);
    expect(story.title).toContain('بوتين');
    expect((await api.inject('/healthz')).statusCode).toBe(200);
  }, 120_000);

  it('a Redis restart loses no queued job', async () => {
    const { dataDir, ports, servers, site, running, storyId, index } = await setUp();
    await running.context.queues.fetch.pause();
    await enqueue(running.context.queues, 'fetch', { url: `${site.origin}/news/international/156712`, kind: 'page' });
    // Redis writes its append-only file every second; give it that second before the restart.
    await sleep(1_200);
    await servers.redis.stop();
    servers.redis = await startRedis(dataDir, { port: ports.redis });
    await until('redis reconnected', async () => (await running.context.redis.ping()) === 'PONG');
    expect(await running.context.queues.fetch.getWaitingCount()).toBe(1);
    await running.context.queues.fetch.resume();
    const story = await until('the story after the restart', () => index.getDocument(storyId), 60_000);
    expect(story.canonicalUrl).toBe(`${site.origin}/news/international/156712`);
  }, 120_000);
});
