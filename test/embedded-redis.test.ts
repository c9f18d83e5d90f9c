// The embedded Redis serves this machine's processes on a Unix socket (cheaper per round trip than
// loopback TCP) and tools on its loopback port: both reach the same data, and ?db= picks a database.
import { createRedis } from '@news/shared';
import { expect, inject, it } from 'vitest';

const REDIS_DB = 6; // its own: the scratch store's tests flush theirs (3) while this file runs

it('answers on its Unix socket and its TCP port alike', async () => {
  const socketUrl = inject('redisSocketUrl');
  expect(socketUrl).toMatch(/^unix:\/\/\/.+\/redis\.sock$/);
  const overSocket = createRedis(`${socketUrl}?db=${REDIS_DB}`);
  const overTcp = createRedis(`${inject('redisUrl')}/${REDIS_DB}`);
  try {
    const key = `embedded-redis-test:${process.pid}`;
    await overSocket.set(key, 'over the socket', 'EX', 60);
    expect(await overTcp.get(key)).toBe('over the socket');
    expect((await overSocket.client('INFO')) as string).toMatch(new RegExp(`db=${REDIS_DB}`));
    await overTcp.del(key);
  } finally {
    overSocket.disconnect();
    overTcp.disconnect();
  }
});
