// The HTTP API: ingest, search, articles, health, queue operations and the bull-board dashboard.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { enqueue, httpUrl, literal, object, optional, QUEUE_NAMES, ValidationError, type SearchDocument, type ServiceContext } from '@news/shared';
import { SourceStore } from '@news/scheduler/sources';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { registerQueueRoutes } from './queues.js';
import { BadQuery, parseSearchQuery, toApiResponse, toMeiliSearch } from './search.js';
import { registerSourceRoutes } from './sources.js';

export const DASHBOARD_PATH = '/admin/queues';

const ingestBody = object({ url: httpUrl(), kind: optional(literal('auto', 'feed', 'page')) });

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

export async function buildApp(context: ServiceContext): Promise<FastifyInstance> {
  const { config, queues, redis, meili } = context;
  const sources = new SourceStore(redis);
  const app = Fastify({ loggerInstance: context.logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 64 * 1024 });
  const index = meili.index<SearchDocument>(config.meiliIndex);

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof ValidationError || error instanceof BadQuery) return reply.code(400).send({ error: error.message });
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({ error: error.message });
  });

  app.get('/healthz', async (_request, reply) => {
    const [redisState, meiliState] = await Promise.allSettled([withTimeout(redis.ping(), 2_000), withTimeout(meili.health(), 2_000)]);
    const body = {
      redis: redisState.status === 'fulfilled' ? 'ok' : `down: ${(redisState.reason as Error).message}`,
      meilisearch: meiliState.status === 'fulfilled' ? 'ok' : `down: ${(meiliState.reason as Error).message}`,
    };
    const healthy = redisState.status === 'fulfilled' && meiliState.status === 'fulfilled';
    return reply.code(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'unavailable', ...body });
  });

  app.post('/api/ingest', async (request, reply) => {
    const body = ingestBody.parse(request.body);
    const job = await enqueue(queues, 'fetch', { url: body.url, kind: body.kind ?? 'auto', acceptedAt: Date.now() });
    return reply.code(202).send({ accepted: true, jobId: job.id, queue: 'fetch', url: body.url });
  });

  app.get<{ Querystring: Record<string, string | string[]> }>('/api/search', async (request) => {
    const query = parseSearchQuery(request.query);
    return toApiResponse(await index.search(query.q, toMeiliSearch(query)));
  });

  /** The stored article, or a 400/404 already sent (null). */
  async function findArticle(id: string, reply: FastifyReply, fields?: (keyof SearchDocument)[]): Promise<SearchDocument | null> {
    if (!/^[\w-]{1,64}$/.test(id)) {
      await reply.code(400).send({ error: 'invalid article id' });
      return null;
    }
    try {
      return await index.getDocument<SearchDocument>(id, fields ? { fields } : undefined);
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code !== 'document_not_found') throw error;
      await reply.code(404).send({ error: `no article ${id}` });
      return null;
    }
  }

  app.get<{ Params: { id: string } }>('/api/articles/:id', async (request, reply) => (await findArticle(request.params.id, reply)) ?? reply);

  // Re-parse and re-enrich a stored article from its kept raw page (after an extractor or tagger
  // upgrade), without fetching it again.
  app.post<{ Params: { id: string } }>('/api/articles/:id/reprocess', async (request, reply) => {
    const article = await findArticle(request.params.id, reply, ['id', 'url', 'canonicalUrl', 'rawBlobKey', 'fetchedAt', 'sourceId']);
    if (!article) return reply;
    if (!article.rawBlobKey) return reply.code(409).send({ error: `article ${article.id} has no raw page kept; ingest its URL again` });
    // The page's language is found again, like everything else; only its source's hint, as at the
    // first parse, helps where the page neither declares nor reveals it.
    const source = article.sourceId ? await sources.get(article.sourceId) : undefined;
    const job = await enqueue(queues, 'parse', {
      url: article.url, finalUrl: article.canonicalUrl, redirects: [], kind: 'page', status: 200, fetchedAt: article.fetchedAt,
      blobKey: article.rawBlobKey, bytes: 0, sourceId: article.sourceId ?? undefined, language: source?.language,
    });
    return reply.code(202).send({ accepted: true, jobId: job.id, queue: 'parse', id: article.id });
  });

  registerQueueRoutes(app, context);
  registerSourceRoutes(app, context, sources);

  const board = new FastifyAdapter();
  createBullBoard({ queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues[name])), serverAdapter: board, options: { uiConfig: { boardTitle: 'News pipeline' } } });
  board.setBasePath(DASHBOARD_PATH);
  await app.register(board.registerPlugin(), { prefix: DASHBOARD_PATH });
  return app;
}
