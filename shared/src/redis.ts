// One way to open Redis connections. BullMQ workers need maxRetriesPerRequest: null so that a
// Redis restart blocks commands until it is back instead of failing jobs.
import { Redis } from 'ioredis';

export { Redis };

export function createRedis(url: string, options: { name?: string } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: options.name,
    // Reconnect forever, backing off to 2 s: the pipeline must survive a Redis restart.
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
}
