// The fetcher: downloads feeds and pages, keeps the raw body in the blob store, and hands a
// reference to the parser. Conditional GET validators are remembered per URL in Redis.
import {
  enqueue,
  hostOf,
  PermanentError,
  startWorker,
  type FetchJob,
  type JobContext,
  type ServiceContext,
  type ServiceDefinition,
} from '@news/shared';
import { createHash } from 'node:crypto';
import { FetchError, fetchUrl } from './http.js';
import { HostPoliteness } from './politeness.js';

const validatorsKey = (url: string) => `news:validators:${createHash('sha1').update(url).digest('hex')}`;
const VALIDATORS_TTL_SECONDS = 30 * 24 * 3600;

export function createFetchHandler(context: ServiceContext) {
  const { config, redis, queues, blobs } = context;
  const politeness = new HostPoliteness(redis, config.fetch.hostDelayMs, config.fetch.timeoutMs + 5_000);

  return async function handleFetch(data: FetchJob, { log }: JobContext) {
    const conditional = data.kind !== 'page' && !data.ignoreValidators;
    const headers: Record<string, string> = {};
    if (conditional) {
      const saved = await redis.hgetall(validatorsKey(data.url));
      if (saved.etag) headers['if-none-match'] = saved.etag;
      if (saved.lastModified) headers['if-modified-since'] = saved.lastModified;
    }
    const release = await politeness.acquire(hostOf(data.url));
    let result;
    try {
      result = await fetchUrl(data.url, { ...config.fetch, headers });
    } catch (error) {
      if (error instanceof FetchError && error.permanent) throw new PermanentError(error.message);
      throw error;
    } finally {
      await release();
    }
    log.info({ status: result.status, bytes: result.body.length, finalUrl: result.finalUrl }, 'fetched');

    if (result.status === 304) {
      if (data.sourceId) {
        await enqueue(queues, 'poll-result', {
          sourceId: data.sourceId, feedUrl: data.url, status: 304, newItems: 0, duplicateItems: 0, polledAt: new Date().toISOString(),
        });
      }
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

    const blobKey = await blobs.putBytes('raw', result.body);
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
    });
    return { status: result.status, blobKey };
  };
}

export const fetcher: ServiceDefinition = {
  name: 'fetcher',
  consumes: ['fetch'],
  async start(context) {
    const worker = startWorker('fetch', createFetchHandler(context), { connection: context.redis, logger: context.logger });
    return { stop: () => worker.close(context.config.shutdownGraceMs) };
  },
};
