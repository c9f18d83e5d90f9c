// Requests of one fetcher process waiting for the same host: they take it one at a time, the delay
// apart, handed over by the releasing request rather than by asking Redis over and over.
import { createRedis } from '@news/shared';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HostPoliteness } from '../../services/fetcher/src/politeness.js';
import { sleep } from '../support/wait.js';

const REDIS_DB = 8;

async function scriptCalls(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  return Number(/cmdstat_evalsha:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

describe('host politeness within one process', () => {
  let redis: Redis;

  beforeAll(async () => {
    redis = createRedis(`${inject('redisUrl')}/${REDIS_DB}`);
    await redis.flushdb();
  });

  afterAll(() => redis?.quit());

  async function crawl(politeness: HostPoliteness, host: string, requests: number, delayMs: number, requestMs: number) {
    const spans: { start: number; end: number }[] = [];
    await Promise.all(
      Array.from({ length: requests }, async () => {
        const taken = await politeness.acquire(host, delayMs, 30_000);
        if (!taken.ok) throw new Error(`not taken: wait ${taken.waitMs}`);
        const start = Date.now();
        await sleep(requestMs);
        spans.push({ start, end: Date.now() });
        await politeness.release(host, taken.token, delayMs);
      }),
    );
    return spans.sort((a, b) => a.start - b.start);
  }

  it('hands the host from one request to the next without polling Redis', async () => {
    const politeness = new HostPoliteness(redis, 10_000);
    const before = await scriptCalls(redis);
    const spans = await crawl(politeness, 'one.example', 12, 0, 120);
    const calls = (await scriptCalls(redis)) - before;
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    // One acquire and one release per request. Waiting by polling (every 50 ms while a 120 ms
    // request held the host) took 222 calls.
    expect(calls).toBe(2 * 12);
  });

  it('keeps the delay between requests handed over locally', async () => {
    const politeness = new HostPoliteness(redis, 10_000);
    const spans = await crawl(politeness, 'two.example', 4, 300, 20);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start - spans[i - 1]!.end).toBeGreaterThanOrEqual(295);
  });

  it('gives up after the longest wait, saying how long is left', async () => {
    const politeness = new HostPoliteness(redis, 10_000);
    const held = await politeness.acquire('three.example', 0, 1_000);
    expect(held.ok).toBe(true);
    const started = Date.now();
    const second = await politeness.acquire('three.example', 0, 200);
    expect(second.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    if (held.ok) await politeness.release('three.example', held.token, 0);
    expect((await politeness.acquire('three.example', 0, 200)).ok).toBe(true);
  });
});
