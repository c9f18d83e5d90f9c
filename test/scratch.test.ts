// The scratch store on the suite's real Redis: values round-trip, keys are unique, consumed or
// expired values give a readable error.
import { createRedis, ScratchStore, type Redis } from '@news/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const REDIS_DB = 3;

describe('ScratchStore', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = createRedis(`${inject('redisUrl')}/${REDIS_DB}`);
    await redis.flushdb();
  });
  afterAll(() => redis.quit());

  it('round-trips a document, compressed, under a unique expiring key', async () => {
    const scratch = new ScratchStore(redis, 60);
    const article = { title: 'بوتين يشرح لترامب', text: 'نص '.repeat(2000) };
    const key = await scratch.put('article', article);
    expect(key).toMatch(/^news:scratch:article:[0-9a-f]{24}$/);
    expect(await scratch.put('article', article)).not.toBe(key);
    expect(await scratch.get(key)).toEqual(article);
    expect((await redis.getBuffer(key))!.length).toBeLessThan(JSON.stringify(article).length / 10);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(50);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('says what happened to a consumed value, and refuses foreign keys', async () => {
    const scratch = new ScratchStore(redis, 3600);
    const key = await scratch.put('document', { id: 'x' });
    await scratch.delete(key);
    await expect(scratch.get(key)).rejects.toThrow(/is gone \(consumed already, or older than 1 h\)/);
    await expect(scratch.get('news:validators:abc')).rejects.toThrow(/invalid scratch key/);
  });
});
