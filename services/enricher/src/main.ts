// The enricher: settles the article's language, finds and links its entities, folds a
// near-duplicate of a known story into that story's document, and queues the finished search
// document for the indexer.
import { enqueue, workerService, type EnrichJob, type JobContext, type ServiceContext, type StoredArticle } from '@news/shared';
import { detectLanguage } from '@news/shared/language';
import { buildSearchDocument } from './document.js';
import { articleEntities } from './entities.js';
import { NearDuplicateRegistry } from './near-duplicates.js';
import { simhash } from './simhash.js';

export function createEnrichHandler(context: ServiceContext) {
  const { queues, scratch } = context;
  const nearDuplicates = new NearDuplicateRegistry(context.redis, context.config.nearDuplicateDays * 86_400_000);
  return async function handleEnrich(data: EnrichJob, { log }: JobContext) {
    const stored = await scratch.get<StoredArticle>(data.articleKey);
    const { title, text } = stored.article;
    const lang = stored.article.lang ?? detectLanguage(`${title}\n${text}`);
    const entities = articleEntities({ title, text, lang });
    const fingerprint = simhash(text);
    const docId = await nearDuplicates.resolve(data.docId, fingerprint);
    if (docId !== data.docId) log.info({ docId, copyOf: data.docId }, 'near-duplicate of a known story: folded into it');
    const document = buildSearchDocument({ ...stored, docId }, lang, entities, fingerprint);
    const documentKey = await scratch.put('document', document);
    await enqueue(queues, 'index', { docId, documentKey, acceptedAt: data.acceptedAt });
    await scratch.delete(data.articleKey);
    log.info({ docId, lang, entities: entities.length }, 'article enriched');
    return { docId, entities: entities.length };
  };
}

export const enricher = workerService('enricher', 'enrich', createEnrichHandler);
