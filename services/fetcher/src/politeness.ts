// Per-host politeness shared by every fetcher process through Redis: at most one request to a
// host at a time, a minimum delay between the end of one request and the start of the next, and
// a per-host pause after 429/503 (Retry-After). The state is two keys per host, so a crashed
// fetcher cannot block a host for longer than its lease.
import { luaScript } from '@news/shared';
import type { Redis } from 'ioredis';

// KEYS = holder key, next-allowed key. ARGV = now (ms), lease (ms), token, delay (ms).
// Takes the host when nobody holds it and its next-allowed time has passed; otherwise returns how
// long to wait (an estimate when the host is held: its delay, at least).
const ACQUIRE = luaScript(`
local now = tonumber(ARGV[1])
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
if redis.call('EXISTS', KEYS[1]) == 1 then return math.max(nextAt - now, tonumber(ARGV[4]), 50) end
if nextAt > now then return nextAt - now end
redis.call('SET', KEYS[1], ARGV[3], 'PX', tonumber(ARGV[2]))
-- Also counts the delay from the start, in case this holder crashes before releasing.
redis.call('SET', KEYS[2], string.format('%.0f', now + tonumber(ARGV[4])), 'PX', tonumber(ARGV[2]) + tonumber(ARGV[4]))
return 0
`);

// ARGV = now (ms), token, delay (ms). Frees the host if this token still holds it, and starts the
// delay from now (the end of the request), never shortening a pause already set.
const RELEASE = luaScript(`
local now = tonumber(ARGV[1])
if redis.call('GET', KEYS[1]) == ARGV[2] then redis.call('DEL', KEYS[1]) end
local nextAt = math.max(tonumber(redis.call('GET', KEYS[2]) or '0') or 0, now + tonumber(ARGV[3]))
redis.call('SET', KEYS[2], string.format('%.0f', nextAt), 'PX', string.format('%.0f', math.max(1, nextAt - now)))
return 0
`);

// ARGV = now (ms), until (ms). Pushes the host's next-allowed time to at least `until`.
const PAUSE = luaScript(`
local now = tonumber(ARGV[1])
local nextAt = math.max(tonumber(redis.call('GET', KEYS[2]) or '0') or 0, tonumber(ARGV[2]))
if nextAt > now then redis.call('SET', KEYS[2], string.format('%.0f', nextAt), 'PX', string.format('%.0f', nextAt - now)) end
return nextAt
`);

export type Acquired = { ok: true; token: string } | { ok: false; waitMs: number };

export class HostPoliteness {
  /**
   * Per host, the requests of this process take turns: only the one whose turn it is asks Redis
   * for the host (other processes may hold it); the others wait here and the turn passes on when
   * the request ends and the host's delay has passed. Asking Redis every 50 ms instead cost 3.3
   * script calls per page in the bench, and Redis CPU for each.
   * A host has an entry while a request of this process has its turn: the requests waiting next.
   */
  private readonly turns = new Map<string, (() => void)[]>();

  constructor(
    private readonly redis: Redis,
    /** Longest a request may hold a host; after it the host is free again (crashed fetcher). */
    private readonly leaseMs: number,
  ) {}

  private keys(host: string): [string, string] {
    return [`news:host:${host}:holder`, `news:host:${host}:next`];
  }

  /**
   * Takes the host, waiting in this process for at most `maxWaitMs` in total. Returns the token,
   * or how long is still to wait when the wait would be longer (the caller reschedules the job
   * rather than holding a worker slot).
   */
  async acquire(host: string, delayMs: number, maxWaitMs: number): Promise<Acquired> {
    const giveUpAt = Date.now() + maxWaitMs;
    if (!(await this.takeTurn(host, maxWaitMs))) return { ok: false, waitMs: Math.max(delayMs, 50) };
    const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
    try {
      for (;;) {
        const waitMs = Number(await ACQUIRE(this.redis, this.keys(host), [Date.now(), this.leaseMs, token, delayMs]));
        if (waitMs <= 0) return { ok: true, token }; // the turn is kept until release
        if (Date.now() + waitMs > giveUpAt) {
          this.passTurn(host);
          return { ok: false, waitMs };
        }
        // Held by another process, or its delay is running: short sleeps, it may end at any moment.
        await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, 250)));
      }
    } catch (error) {
      this.passTurn(host);
      throw error;
    }
  }

  async release(host: string, token: string, delayMs: number): Promise<void> {
    try {
      await RELEASE(this.redis, this.keys(host), [Date.now(), token, delayMs]);
    } finally {
      // The next request of this process may go once the host's delay has passed.
      if (delayMs > 0) setTimeout(() => this.passTurn(host), delayMs).unref();
      else this.passTurn(host);
    }
  }

  /** Keeps every fetcher away from host until `untilMs` (429/503 with or without Retry-After). */
  async pause(host: string, untilMs: number): Promise<void> {
    await PAUSE(this.redis, this.keys(host), [Date.now(), Math.round(untilMs)]);
  }

  /** Resolves true when it is this request's turn at the host, false after `ms` without it. */
  private takeTurn(host: string, ms: number): Promise<boolean> {
    const queue = this.turns.get(host);
    if (!queue) {
      this.turns.set(host, []);
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const handOver = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        const index = queue.indexOf(handOver);
        if (index >= 0) queue.splice(index, 1);
        resolve(false);
      }, ms);
      queue.push(handOver);
    });
  }

  /** Gives the host's turn to the longest-waiting request of this process, if any. */
  private passTurn(host: string): void {
    const next = this.turns.get(host)?.shift();
    if (next) next();
    else this.turns.delete(host);
  }
}
