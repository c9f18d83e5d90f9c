// The fingerprint registry's server-side script on the suite's real Redis.
import { createRedis, type Redis } from '@news/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NearDuplicateRegistry } from '../services/enricher/src/near-duplicates.js';

const REDIS_DB = 4;
const DAY = 86_400_000;
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
    const registry = new NearDuplicateRegistry(redis, DAY);
    const story = '0123456789abcdef';
    expect(await registry.resolve('story', story)).toBe('story');
    expect(await registry.resolve('story', story)).toBe('story'); // the same story again
    expect(await registry.resolve('copy', flip(story, [0, 17, 63]))).toBe('story');
    // The story now carries the copy's fingerprint (its latest text); this one is 8 bits from it.
    expect(await registry.resolve('other', flip(story, [1, 5, 20, 40, 50]))).toBe('other');
    expect(await registry.resolve('short', null)).toBe('short');
  });

  it('forgets a story not seen for the window, and files a story under its current fingerprint only', async () => {
    await redis.flushdb();
    let now = Date.UTC(2026, 0, 1);
    const registry = new NearDuplicateRegistry(redis, 2 * DAY, () => now);
    const story = 'fedcba9876543210';
    expect(await registry.resolve('old', story)).toBe('old');
    now += DAY;
    expect(await registry.resolve('copy', flip(story, [2]))).toBe('old'); // seen again: its window restarts
    // The story's bands now hold it under the copy's fingerprint only.
    const bandMembers = async () => (await redis.keys('news:simhash:band:*')).length;
    expect(await bandMembers()).toBe(4);
    now += DAY + DAY / 2;
    expect(await registry.resolve('late copy', flip(story, [2, 9]))).toBe('old'); // 1.5 days after its last copy
    now += 3 * DAY;
    expect(await registry.resolve('unrelated', '0f0f0f0f0f0f0f0f')).toBe('unrelated'); // this look-up sweeps "old" away
    expect(await redis.hget('news:simhash:documents', 'old')).toBeNull();
    expect(await redis.zscore('news:simhash:last-seen', 'old')).toBeNull();
    for (const key of await redis.keys('news:simhash:band:*')) expect(await redis.smembers(key)).not.toContain('old');
    expect(await registry.resolve('much later copy', flip(story, [2, 9]))).toBe('much later copy');
  });
});
