// Per-host politeness shared by every fetcher process through Redis: at most one request to a
// host at a time, and a minimum delay between the start of two requests to it.
import type { Redis } from 'ioredis';

// KEYS[1] = host slot key. ARGV = now (ms), delay (ms), lease (ms), token.
// Takes the host when it is free and its delay has passed; otherwise says how long to wait.
const ACQUIRE = `
local now = tonumber(ARGV[1])
local holder = redis.call('HGET', KEYS[1], 'holder')
local nextAt = tonumber(redis.call('HGET', KEYS[1], 'next') or '0') or 0
if holder then return math.max(50, nextAt - now) end
if nextAt > now then return nextAt - now end
redis.call('HSET', KEYS[1], 'holder', ARGV[4], 'next', now + tonumber(ARGV[2]))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return 0
`;

// Frees the host if this token still holds it; keeps "next" so the delay still applies.
const RELEASE = `
if redis.call('HGET', KEYS[1], 'holder') == ARGV[1] then
  redis.call('HDEL', KEYS[1], 'holder')
  local nextAt = tonumber(redis.call('HGET', KEYS[1], 'next') or '0')
  local ttl = math.max(1, nextAt - tonumber(ARGV[2]))
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return 0
`;

export class HostPoliteness {
  constructor(
    private readonly redis: Redis,
    private readonly defaultDelayMs: number,
    /** Longest a request may hold a host; after it the host is free again (crashed fetcher). */
    private readonly leaseMs: number,
  ) {}

  private key(host: string) {
    return `news:host:${host}`;
  }

  /** Waits until this process may send a request to host; returns a release function. */
  async acquire(host: string, delayMs = this.defaultDelayMs, signal?: AbortSignal): Promise<() => Promise<void>> {
    const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
    for (;;) {
      if (signal?.aborted) throw new Error('aborted while waiting for host slot');
      const wait = Number(await this.redis.eval(ACQUIRE, 1, this.key(host), Date.now(), delayMs, this.leaseMs, token));
      if (wait <= 0) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 1_000)));
    }
    return async () => {
      await this.redis.eval(RELEASE, 1, this.key(host), token, Date.now());
    };
  }
}
