// Sources end to end on real queues: a source added through the API gets a job scheduler from the
// scheduler process, is polled (fetcher, parser), and its status shows the poll; a 304 and a 429
// adapt its interval; pause, resume, retune and delete reach the job schedulers; the sources file
// seeds sources without overriding run-time changes.
import { buildApp } from '@news/api/app';
import { schedulerIdOf } from '@news/scheduler/schedules';
import type { SourceView } from '@news/scheduler/source-view';
import { createLogger, enqueue, loadConfig } from '@news/shared';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runServices } from '../../services/launcher/src/run-services.js';
import { serveHosts, type LoopbackSite } from './loopback-site.js';
import { until } from '../support/wait.js';

const REDIS_DB = 7;
const HOST = '127.0.0.6';

function rss(origin: string): string {
  const items = [1, 2, 3].map((n) => `<item><title>Story ${n}</title><link>${origin}/story/${n}</link><guid>${origin}/story/${n}</guid></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback news</title><link>${origin}/</link>${items}</channel></rss>`;
}

describe('sources through the API, the scheduler and the queues', () => {
  let site: LoopbackSite;
  let app: FastifyInstance;
  let running: Awaited<ReturnType<typeof runServices>>;
  let dataDir: string;
  let feedAnswer: 'normal' | 'rate-limited' = 'normal';

  beforeAll(async () => {
    site = await serveHosts([HOST], (request, response) => {
      const origin = site.origin(HOST);
      if (request.url === '/robots.txt') return void response.end(`User-agent: *\nAllow: /\nSitemap: ${origin}/news-sitemap.xml\n`);
      if (request.url === '/feed.xml') {
        if (feedAnswer === 'rate-limited') return void response.writeHead(429, { 'retry-after': '120' }).end();
        if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304, { etag: '"v1"' }).end();
        return void response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'cache-control': 'max-age=60' }).end(rss(origin));
      }
      response.writeHead(404).end();
    });
    dataDir = mkdtempSync(join(tmpdir(), 'news-crawl-sources-'));
    const sourcesFile = join(dataDir, 'sources.yaml');
    writeFileSync(sourcesFile, 'sources:\n  - url: https://file.example/sitemap.xml\n    enabled: false\n    language: en\n');
    const config = loadConfig({
      REDIS_URL: `${inject('redisUrl')}/${REDIS_DB}`,
      MEILI_URL: inject('meiliUrl'),
      NEWS_DATA_DIR: dataDir,
      SERVICES: 'fetcher,parser,scheduler',
      SOURCES_FILE: sourcesFile,
      FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
      FETCH_HOST_DELAY_MS: '100',
      FETCH_TIMEOUT_MS: '3000',
      SHUTDOWN_GRACE_MS: '2000',
    });
    // Clean slate for this file's database before the scheduler loads the file.
    const { createRedis } = await import('@news/shared');
    const cleaner = createRedis(config.redisUrl!);
    await cleaner.flushdb();
    await cleaner.quit();
    running = await runServices(config, createLogger('silent'));
    app = await buildApp(running.context);
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await running?.stop();
    await site?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const list = async () => (await app.inject({ method: 'GET', url: '/api/sources' })).json<{ sources: SourceView[] }>().sources;
  const one = async (id: string) => (await list()).find((source) => source.id === id);
  const scheduler = (id: string) => running.context.queues.fetch.getJobScheduler(schedulerIdOf(id));

  it('loads the sources file, paused as written', async () => {
    const [fromFile] = await list();
    expect(fromFile).toMatchObject({ url: 'https://file.example/sitemap.xml', kind: 'sitemap', origin: 'file', enabled: false, language: 'en', nextRunAt: null });
    expect(await scheduler(fromFile!.id)).toBeUndefined();
  });

  it('refuses bad bodies with 400 and a duplicate with 409', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/sources', payload: { url: 'javascript:alert(1)' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/url/);
    const bounds = await app.inject({ method: 'POST', url: '/api/sources', payload: { url: 'https://x.example/rss', min: '2h', max: '1h' } });
    expect(bounds.statusCode).toBe(400);
    const patch = await app.inject({ method: 'PATCH', url: '/api/sources/000000000000', payload: {} });
    expect(patch.statusCode).toBe(400);
    const again = await app.inject({ method: 'POST', url: '/api/sources', payload: { url: 'https://file.example/sitemap.xml' } });
    expect(again.statusCode).toBe(409);
  });

  it('schedules, polls and adapts a source added through the API', async () => {
    const feedUrl = `${site.origin(HOST)}/feed.xml`;
    const created = await app.inject({ method: 'POST', url: '/api/sources', payload: { url: feedUrl, min: '10s', max: '1h', language: 'ar' } });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<SourceView>();

    // The scheduler hears of it and creates the job scheduler; the first poll comes within 5 s.
    const job = await until('the job scheduler', () => scheduler(id));
    expect(job.template?.data).toEqual({ url: feedUrl, kind: 'feed', sourceId: id, language: 'ar' });
    const polled = await until('the first poll', async () => ((await one(id))?.lastPollAt ? one(id) : undefined));
    expect(polled).toMatchObject({ httpStatus: 200, newItems: 3, duplicateItems: 0, intervalReason: 'first poll', lastError: null });
    expect(Math.abs(polled.intervalSeconds - 900)).toBeLessThanOrEqual(90); // the first interval, jittered
    expect(polled.discoveredSitemaps).toEqual([`${site.origin(HOST)}/news-sitemap.xml`]);
    expect(Date.parse(polled.nextRunAt!)).toBeGreaterThan(Date.now());

    // Next poll answers 304 (the ETag is sent): the interval grows by half, jittered, and the
    // job scheduler follows.
    await enqueue(running.context.queues, 'fetch', { url: feedUrl, kind: 'feed', sourceId: id });
    const unchanged = await until('the 304 poll', async () => ((await one(id))?.httpStatus === 304 ? one(id) : undefined));
    expect(unchanged.intervalSeconds).toBeGreaterThanOrEqual(Math.round(polled.intervalSeconds * 1.5 * 0.9));
    expect(unchanged.intervalSeconds).toBeLessThanOrEqual(Math.round(polled.intervalSeconds * 1.5 * 1.1));
    expect((await scheduler(id))?.every).toBe(unchanged.intervalSeconds * 1000);

    // A 429 with Retry-After: the source waits at least that long and says why.
    feedAnswer = 'rate-limited';
    await running.context.redis.del(`news:host:${HOST}:next`); // the 429 pauses the host; start clean
    await enqueue(running.context.queues, 'fetch', { url: feedUrl, kind: 'feed', sourceId: id });
    const limited = await until('the 429 poll', async () => ((await one(id))?.httpStatus === 429 ? one(id) : undefined));
    expect(limited.lastError).toMatch(/HTTP 429/);
    const status = await until('the adapted interval', async () => ((await one(id))?.intervalReason?.includes('Retry-After') ? one(id) : undefined));
    expect(status.intervalSeconds).toBeGreaterThanOrEqual(120);
    feedAnswer = 'normal';

    // Pause, then resume with validators ignored: the job scheduler goes and comes back changed.
    const paused = await app.inject({ method: 'PATCH', url: `/api/sources/${id}`, payload: { enabled: false } });
    expect(paused.json()).toMatchObject({ enabled: false, nextRunAt: null });
    await until('the job scheduler to go', async () => !(await scheduler(id)));
    await app.inject({ method: 'PATCH', url: `/api/sources/${id}`, payload: { enabled: true, ignoreValidators: true, max: '30m' } });
    const resumed = await until('the job scheduler to come back', () => scheduler(id));
    expect(resumed.template?.data).toEqual({ url: feedUrl, kind: 'feed', sourceId: id, ignoreValidators: true, language: 'ar' });
    expect(resumed.every).toBeLessThanOrEqual(1800 * 1000);

    // Delete: gone from the list and from the schedules.
    expect((await app.inject({ method: 'DELETE', url: `/api/sources/${id}` })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: `/api/sources/${id}` })).statusCode).toBe(404);
    await until('the job scheduler to be removed', async () => !(await scheduler(id)));
    expect(await one(id)).toBeUndefined();
  }, 60_000);
});
