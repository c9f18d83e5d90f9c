// The fingerprint registry's server-side script on the suite's real Redis.
import { createRedis, type Redis } from '@news/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NearDuplicateRegistry } from '../services/enricher/src/near-duplicates.js';

const REDIS_DB = 4;
const flip = (hex: string, bits: number[]) => {
  const value = [...hex].map((digit) => parseInt(digit, 16));
  for (const bit of bits) value[Math.floor(bit / 4)]! ^= 1 << (bit % 4);
  return value.map((digit) => digit.toString(16)).join('');
};

describe('NearDuplicateRegistry', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = createRedis(`${inject('redisUrl')}/${REDIS_DB}`);
    await redis.flushdb();
  });
  afterAll(() => redis.quit());

  it('folds a copy within three bits into the known story, and nothing further away', async () => {
    const registry = new NearDuplicateRegistry(redis);
    const story = '0123456789abcdef';
    expect(await registry.resolve('story', story)).toBe('story');
    expect(await registry.resolve('story', story)).toBe('story'); // the same story again
    expect(await registry.resolve('copy', flip(story, [0, 17, 63]))).toBe('story');
    // The story now carries the copy's fingerprint (its latest text); this one is 8 bits from it.
    expect(await registry.resolve('other', flip(story, [1, 5, 20, 40, 50]))).toBe('other');
    expect(await registry.resolve('short', null)).toBe('short');
  });
});
