// The fetcher: downloads feeds and pages politely (per-host slot and delay shared through Redis,
// robots.txt for pages, 429/503 pauses), keeps the raw body in the blob store, and hands a
// reference to the parser. Conditional GET validators are remembered per URL in Redis. For a
// scheduled source it records what it saw and, when the poll ends here (304, failure, 429/503),
// tells the scheduler through the poll-result queue; otherwise the parser does, after parsing.
import {
  DelayedError,
  enqueue,
  hostOf,
  isSourcePoll,
  PermanentError,
  postpone,
  workerService,
  type FetchJob,
  type JobContext,
  type ServiceContext,
} from '@news/shared';
import { createHash } from 'node:crypto';
import { FetchError, fetchUrl, freshnessSeconds, type FetchOptions, type FetchResult } from './http.js';
import { HostPoliteness } from './politeness.js';
import { productToken, ROBOTS_MAX_BYTES, type RobotsOutcome } from './robots.js';
import { RobotsCache, type RobotsAnswer } from './robots-cache.js';
import { recordSourceFetch, type SourceFetchFacts } from '@news/shared/source-facts';

const validatorsKey = (url: string) => `news:validators:${createHash('sha1').update(url).digest('hex')}`;
const VALIDATORS_TTL_SECONDS = 30 * 24 * 3600;

/** Waits for a host up to this long inside the worker; longer ones put the job back as delayed. */
const IN_PROCESS_WAIT_MS = 2_000;
/** Pause of a host after 429/503 without Retry-After, and the cap on what Retry-After may ask. */
const DEFAULT_HOST_PAUSE_MS = 60_000;
const MAX_HOST_PAUSE_MS = 6 * 3600_000;
/** robots.txt that cannot be fetched is asked again after this (RFC 9309: assume disallow meanwhile). */
const ROBOTS_UNREACHABLE_TTL_SECONDS = 10 * 60;
const ROBOTS_TIMEOUT_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isBackOffStatus = (status: number | undefined) => status === 429 || status === 503;

