// Politeness across processes: two fetcher processes share a loopback site of four hosts. Per host
// there must be one request at a time and at least the delay between requests (1 s, or the
// robots.txt Crawl-delay when larger); a 429 with Retry-After must keep every fetcher away for that
// long; a page robots.txt disallows must fail with that reason and never be requested, also when a
// redirect from another host leads to it.
import { createRedis, enqueue, openQueues, QUEUE_PREFIX, type Queues } from '@news/shared';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveHosts, type Hit, type LoopbackSite } from './loopback-site.js';
import { sleep } from '../support/wait.js';

const REDIS_DB = 5;
const HOST_DELAY_MS = 1000;
const PLAIN = '127.0.0.2';
const SLOW_ROBOTS = '127.0.0.3'; // Crawl-delay: 2
const PICKY = '127.0.0.4'; // Disallow: /private
const BUSY = '127.0.0.5'; // first request answered 429, Retry-After: 3
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

function startFetcher(name: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'fetcher-child.mjs')], {
    env: { ...process.env, ...env, FETCH_USER_AGENT: `news-pipeline/test (${name})` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fetcher ${name} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => line === 'ready' && resolve(child));
  });
}

const byHost = (hits: Hit[], host: string) => hits.filter((hit) => hit.host === host).sort((a, b) => a.start - b.start);

