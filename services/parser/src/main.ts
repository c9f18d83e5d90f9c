// The parser: turns a fetched body into either feed items (each new one queued for fetching) or
// one article (queued for enrichment). Which one is decided from the bytes when the job says
// "auto", so `POST /api/ingest` works for feeds and pages alike.
import {
  decodeBody,
  documentId,
  enqueue,
  enqueueMany,
  hostOf,
  isSourcePoll,
  normaliseUrl,
  PermanentError,
  workerService,
  type JobContext,
  type ParseJob,
  type ServiceContext,
  type StoredArticle,
} from '@news/shared';
import { primaryLanguage } from '@news/shared/language';
import { createHash } from 'node:crypto';
import { extractArticle } from './extract.js';
import { FeedParseError, looksLikeFeed, parseFeed, type FeedEntry } from './feed.js';


/** A feed item is "seen" for this long; a later poll that lists it again counts it as duplicate. */
const SEEN_TTL_SECONDS = 90 * 24 * 3600;
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

export function createParseHandler(context: ServiceContext) {
  const { redis, queues, blobs, scratch } = context;

  async function handleFeed(data: ParseJob, bytes: Buffer, log: JobContext['log']) {
    let feed;
    try {
      feed = parseFeed(bytes, { url: data.finalUrl, contentType: data.contentType, contentLocation: data.contentLocation });
    } catch (error) {
      if (error instanceof FeedParseError) throw new PermanentError(`feed: ${error.message}`);
      throw error;
    }
    const scope = data.sourceId ?? hostOf(data.url);
    // A sitemap index lists other sitemaps: they are feeds to fetch, and fetched again whenever
    // their lastmod changes. Everything else lists pages.
    const listsFeeds = feed.kind === 'sitemap-index';
    const oldest = feed.kind === 'sitemap' ? Date.now() - context.config.backfillMaxAgeDays * 86_400_000 : -Infinity;
    // Each item once, by link, with its key: a sitemap index's entries count again when changed.
    const items = new Map<string, { entry: FeedEntry; key: string }>();
    for (const entry of feed.entries) {
      const link = entry.link && normaliseUrl(entry.link, data.finalUrl);
      const date = Date.parse(entry.published ?? entry.updated ?? '');
      if (!link || items.has(link) || (!listsFeeds && date < oldest)) continue;
      items.set(link, { entry, key: sha1(listsFeeds ? `${link} ${entry.updated ?? ''}` : link) });
    }
    // SET NX per item: atomic across parser processes, so two polls never queue one item twice.
    const seen = redis.pipeline();
    for (const { key } of items.values()) seen.set(`news:seen:${scope}:${key}`, '1', 'EX', SEEN_TTL_SECONDS, 'NX');
    const answers = (await seen.exec()) ?? [];
    const fresh = [...items].filter((_, index) => answers[index]?.[1] === 'OK');
    const acceptedAt = data.acceptedAt ?? Date.now();
    try {
      await enqueueMany(queues, 'fetch', fresh.map(([link, { entry, key }]) => ({
        data: {
          url: link,
          kind: listsFeeds ? ('feed' as const) : ('page' as const),
          sourceId: data.sourceId,
          feedUrl: data.finalUrl,
          hint: { title: entry.title?.slice(0, 2000) ?? undefined, publishedAt: entry.published ?? entry.updated ?? undefined, guid: entry.id?.slice(0, 2048) ?? undefined },
          acceptedAt,
          language: data.language,
        },
        options: { jobId: `${listsFeeds ? 'feed' : 'page'}-${key}` },
      })));
    } catch (error) {
      // Not queued, so not seen: the retry of this job must find these items new again.
      if (fresh.length) await redis.del(...fresh.map(([, { key }]) => `news:seen:${scope}:${key}`)).catch(() => undefined);
      throw error;
    }
    if (isSourcePoll(data)) {
      await enqueue(queues, 'poll-result', {
        sourceId: data.sourceId,
        feedUrl: data.url,
        status: data.status,
        newItems: fresh.length,
        duplicateItems: items.size - fresh.length,
        ttlMinutes: feed.feed.ttlMinutes ?? undefined,
        polledAt: data.fetchedAt,
      });
    }
    log.info({ kind: feed.kind, entries: feed.entries.length, queued: fresh.length }, 'feed parsed');
    return { kind: feed.kind, entries: feed.entries.length, queued: fresh.length };
  }

  async function handlePage(data: ParseJob, bytes: Buffer, log: JobContext['log']) {
    const { text: html, encoding } = decodeBody(bytes, { contentType: data.contentType, kind: 'html' });
    const result = extractArticle(html, data.finalUrl, { fetchedAt: new Date(data.fetchedAt) });
    if (!result.ok) throw new PermanentError(result.reason);
    const article = result.article;
    const canonicalUrl = normaliseUrl(article.canonicalUrl ?? data.finalUrl) ?? data.finalUrl;
    const docId = documentId(canonicalUrl);
    const stored: StoredArticle = {
      docId,
      article: { ...article, publishedAt: article.publishedAt ?? data.hint?.publishedAt ?? null, lang: article.lang ?? primaryLanguage(data.language) },
      canonicalUrl,
      urls: [...new Set([data.url, ...data.redirects, data.finalUrl])],
      fetchedAt: data.fetchedAt,
      encoding,
      sourceId: data.sourceId ?? null,
      feedUrl: data.feedUrl ?? null,
      rawBlobKey: data.blobKey,
    };
    const articleKey = await scratch.put('article', stored);
    await enqueue(queues, 'enrich', { docId, articleKey, acceptedAt: data.acceptedAt });
    log.info({ docId, canonicalUrl, encoding, chars: article.text.length }, 'article extracted');
    return { docId };
  }

  return async function handleParse(data: ParseJob, { log }: JobContext) {
    const bytes = await blobs.get(data.blobKey);
    const kind = data.kind === 'auto' ? (looksLikeFeed(bytes, data.contentType) ? 'feed' : 'page') : data.kind;
    return kind === 'feed' ? handleFeed(data, bytes, log) : handlePage(data, bytes, log);
  };
}

export const parser = workerService('parser', 'parse', createParseHandler);
