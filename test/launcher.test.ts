// `npm start` as a user runs it: the built launcher with embedded Redis and Meilisearch in a fresh
// data folder. SIGTERM stops every process it started within the bound, and a restart on the same
// folder still has the pending job and the source that were there before. (Needs the build:
// `npm test` runs `tsc -b` first.)
import { createRedis, QUEUE_PREFIX } from '@news/shared';
import { Queue } from 'bullmq';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, processAlive as alive } from '../services/launcher/src/embedded.js';
import { sleep, until } from './support/wait.js';

const LAUNCHER = join(import.meta.dirname, '..', 'services', 'launcher', 'dist', 'main.js');

/** The embedded Redis and Meilisearch pids, from the pid files the launcher writes. */
const serverPids = (dataDir: string) => ['redis/redis.pid', 'meili/meilisearch.pid'].map((file) => Number(readFileSync(join(dataDir, file), 'utf8')));

/** Pids of a process's children, with their command lines' environment (Linux /proc). */
function childrenOf(pid: number): { pid: number; services: string; niceness: number }[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
        if (Number(stat[1]) !== pid) return [];
        const services = /(?:^|\0)SERVICES=([^\0]*)/.exec(readFileSync(`/proc/${entry}/environ`, 'utf8'))?.[1] ?? '';
        return [{ pid: Number(entry), services, niceness: Number(stat[16]) }];
      } catch {
        return []; // gone meanwhile
      }
    });
}

const GROUPS = { SERVICE_PROCESSES: 'fetcher+parser,enricher+indexer+api+scheduler' };

describe('launcher', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).reverse().forEach((cleanup) => cleanup()));

  function start(dataDir: string, apiPort: number, env: Record<string, string> = {}): { child: ChildProcess; output: () => string } {
    let output = '';
    const child = spawn(process.execPath, [LAUNCHER], {
      env: { ...process.env, NEWS_DATA_DIR: dataDir, API_PORT: String(apiPort), REDIS_URL: '', MEILI_URL: '', SOURCES_FILE: 'none', LOG_LEVEL: 'warn', DEMO_SITE: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
    return { child, output: () => output };
  }

  it('stops everything on SIGTERM and keeps pending jobs and sources across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'news-launcher-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const apiPort = await freePort();
    const api = `http://127.0.0.1:${apiPort}`;

    const first = start(dataDir, apiPort);
    await until('the API to be healthy', async () => (await fetch(`${api}/healthz`)).ok, 90_000);
    expect(first.output()).toContain(`Dashboard  ${api}/admin/queues`);
    const pids = serverPids(dataDir);

    // A source, and a job that cannot run yet (its queue is paused).
    const added = await fetch(`${api}/api/sources`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://example.org/feed.xml', enabled: false }) });
    expect(added.status).toBe(201);
    expect((await fetch(`${api}/api/queues/fetch/pause`, { method: 'POST' })).ok).toBe(true);
    const ingest = await fetch(`${api}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://example.org/story' }) });
    const { jobId } = (await ingest.json()) as { jobId: string };
    await sleep(1_200); // the append-only file is written every second

    const stoppedAt = Date.now();
    first.child.kill('SIGTERM');
    await until('the launcher to exit', async () => first.child.exitCode !== null, 20_000);
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    expect(first.child.exitCode).toBe(0);
    await until('Redis and Meilisearch to be gone', async () => pids.every((pid) => !alive(pid)), 5_000);
    expect(existsSync(join(dataDir, 'redis/redis.pid'))).toBe(false);

    const second = start(dataDir, apiPort);
    await until('the API to be healthy again', async () => (await fetch(`${api}/healthz`)).ok, 90_000);
    const redisAgain = /Redis\s+((?:unix|redis):\/\/\S+)/.exec(second.output())![1]!;
    const redis = createRedis(redisAgain);
    const queue = new Queue('fetch', { connection: redis, prefix: QUEUE_PREFIX });
    try {
      const job = await queue.getJob(jobId);
      expect(job?.data).toMatchObject({ url: 'https://example.org/story' });
      expect(await queue.isPaused()).toBe(true);
    } finally {
      await queue.close();
      await redis.quit();
    }
    const sources = (await (await fetch(`${api}/api/sources`)).json()) as { sources: { url: string }[] };
    expect(sources.sources.map((source) => source.url)).toContain('https://example.org/feed.xml');

    second.child.kill('SIGTERM');
    await until('the second launcher to exit', async () => second.child.exitCode !== null, 20_000);
  }, 240_000);

  it('leaves no server behind when the launcher itself is killed outright', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'news-launcher-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const apiPort = await freePort();
    const launcher = start(dataDir, apiPort);
    await until('the API to be healthy', async () => (await fetch(`http://127.0.0.1:${apiPort}/healthz`)).ok, 90_000);
    const pids = serverPids(dataDir);
    expect(pids.every(alive)).toBe(true);
    launcher.child.kill('SIGKILL');
    await until('the watchdogs to stop Redis and Meilisearch', async () => pids.every((pid) => !alive(pid)), 20_000);
  }, 120_000);

  it('runs service processes, ingests the demo through them, and stops the stack when one dies', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'news-launcher-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const apiPort = await freePort();
    const api = `http://127.0.0.1:${apiPort}`;
    // The API lives in a service process: the demo must wait for it rather than fail the start.
    const launcher = start(dataDir, apiPort, { ...GROUPS, DEMO_SITE: 'true', FETCH_ALLOW_PRIVATE_NETWORKS: 'true' });
    await until('the demo story to be searchable', async () => ((await (await fetch(`${api}/api/search?q=Putin`)).json()) as { total: number }).total > 0, 90_000);
    const children = childrenOf(launcher.child.pid!).filter((child) => child.services);
    expect(children.map((child) => child.services).sort()).toEqual(['enricher,indexer,api,scheduler', 'fetcher,parser']);
    // Fetching and parsing yield the CPU to the stages after them.
    expect(children.find((child) => child.services === 'fetcher,parser')!.niceness).toBe(children.find((child) => child.services !== 'fetcher,parser')!.niceness + 10);

    const servers = serverPids(dataDir);
    process.kill(children.find((child) => child.services === 'fetcher,parser')!.pid, 'SIGKILL');
    await until('the launcher to exit', async () => launcher.child.exitCode !== null, 30_000);
    expect(launcher.child.exitCode).toBe(1);
    expect(launcher.output()).toMatch(/service process fetcher,parser exited/);
    expect([...servers, ...children.map((child) => child.pid)].filter(alive)).toEqual([]);
  }, 150_000);

  it('leaves no service process behind when the launcher is killed outright', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'news-launcher-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const apiPort = await freePort();
    const launcher = start(dataDir, apiPort, GROUPS);
    await until('the API to be healthy', async () => (await fetch(`http://127.0.0.1:${apiPort}/healthz`)).ok, 90_000);
    const children = childrenOf(launcher.child.pid!).filter((child) => child.services).map((child) => child.pid);
    expect(children).toHaveLength(2);
    launcher.child.kill('SIGKILL');
    await until('the service processes to stop', async () => children.every((pid) => !alive(pid)), 30_000);
  }, 120_000);
});
