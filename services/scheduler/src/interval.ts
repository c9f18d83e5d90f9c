// The adaptive poll interval of a source, decided after each poll. Pure, so every rule is tested
// without Redis.
//
// - A source that publishes is polled about as often as it yields TARGET_NEW_PER_POLL new items:
//   the publishing rate is a moving average of new items per hour between polls (as Miniflux
//   does with its weekly average, but reacting within a few polls).
// - A poll where every item was new (no duplicates) may have missed items: the interval halves.
// - A poll with nothing new (or a 304) stretches the interval by half; a failed one doubles it.
// - The feed's RSS ttl, the server's Cache-Control / Expires lifetime and Retry-After are floors:
//   polling before them would only fetch the same bytes or annoy the server.
// - Bounds are applied last, after ±10 % jitter that keeps sources added together from firing
//   together for ever.

export const TARGET_NEW_PER_POLL = 2;
const JITTER = 0.1;
/** Weight of the latest poll in the publishing-rate average. */
const RATE_WEIGHT = 0.5;

export interface IntervalBounds {
  minSeconds: number;
  maxSeconds: number;
}

export interface IntervalState {
  intervalSeconds: number;
  /** New items per hour, moving average; absent until two polls have been seen. */
  ratePerHour?: number;
  /** When the previous successful poll happened (ISO). */
  lastPolledAt?: string;
}

export interface PollOutcome {
  status: number;
  newItems: number;
  duplicateItems: number;
  polledAt: string;
  error?: string;
  ttlMinutes?: number;
  retryAfterSeconds?: number;
  /** Cache-Control max-age / Expires of the response, from the fetcher. */
  freshnessSeconds?: number;
}

export interface IntervalDecision {
  intervalSeconds: number;
  ratePerHour?: number;
  lastPolledAt?: string;
  /** Why, in a few words, for operators (GET /api/sources). */
  reason: string;
}

export const clamp = (value: number, { minSeconds, maxSeconds }: IntervalBounds) =>
  Math.min(Math.max(value, Math.min(minSeconds, maxSeconds)), maxSeconds);

/** A first interval for a source never polled: the lower bound, or an hour when that is inside the bounds and shorter. */
export function initialInterval(bounds: IntervalBounds): number {
  return clamp(Math.min(3600, Math.max(bounds.minSeconds, 15 * 60)), bounds);
}

export function nextInterval(state: IntervalState, poll: PollOutcome, bounds: IntervalBounds, random: () => number = Math.random): IntervalDecision {
  const previous = clamp(state.intervalSeconds, bounds);
  let base: number;
  let reason: string;
  let ratePerHour = state.ratePerHour;
  let lastPolledAt = state.lastPolledAt;

  if (poll.retryAfterSeconds !== undefined && poll.status !== 304) {
    base = previous;
    reason = `HTTP ${poll.status}: Retry-After ${Math.round(poll.retryAfterSeconds)} s`;
  } else if (poll.error) {
    base = previous * 2;
    reason = 'failed: backing off';
  } else if (poll.status === 304 || poll.newItems === 0) {
    base = previous * 1.5;
    reason = poll.status === 304 ? 'not modified' : 'no new items';
    lastPolledAt = poll.polledAt;
    if (ratePerHour !== undefined) ratePerHour = updateRate(ratePerHour, 0, state.lastPolledAt, poll.polledAt);
  } else if (!state.lastPolledAt) {
    // A first poll sees the whole feed as new: it says nothing about the publishing rate yet.
    base = previous;
    reason = 'first poll';
    lastPolledAt = poll.polledAt;
  } else {
    ratePerHour = updateRate(ratePerHour, poll.newItems, state.lastPolledAt, poll.polledAt);
    lastPolledAt = poll.polledAt;
    base = ratePerHour > 0 ? (TARGET_NEW_PER_POLL / ratePerHour) * 3600 : previous * 1.5;
    reason = `${ratePerHour.toFixed(1)} new items/h`;
    if (poll.duplicateItems === 0) {
      base = Math.min(base, previous / 2);
      reason += ', no duplicates: items may have been missed';
    }
  }

  const floors: [number | undefined, string][] = [
    [poll.ttlMinutes !== undefined ? poll.ttlMinutes * 60 : undefined, 'feed ttl'],
    [poll.freshnessSeconds, 'Cache-Control'],
    [poll.status === 304 ? undefined : poll.retryAfterSeconds, 'Retry-After'],
  ];
  let floor = 0;
  for (const [seconds, name] of floors) {
    if (seconds !== undefined && seconds > base && seconds > floor) {
      floor = seconds;
      reason += `; ${name} ${Math.round(seconds)} s`;
    }
  }
  const jittered = Math.max(base, floor) * (1 - JITTER + 2 * JITTER * random());
  const intervalSeconds = Math.round(clamp(Math.max(jittered, floor), bounds));
  return { intervalSeconds, ratePerHour, lastPolledAt, reason };
}

function updateRate(previous: number | undefined, newItems: number, since: string | undefined, now: string): number {
  const hours = since ? (Date.parse(now) - Date.parse(since)) / 3_600_000 : NaN;
  if (!(hours > 0)) return previous ?? 0;
  // Very short gaps (a manual poll right after a scheduled one) would make huge rates.
  const rate = newItems / Math.max(hours, 1 / 60);
  return previous === undefined ? rate : RATE_WEIGHT * rate + (1 - RATE_WEIGHT) * previous;
}
