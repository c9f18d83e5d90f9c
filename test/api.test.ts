// The HTTP API over the suite's real Redis and Meilisearch (fastify's inject, no port needed).
import { createLogger, ensureIndex, loadConfig, closeQueues, type ServiceContext } from '@news/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject as provided } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../services/api/src/app.js';
import { createContext } from '../services/launcher/src/run-services.js';
import { buildSource, SourceStore } from '../services/scheduler/src/sources.js';

const REDIS_DB = 2;

describe('HTTP API', () => {
  let app: FastifyInstance;
  let context: ServiceContext;

  beforeAll(async () => {
    const config = loadConfig({ REDIS_URL: `${provided('redisUrl')}/${REDIS_DB}`, MEILI_URL: provided('meiliUrl'), MEILI_INDEX: `api-${Date.now()}` });
    context = await createContext(config, createLogger('silent'));
    await context.redis.flushdb();
    await ensureIndex(context.meili, config.meiliIndex);
    await context.meili.index(config.meiliIndex).addDocuments([
      { id: 'a1', url: 'http://e.test/1', urls: ['http://e.test/1'], canonicalUrl: 'http://e.test/1', title: 'بوتين يلتقي أردوغان في سوتشي', text: 'أكد الرئيس الروسي فلاديمير بوتين', lang: 'ar', publishedTs: 1511278620, publishedAt: '2017-11-21T15:37:00.000Z', source: 'e.test', entities: [{ id: 'Q7747', name: 'Vladimir Putin', type: 'PER', labels: { ar: 'فلاديمير بوتين' }, aliases: [], mentions: 1, firstPosition: 0, salience: 1 }], entityNames: ['Vladimir Putin', 'فلاديمير بوتين'] },
      { id: 'b2', url: 'http://e.test/2', urls: ['http://e.test/2'], canonicalUrl: 'http://e.test/2', title: 'Markets rally in London', text: 'Shares rose.', lang: 'en', publishedTs: 1600000000, publishedAt: '2020-09-13T12:26:40.000Z', source: 'e.test', entities: [], entityNames: [] },
    ]).waitTask();
    app = await buildApp(context);
  });

  afterAll(async () => {
    await app?.close();
    await closeQueues(context.queues);
    await context.redis.quit();
  });

  it('is healthy when Redis and Meilisearch answer', async () => {
    const response = await app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', redis: 'ok', meilisearch: 'ok' });
  });

  it('accepts a URL to ingest and refuses what is not an http(s) URL', async () => {
    const accepted = await app.inject({ method: 'POST', url: '/api/ingest', payload: { url: 'https://example.com/feed.xml' } });
    expect(accepted.statusCode).toBe(202);
    const job = await context.queues.fetch.getJob(accepted.json().jobId);
    expect(job?.data).toMatchObject({ url: 'https://example.com/feed.xml', kind: 'auto' });
    const refused = await app.inject({ method: 'POST', url: '/api/ingest', payload: { url: 'file:///etc/passwd' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatch(/url must be an http\(s\) URL/);
  });

  it('searches across languages through entity names, with facets and filters', async () => {
    const english = (await app.inject('/api/search?q=Putin')).json();
    expect(english.hits.map((hit: { id: string }) => hit.id)).toEqual(['a1']);
    expect(english.hits[0]).toMatchObject({ title: 'بوتين يلتقي أردوغان في سوتشي', lang: 'ar', canonicalUrl: 'http://e.test/1' });
    expect(english.hits[0].entities[0]).toMatchObject({ name: 'Vladimir Putin', type: 'PER' });
    const filtered = (await app.inject(`/api/search?entity=${encodeURIComponent('Vladimir Putin')}`)).json();
    expect(filtered.total).toBe(1);
    const byDate = (await app.inject('/api/search?from=2020-01-01')).json();
    expect(byDate.hits.map((hit: { id: string }) => hit.id)).toEqual(['b2']);
    expect(byDate.facets.lang).toEqual({ en: 1 });
    expect((await app.inject('/api/search?from=soon')).statusCode).toBe(400);
  });

  it('returns a stored article or a 404', async () => {
    expect((await app.inject('/api/articles/a1')).json()).toMatchObject({ id: 'a1', text: 'أكد الرئيس الروسي فلاديمير بوتين' });
    expect((await app.inject('/api/articles/nope')).statusCode).toBe(404);
  });

  it('re-parses an article from its kept raw page, or says why it cannot', async () => {
    // a1 came from a source whose hint is Arabic; c3, ingested by hand, has a language of its own
    // from its first parse, which must not come back as if it were a source's hint.
    const source = buildSource({ url: 'http://e.test/feed.xml', language: 'ar' }, context.config.sourceIntervals, 'api');
    await new SourceStore(context.redis).add(source);
    const raw = 'raw/ab/' + 'c'.repeat(38) + '.gz';
    await context.meili.index(context.config.meiliIndex).updateDocuments([
      { id: 'a1', rawBlobKey: raw, fetchedAt: '2017-11-21T16:00:00.000Z', sourceId: source.id },
      { id: 'c3', url: 'http://e.test/3', urls: ['http://e.test/3'], canonicalUrl: 'http://e.test/3', title: 'x', text: 'x', lang: 'en', rawBlobKey: raw, fetchedAt: '2020-01-01T00:00:00.000Z', entities: [], entityNames: [] },
    ]).waitTask();
    const accepted = await app.inject({ method: 'POST', url: '/api/articles/a1/reprocess' });
    expect(accepted.statusCode).toBe(202);
    const job = await context.queues.parse.getJob(accepted.json().jobId);
    expect(job?.data).toMatchObject({ url: 'http://e.test/1', finalUrl: 'http://e.test/1', kind: 'page', blobKey: raw, sourceId: source.id, language: 'ar' });
    const byHand = await context.queues.parse.getJob((await app.inject({ method: 'POST', url: '/api/articles/c3/reprocess' })).json().jobId);
    expect(byHand?.data).toMatchObject({ url: 'http://e.test/3', blobKey: raw });
    expect(byHand?.data.language).toBeUndefined();
    const without = await app.inject({ method: 'POST', url: '/api/articles/b2/reprocess' });
    expect(without.statusCode).toBe(409);
    expect(without.json().error).toMatch(/no raw page kept/);
    expect((await app.inject({ method: 'POST', url: '/api/articles/zz/reprocess' })).statusCode).toBe(404);
  });

  it('shows queues and their failed jobs, and names unknown queues', async () => {
    const queues = (await app.inject('/api/queues')).json().queues;
    expect(queues.map((queue: { name: string }) => queue.name)).toEqual(['fetch', 'parse', 'enrich', 'index', 'poll-result']);
    expect(queues[0].counts).toHaveProperty('failed');
    expect((await app.inject('/api/queues/fetch/failed')).json()).toEqual({ total: 0, jobs: [] });
    const unknown = await app.inject('/api/queues/nope/failed');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatch(/no queue named "nope"/);
  });

  it('serves the bull-board dashboard', async () => {
    const response = await app.inject('/admin/queues');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html');
  });
});