describe('politeness with two fetcher processes', () => {
  let site: LoopbackSite;
  let redis: Redis;
  let queues: Queues;
  let dataDir: string;
  const children: ChildProcess[] = [];
  let busyAnswered429 = false;

  beforeAll(async () => {
    site = await serveHosts([PLAIN, SLOW_ROBOTS, PICKY, BUSY], async (request, response, host) => {
      if (request.url === '/robots.txt') {
        if (host === SLOW_ROBOTS) return void response.end('User-agent: *\nCrawl-delay: 2\n');
        if (host === PICKY) return void response.end('User-agent: news-pipeline\nDisallow: /private\n');
        response.statusCode = 404;
        return void response.end();
      }
      // Pages that moved to the picky host: one to a path it disallows, one to a path it allows.
      if (host === PLAIN && request.url?.startsWith('/moved-to-')) {
        response.writeHead(301, { location: `${site.origin(PICKY)}/${request.url.slice('/moved-to-'.length)}` });
        return void response.end();
      }
      await sleep(150); // a request that takes time shows any overlap
      if (host === BUSY && !busyAnswered429) {
        busyAnswered429 = true;
        response.writeHead(429, { 'retry-after': '3' });
        return void response.end();
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(FEED);
    });
    const redisUrl = `${inject('redisUrl')}/${REDIS_DB}`;
    redis = createRedis(redisUrl);
    await redis.flushdb();
    queues = openQueues(redis);
    dataDir = mkdtempSync(join(tmpdir(), 'news-crawl-politeness-'));
    const env = {
      REDIS_URL: redisUrl,
      MEILI_URL: inject('meiliUrl'),
      NEWS_DATA_DIR: dataDir,
      SERVICES: 'fetcher',
      FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
      FETCH_HOST_DELAY_MS: String(HOST_DELAY_MS),
      FETCH_TIMEOUT_MS: '5000',
      SHUTDOWN_GRACE_MS: '2000',
    };
    children.push(...(await Promise.all([startFetcher('A', env), startFetcher('B', env)])));
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => new Promise((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', resolve);
      child.kill('SIGTERM');
    })));
    await queues?.fetch.obliterate({ force: true }).catch(() => undefined);
    await Promise.all(Object.values(queues ?? {}).map((queue) => queue.close()));
    await redis?.quit();
    await site?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps one request at a time per host, the delay apart, across both processes', async () => {
    const jobs: Promise<unknown>[] = [];
    for (let index = 0; index < 5; index++) {
      for (const host of [PLAIN, SLOW_ROBOTS, BUSY]) jobs.push(enqueue(queues, 'fetch', { url: `${site.origin(host)}/feed-${index}.xml`, kind: 'feed' }));
    }
    jobs.push(enqueue(queues, 'fetch', { url: `${site.origin(PICKY)}/private/secret`, kind: 'page' }));
    jobs.push(enqueue(queues, 'fetch', { url: `${site.origin(PICKY)}/public/story`, kind: 'page' }));
    jobs.push(enqueue(queues, 'fetch', { url: `${site.origin(PLAIN)}/moved-to-private/moved`, kind: 'page' }));
    jobs.push(enqueue(queues, 'fetch', { url: `${site.origin(PLAIN)}/moved-to-public/moved`, kind: 'page' }));
    await Promise.all(jobs);

    const deadline = Date.now() + 45_000;
    let mostDelayed = 0;
    for (;;) {
      const counts = await queues.fetch.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      mostDelayed = Math.max(mostDelayed, counts.delayed ?? 0);
      if (Object.values(counts).every((count) => count === 0)) break;
      if (Date.now() > deadline) throw new Error(`fetch jobs still pending: ${JSON.stringify(counts)}`);
      await sleep(200);
    }

    const summary: Record<string, unknown> = {};
    for (const [host, delayMs] of [[PLAIN, HOST_DELAY_MS], [SLOW_ROBOTS, 2000], [PICKY, HOST_DELAY_MS], [BUSY, HOST_DELAY_MS]] as const) {
      const hits = byHost(site.hits, host);
      const startGaps = hits.slice(1).map((hit, index) => hit.start - hits[index]!.start);
      const idleGaps = hits.slice(1).map((hit, index) => hit.start - hits[index]!.end);
      summary[host] = { requests: hits.length, minStartGapMs: Math.min(...startGaps), minIdleGapMs: Math.min(...idleGaps), robots: hits.filter((hit) => hit.path === '/robots.txt').length };
      for (const gap of startGaps) expect(gap).toBeGreaterThanOrEqual(delayMs);
      // One at a time: a request starts only after the previous one ended.
      for (const gap of idleGaps) expect(gap).toBeGreaterThanOrEqual(0);
      // robots.txt is asked once per host, for both processes.
      expect(hits.filter((hit) => hit.path === '/robots.txt')).toHaveLength(1);
    }
    // Both processes did part of the work (each takes at most 4 jobs at a time, 17 were queued).
    const perProcess: Record<string, number> = {};
    for (const hit of site.hits) perProcess[hit.userAgent] = (perProcess[hit.userAgent] ?? 0) + 1;
    console.log('politeness per host:', JSON.stringify(summary), 'requests per process:', JSON.stringify(perProcess));
    expect(Object.keys(perProcess).sort()).toEqual(['news-pipeline/test (A)', 'news-pipeline/test (B)']);

    // Jobs that would wait long for their host were put back as delayed instead of holding a slot.
    expect(mostDelayed).toBeGreaterThan(0);

    // The 429 kept everyone away from that host for its Retry-After.
    const busy = byHost(site.hits, BUSY).filter((hit) => hit.path !== '/robots.txt');
    expect(busy).toHaveLength(6); // five feeds, one of them asked twice
    expect(busy[1]!.start - busy[0]!.end).toBeGreaterThanOrEqual(3000);

    // robots.txt: the disallowed page failed for that reason and was never requested.
    expect(site.hits.some((hit) => hit.path.startsWith('/private'))).toBe(false);
    expect(site.hits.some((hit) => hit.path === '/public/story')).toBe(true);
    // A redirect to another host is followed only where that host's robots.txt allows it (and in
    // that host's turn: its requests, the redirected one included, kept the delay apart above).
    expect(site.hits.filter((hit) => hit.host === PICKY && hit.path === '/public/moved')).toHaveLength(1);
    const failed = await queues.fetch.getFailed();
    expect(failed.map((job) => job.failedReason).sort()).toEqual([
      `disallowed by robots.txt: ${site.origin(PICKY)}/private/moved`,
      `disallowed by robots.txt: ${site.origin(PICKY)}/private/secret`,
    ]);
    const moved = (await queues.parse.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed'])).find((job) => job.data.url.endsWith('/moved-to-public/moved'));
    expect(moved?.data).toMatchObject({ finalUrl: `${site.origin(PICKY)}/public/moved`, redirects: [`${site.origin(PLAIN)}/moved-to-public/moved`] });
    expect(await redis.exists(`${QUEUE_PREFIX}:parse:wait`)).toBe(1);
  }, 60_000);
});