export function createFetchHandler(context: ServiceContext, overrides: Partial<FetchOptions> = {}) {
  const { config, redis, queues, blobs } = context;
  const fetchOptions: FetchOptions = { ...config.fetch, ...overrides };
  const politeness = new HostPoliteness(redis, fetchOptions.timeoutMs + 5_000);
  const robotsCache = new RobotsCache(redis, {
    ttlSeconds: config.fetch.robotsTtlSeconds,
    unreachableTtlSeconds: ROBOTS_UNREACHABLE_TTL_SECONDS,
    productToken: productToken(fetchOptions.userAgent),
  });

  /** Takes the host's slot; a long wait moves the job to delayed (DelayedError) instead of sleeping. */
  async function takeHost(host: string, delayMs: number, jobContext: JobContext): Promise<string> {
    for (;;) {
      const attempt = await politeness.acquire(host, delayMs, IN_PROCESS_WAIT_MS);
      if (attempt.ok) return attempt.token;
      // A little jitter so the jobs waiting for one host do not all wake at the same instant.
      await postpone(jobContext, Date.now() + attempt.waitMs + Math.floor(Math.random() * 250), `waiting ${attempt.waitMs} ms for host ${host}`);
      await sleep(attempt.waitMs);
    }
  }

  /** One request under the host's politeness rules; 429/503 pause the host for every fetcher. */
  async function politeFetch(url: string, delayMs: number, options: FetchOptions, jobContext: JobContext): Promise<FetchResult> {
    const host = hostOf(url);
    const hostToken = await takeHost(host, delayMs, jobContext);
    try {
      return await fetchUrl(url, options);
    } catch (error) {
      if (error instanceof FetchError && isBackOffStatus(error.status)) {
        const pauseMs = Math.min(MAX_HOST_PAUSE_MS, error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : DEFAULT_HOST_PAUSE_MS);
        await politeness.pause(host, Date.now() + pauseMs);
      }
      throw error;
    } finally {
      await politeness.release(host, hostToken, delayMs);
    }
  }

  /** robots.txt of the URL's origin, from the cache or fetched (itself politely) and cached. */
  async function robotsFor(url: string, jobContext: JobContext): Promise<RobotsAnswer> {
    const origin = new URL(url).origin;
    const cached = await robotsCache.peek(origin);
    if (cached) return cached;
    if (!(await robotsCache.claim(origin, ROBOTS_TIMEOUT_MS + IN_PROCESS_WAIT_MS))) {
      // Another fetcher is asking for it right now: use its answer rather than asking twice.
      const answer = await robotsCache.waitFor(origin, IN_PROCESS_WAIT_MS);
      if (answer) return answer;
      await postpone(jobContext, Date.now() + 1_000, `waiting for robots.txt of ${origin}`);
    }
    let outcome: RobotsOutcome;
    try {
      const result = await politeFetch(`${origin}/robots.txt`, config.fetch.hostDelayMs, {
        ...fetchOptions,
        timeoutMs: Math.min(fetchOptions.timeoutMs, ROBOTS_TIMEOUT_MS),
        maxBytes: 2 * ROBOTS_MAX_BYTES,
        headers: {},
      }, jobContext);
      outcome = { kind: 'rules', text: result.body.subarray(0, ROBOTS_MAX_BYTES).toString('utf8') };
    } catch (error) {
      if (error instanceof DelayedError) throw error;
      const status = error instanceof FetchError ? error.status : undefined;
      // RFC 9309 §2.3.1.3: a 4xx (429 aside) means there are no rules; anything else, unreachable.
      outcome = status !== undefined && status >= 400 && status < 500 && status !== 429
        ? { kind: 'allow-all' }
        : { kind: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
    }
    const answer = await robotsCache.store(origin, outcome);
    // The robots.txt request itself was spaced by the default delay; what follows it by Crawl-delay.
    const crawlDelayMs = crawlDelayOf(answer);
    if (crawlDelayMs > config.fetch.hostDelayMs) await politeness.pause(hostOf(url), Date.now() + crawlDelayMs);
    return answer;
  }

  /** The robots.txt Crawl-delay in ms, capped by config (a huge one would stop a host for good). */
  function crawlDelayOf(answer: RobotsAnswer): number {
    return Math.min(config.fetch.maxCrawlDelayMs, (answer.robots?.crawlDelaySeconds ?? 0) * 1000);
  }

  async function reportPoll(data: FetchJob, poll: { status: number; error?: string; retryAfterSeconds?: number }) {
    if (!isSourcePoll(data)) return;
    await enqueue(queues, 'poll-result', {
      sourceId: data.sourceId, feedUrl: data.url, newItems: 0, duplicateItems: 0, polledAt: new Date().toISOString(), ...poll,
    });
  }

  /** Refuses a page robots.txt disallows (or whose robots.txt cannot be read); returns the host's delay. */
  async function admit(url: string, data: FetchJob, jobContext: JobContext, facts: SourceFetchFacts): Promise<number> {
    const robots = await robotsFor(url, jobContext);
    facts.sitemaps ??= robots.robots?.sitemaps;
    // robots.txt governs crawled pages; feeds and explicit ingests are what a person asked for.
    if (data.kind === 'page') {
      if (!robots.robots) throw new FetchError(`robots.txt unreachable (${robots.outcome.kind === 'unreachable' ? robots.outcome.reason : '?'}), page not fetched`, false);
      if (!robots.robots.isAllowed(url)) throw new PermanentError(`disallowed by robots.txt: ${url}`);
    }
    return Math.max(config.fetch.hostDelayMs, crawlDelayOf(robots));
  }

  async function fetchPolitely(data: FetchJob, jobContext: JobContext, facts: SourceFetchFacts) {
    const { log } = jobContext;
    const conditional = data.kind !== 'page' && !data.ignoreValidators;
    const headers: Record<string, string> = {};
    if (conditional) {
      const saved = await redis.hgetall(validatorsKey(data.url));
      if (saved.etag) headers['if-none-match'] = saved.etag;
      if (saved.lastModified) headers['if-modified-since'] = saved.lastModified;
    }
    // One hop per origin: a redirect to another host, or to https on the same one, is followed only
    // after that origin's robots.txt allows it and the host's politeness slot is ours, as if the
    // new URL had been queued.
    let url = data.url;
    let priorRedirects: string[] = [];
    let result: FetchResult;
    for (;;) {
      const delayMs = await admit(url, data, jobContext, facts);
      result = await politeFetch(url, delayMs, { ...fetchOptions, headers, stopAtOriginChange: true, priorRedirects }, jobContext);
      if (!result.redirectTo) break;
      log.debug({ from: result.finalUrl, to: result.redirectTo }, 'redirected to another origin');
      priorRedirects = [...result.redirects, result.finalUrl];
      url = result.redirectTo;
    }
    facts.httpStatus = result.status;
    facts.freshnessSeconds = freshnessSeconds(result.headers);
    log.info({ status: result.status, bytes: result.body.length, finalUrl: result.finalUrl }, 'fetched');

    if (result.status === 304) {
      await reportPoll(data, { status: 304 });
      return { status: 304 };
    }
    if (conditional && (result.headers.etag || result.headers['last-modified'])) {
      const key = validatorsKey(data.url);
      await redis.multi()
        .del(key)
        .hset(key, { ...(result.headers.etag ? { etag: result.headers.etag } : {}), ...(result.headers['last-modified'] ? { lastModified: result.headers['last-modified'] } : {}) })
        .expire(key, VALIDATORS_TTL_SECONDS)
        .exec();
    }
    if (result.body.length === 0) throw new PermanentError(`empty body (HTTP ${result.status})`);

    const blobKey = await blobs.put(result.body);
    await enqueue(queues, 'parse', {
      url: data.url,
      finalUrl: result.finalUrl,
      redirects: result.redirects,
      kind: data.kind,
      status: result.status,
      contentType: result.headers['content-type'],
      contentLocation: result.headers['content-location'],
      fetchedAt: new Date().toISOString(),
      blobKey,
      bytes: result.body.length,
      sourceId: data.sourceId,
      feedUrl: data.feedUrl,
      hint: data.hint,
      acceptedAt: data.acceptedAt,
      language: data.language,
    });
    return { status: result.status, blobKey };
  }

  return async function handleFetch(data: FetchJob, jobContext: JobContext) {
    const { job } = jobContext;
    const sourcePoll = isSourcePoll(data);
    const facts: SourceFetchFacts = { fetchedAt: new Date().toISOString() };
    let postponed = false;
    try {
      return await fetchPolitely(data, jobContext, facts);
    } catch (error) {
      postponed = error instanceof DelayedError;
      if (postponed) throw error;
      const message = error instanceof Error ? error.message : String(error);
      const status = error instanceof FetchError ? error.status : undefined;
      facts.error = message;
      if (status !== undefined) facts.httpStatus = status;
      if (sourcePoll && isBackOffStatus(status)) {
        // The source's next scheduled poll is the retry; the scheduler stretches it by Retry-After.
        await reportPoll(data, { status: status ?? 0, error: message, retryAfterSeconds: (error as FetchError).retryAfterSeconds ?? DEFAULT_HOST_PAUSE_MS / 1000 });
        throw new PermanentError(`${message} (source backs off until its next scheduled poll)`);
      }
      const permanent = error instanceof PermanentError || (error instanceof FetchError && error.permanent);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (sourcePoll && (permanent || lastAttempt)) await reportPoll(data, { status: status ?? 0, error: message });
      throw error instanceof FetchError && error.permanent ? new PermanentError(message) : error;
    } finally {
      if (sourcePoll && !postponed) await recordSourceFetch(redis, data.sourceId, facts);
    }
  };
}

export const fetcher = workerService('fetcher', 'fetch', createFetchHandler);
