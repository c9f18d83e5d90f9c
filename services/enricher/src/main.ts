// The enricher: settles the article's language, finds and links its entities, and queues the
// finished search document for the indexer.
import { enqueue, startWorker, type EnrichJob, type JobContext, type ServiceContext, type ServiceDefinition, type StoredArticle } from '@news/shared';
import { detectLanguage } from '@news/shared/language';
import { buildSearchDocument } from './document.js';
import { articleEntities } from './entities.js';

export function createEnrichHandler(context: ServiceContext) {
  const { queues, blobs } = context;
  return async function handleEnrich(data: EnrichJob, { log }: JobContext) {
    const stored = await blobs.getJson<StoredArticle>(data.articleKey);
    const { title, text } = stored.article;
    const lang = stored.article.lang ?? detectLanguage(`${title}\n${text}`);
    const entities = articleEntities({ title, text, lang });
    const document = buildSearchDocument(stored, lang, entities);
    const documentKey = await blobs.putJson('document', document);
    await enqueue(queues, 'index', { docId: data.docId, documentKey, acceptedAt: data.acceptedAt });
    log.info({ docId: data.docId, lang, entities: entities.length }, 'article enriched');
    return { entities: entities.length };
  };
}

export const enricher: ServiceDefinition = {
  name: 'enricher',
  consumes: ['enrich'],
  async start(context) {
    const worker = startWorker('enrich', createEnrichHandler(context), { connection: context.redis, logger: context.logger });
    return { stop: () => worker.close(context.config.shutdownGraceMs) };
  },
};
