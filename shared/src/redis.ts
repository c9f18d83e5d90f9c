// One way to open Redis connections. BullMQ workers need maxRetriesPerRequest: null so that a
// Redis restart blocks commands until it is back instead of failing jobs.
import { Redis } from 'ioredis';

export { Redis };

export function createRedis(url: string, options: { name?: string; onError?: (error: Error) => void } = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: options.name,
    // Reconnect forever, backing off to 2 s: the pipeline must survive a Redis restart.
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
  // Without a listener ioredis prints every failed reconnect; with one, the caller decides.
  redis.on('error', options.onError ?? (() => undefined));
  return redis;
}
