// The whole pipeline through real queues: a feed on a loopback site goes through fetcher, parser,
// enricher and indexer (all in this process, on the suite's real Redis and Meilisearch) and ends
// as one searchable Arabic story with its entities; the broken page fails at once with its reason.
import { createLogger, documentId, enqueue, loadConfig, type SearchDocument } from '@news/shared';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_SITE_DIR } from '../services/launcher/src/demo.js';
import { serveFixtureSite, type FixtureSite } from '../services/launcher/src/fixture-site.js';
import { runServices } from '../services/launcher/src/run-services.js';
import { until } from './support/wait.js';

const REDIS_DB = 1;

describe('pipeline end to end', () => {
  let site: FixtureSite;
  let running: Awaited<ReturnType<typeof runServices>>;
  let dataDir: string;

  beforeAll(async () => {
    // The demo site, plus the story republished at another URL with a corrected word.
    const routes = JSON.parse(readFileSync(join(DEMO_SITE_DIR, 'routes.json'), 'utf8')).routes;
    const republished = readFileSync(join(DEMO_SITE_DIR, 'article.html'), 'utf8')
      .replaceAll('/news/international/156712', '/world/putin-trump-call')
      .replace('اتصال هاتفي بينهما', 'اتصال هاتفي مطول بينهما');
    routes['/world/putin-trump-call'] = { status: 200, type: 'text/html; charset=utf-8', body: republished };
    site = await serveFixtureSite(DEMO_SITE_DIR, routes);
    dataDir = mkdtempSync(join(tmpdir(), 'news-pipeline-test-'));
    const config = loadConfig({
      REDIS_URL: `${inject('redisUrl')}/${REDIS_DB}`,
      MEILI_URL: inject('meiliUrl'),
      MEILI_INDEX: `pipeline-${Date.now()}`,
      NEWS_DATA_DIR: dataDir,
      SERVICES: 'fetcher,parser,enricher,indexer',
      FETCH_ALLOW_PRIVATE_NETWORKS: 'true',
      FETCH_HOST_DELAY_MS: '0',
      FETCH_TIMEOUT_MS: '1500',
      INDEX_BATCH_WAIT_MS: '50',
      SHUTDOWN_GRACE_MS: '3000',
    });
    running = await runServices(config, createLogger('silent'));
    await running.context.redis.flushdb();
  });

  afterAll(async () => {
    await running?.stop();
    await site?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('turns the seed feed into one searchable story with entities, and fails the 404 at once', async () => {
    const { queues, meili, config } = running.context;
    const index = meili.index<SearchDocument>(config.meiliIndex);
    await enqueue(queues, 'fetch', { url: `${site.origin}/rss/international.xml`, kind: 'auto', acceptedAt: Date.now() });
    await enqueue(queues, 'fetch', { url: `${site.origin}/legacy/156712`, kind: 'auto' });

    const storyId = documentId(`${site.origin}/news/international/156712`);
    const story = await until('the story in the index', async () => (await index.search('بوتين', { filter: `id = "${storyId}"` })).hits[0]);
    expect(story.title).toBe('بوتين يشرح لترامب استراتيجيته لحل الأزمة السورية خلال اتصال هاتفي');
    expect(story.lang).toBe('ar');
    expect(story.publishedAt).toBe('2017-11-21T15:37:00.000Z');
    expect(story.entityNames).toEqual(expect.arrayContaining(['Vladimir Putin', 'Donald Trump', 'Syria']));
    expect((await index.search('Putin')).hits.map((hit) => hit.id)).toContain(storyId);

    // The redirecting feed item and the windows-1256 legacy copy fold into the same document.
    const stored = await until('all three URLs on the story', async () => {
      const document = await index.getDocument(storyId);
      return document.urls.some((url) => url.includes('/legacy/156712')) && document.urls.length >= 2 && document;
    });
    expect(stored.canonicalUrl).toBe(`${site.origin}/news/international/156712`);
    const copies = (await index.search('بوتين يشرح لترامب', { limit: 50 })).hits.filter((hit) => hit.urls.some((url) => url.includes('156712')));
    expect(copies).toHaveLength(1);

    // The republished copy folds into the same document, which keeps every URL and the latest text.
    await enqueue(queues, 'fetch', { url: `${site.origin}/world/putin-trump-call`, kind: 'page' });
    const folded = await until('the republished copy folded in', async () => {
      const document = await index.getDocument(storyId);
      return document.urls.some((url) => url.endsWith('/world/putin-trump-call')) && document;
    });
    expect(folded.text).toContain('اتصال هاتفي مطول بينهما');
    expect((await index.search('بوتين يشرح لترامب', { limit: 50 })).hits.filter((hit) => hit.title.includes('بوتين يشرح'))).toHaveLength(1);

    const failed = await until('the 404 in the failed list', async () => (await queues.fetch.getFailed()).find((job) => job.data.url.endsWith('/156713')));
    expect(failed.failedReason).toMatch(/HTTP 404/);
    expect(failed.attemptsMade).toBe(1);
  }, 90_000);
});
