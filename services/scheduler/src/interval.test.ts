import { describe, expect, it } from 'vitest';
import { initialInterval, nextInterval, type PollOutcome } from './interval.js';

const bounds = { minSeconds: 300, maxSeconds: 86_400 };
const noJitter = () => 0.5;
const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 0, minutes)).toISOString();
const poll = (over: Partial<PollOutcome>): PollOutcome => ({ status: 200, newItems: 0, duplicateItems: 10, polledAt: at(60), ...over });

describe('adaptive interval', () => {
  it('starts inside the bounds', () => {
    expect(initialInterval(bounds)).toBe(900);
    expect(initialInterval({ minSeconds: 7200, maxSeconds: 86_400 })).toBe(7200);
    expect(initialInterval({ minSeconds: 60, maxSeconds: 120 })).toBe(120);
  });

  it('keeps the interval on a first poll, whose items are all new', () => {
    const decision = nextInterval({ intervalSeconds: 900 }, poll({ newItems: 20, duplicateItems: 0 }), bounds, noJitter);
    expect(decision.intervalSeconds).toBe(900);
    expect(decision.lastPolledAt).toBe(at(60));
    expect(decision.ratePerHour).toBeUndefined();
  });

  it('polls a busy source about as often as it yields two new items', () => {
    // 6 new items in the hour since the last poll: 6/h, so one poll per 20 minutes.
    const decision = nextInterval({ intervalSeconds: 3600, lastPolledAt: at(0) }, poll({ newItems: 6, duplicateItems: 14 }), bounds, noJitter);
    expect(decision.ratePerHour).toBeCloseTo(6);
    expect(decision.intervalSeconds).toBe(1200);
  });

  it('halves the interval when a poll has no duplicates (items may have been missed)', () => {
    const decision = nextInterval({ intervalSeconds: 3600, lastPolledAt: at(0) }, poll({ newItems: 1, duplicateItems: 0 }), bounds, noJitter);
    expect(decision.intervalSeconds).toBe(1800);
  });

  it('stretches quiet sources and backs off failing ones, up to the upper bound', () => {
    expect(nextInterval({ intervalSeconds: 3600, lastPolledAt: at(0) }, poll({}), bounds, noJitter).intervalSeconds).toBe(5400);
    expect(nextInterval({ intervalSeconds: 3600 }, poll({ status: 304 }), bounds, noJitter).intervalSeconds).toBe(5400);
    expect(nextInterval({ intervalSeconds: 3600 }, poll({ status: 500, error: 'HTTP 500' }), bounds, noJitter).intervalSeconds).toBe(7200);
    expect(nextInterval({ intervalSeconds: 80_000 }, poll({ status: 500, error: 'HTTP 500' }), bounds, noJitter).intervalSeconds).toBe(86_400);
  });

  it('never goes below the lower bound, however busy the source', () => {
    const decision = nextInterval({ intervalSeconds: 600, lastPolledAt: at(50) }, poll({ newItems: 500, duplicateItems: 1 }), bounds, noJitter);
    expect(decision.intervalSeconds).toBe(300);
  });

  it('honours RSS ttl, Cache-Control and Retry-After as floors, even against jitter', () => {
    const busy = { intervalSeconds: 600, lastPolledAt: at(0) };
    const low = () => 0;
    expect(nextInterval(busy, poll({ newItems: 60, duplicateItems: 5, ttlMinutes: 60 }), bounds, low).intervalSeconds).toBe(3600);
    expect(nextInterval(busy, poll({ newItems: 60, duplicateItems: 5, freshnessSeconds: 1800 }), bounds, low).intervalSeconds).toBe(1800);
    const limited = nextInterval(busy, poll({ status: 429, error: 'HTTP 429', retryAfterSeconds: 7200 }), bounds, low);
    expect(limited.intervalSeconds).toBe(7200);
    expect(limited.reason).toMatch(/Retry-After/);
    // The upper bound still wins: the fetcher's host pause keeps the request from going out early.
    expect(nextInterval(busy, poll({ status: 503, error: 'x', retryAfterSeconds: 10 * 86_400 }), bounds, low).intervalSeconds).toBe(86_400);
  });

  it('jitters by up to ±10 % so sources added together drift apart', () => {
    const state = { intervalSeconds: 3600, lastPolledAt: at(0) };
    const low = nextInterval(state, poll({ newItems: 2, duplicateItems: 8 }), bounds, () => 0).intervalSeconds;
    const high = nextInterval(state, poll({ newItems: 2, duplicateItems: 8 }), bounds, () => 1).intervalSeconds;
    expect(low).toBe(3240);
    expect(high).toBe(3960);
  });
});
