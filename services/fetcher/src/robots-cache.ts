// robots.txt per origin, cached in Redis for every fetcher process (gzip, with a TTL: a day for a
// real answer as RFC 9309 §2.4 suggests, minutes for an unreachable one so it is tried again
// soon), plus a short in-process memo so a busy host's file is not parsed for every job.
import type { Redis } from 'ioredis';
import { gunzipSync, gzipSync } from 'node:zlib';
import { robotsFromOutcome, type Robots, type RobotsOutcome } from './robots.js';

const MEMO_MS = 60_000;
const MEMO_MAX = 2_000;

export interface RobotsCacheOptions {
  ttlSeconds: number;
  unreachableTtlSeconds: number;
  /** Our product token, matched against User-agent lines. */
  productToken: string;
}

export interface RobotsAnswer {
  /** null: robots.txt could not be fetched, so pages of this origin are not fetched either. */
  robots: Robots | null;
  outcome: RobotsOutcome;
}

export const robotsKey = (origin: string) => `news:robots:${origin}`;

export class RobotsCache {
  private readonly memo = new Map<string, { answer: RobotsAnswer; until: number }>();

  constructor(
    private readonly redis: Redis,
    private readonly options: RobotsCacheOptions,
  ) {}

  /** The cached answer for origin ("https://example.com"), or undefined when none is stored. */
  async peek(origin: string): Promise<RobotsAnswer | undefined> {
    const memo = this.memo.get(origin);
    if (memo && memo.until > Date.now()) return memo.answer;
    const stored = await this.redis.getBuffer(robotsKey(origin));
    if (!stored) return undefined;
    let outcome: RobotsOutcome;
    try {
      outcome = JSON.parse(gunzipSync(stored).toString('utf8')) as RobotsOutcome;
    } catch {
      return undefined;
    }
    return this.remember(origin, outcome);
  }

  /**
   * Claims the right to fetch origin's robots.txt for a while, so that fetchers missing the cache
   * at the same moment ask the site once; false when another fetcher holds the claim.
   */
  async claim(origin: string, forMs: number): Promise<boolean> {
    return (await this.redis.set(`${robotsKey(origin)}:claim`, String(process.pid), 'PX', forMs, 'NX')) === 'OK';
  }

  /** Waits up to `ms` for another fetcher's answer to appear in the cache. */
  async waitFor(origin: string, ms: number): Promise<RobotsAnswer | undefined> {
    const giveUpAt = Date.now() + ms;
    while (Date.now() < giveUpAt) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const answer = await this.peek(origin);
      if (answer) return answer;
    }
    return undefined;
  }

  async store(origin: string, outcome: RobotsOutcome): Promise<RobotsAnswer> {
    const ttl = outcome.kind === 'unreachable' ? this.options.unreachableTtlSeconds : this.options.ttlSeconds;
    await this.redis.set(robotsKey(origin), gzipSync(JSON.stringify(outcome)), 'EX', Math.max(1, ttl));
    this.memo.delete(origin);
    return this.remember(origin, outcome);
  }

  private remember(origin: string, outcome: RobotsOutcome): RobotsAnswer {
    const answer = { robots: robotsFromOutcome(outcome, `${origin}/robots.txt`, this.options.productToken), outcome };
    if (this.memo.size >= MEMO_MAX) this.memo.clear();
    this.memo.set(origin, { answer, until: Date.now() + MEMO_MS });
    return answer;
  }
}
