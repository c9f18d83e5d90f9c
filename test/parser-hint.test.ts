// The parser on the suite's real Redis and blob store: a page that neither declares nor reveals
// its language takes its source's hint, reduced to its primary subtag ("pt-BR" is "pt", as a
// declared lang would be), so one language is one facet value and one filter.
import { closeQueues, createLogger, loadConfig, type EnrichJob, type ServiceContext, type StoredArticle } from '@news/shared';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createContext } from '../services/launcher/src/run-services.js';
import { createParseHandler } from '../services/parser/src/main.js';

const REDIS_DB = 9;

// Made-up words: no function word of any language the detector knows, so only the hint can tell.
const paragraph = 'Zorvath quellin makor tesh; brundil aksa morrow venth. Talgrim osk vurrin deltash pol kemmar usk brevin.';
const page = (lang: string) =>
  `<!DOCTYPE html><html${lang}><head><meta charset="utf-8"><title>Quellin makor</title></head><body><article><h1>Quellin makor</h1>` +
  `${Array.from({ length: 8 }, () => `<p>${paragraph}</p>`).join('')}</article></body></html>`;

describe('parser and a source language hint', () => {
  let context: ServiceContext;
  beforeAll(async () => {
    const config = loadConfig({ REDIS_URL: `${inject('redisUrl')}/${REDIS_DB}`, MEILI_URL: inject('meiliUrl'), NEWS_DATA_DIR: mkdtempSync(join(tmpdir(), 'parser-hint-')) });
    context = await createContext(config, createLogger('silent'));
    await context.redis.flushdb();
  });
  afterAll(async () => {
    await closeQueues(context.queues);
    await context.redis.quit();
  });

  async function parsedLang(html: string, language?: string): Promise<string | null> {
    const blobKey = await context.blobs.put(Buffer.from(html));
    const url = `http://hint.test/${Math.random().toString(36).slice(2)}`;
    const handle = createParseHandler(context);
    await handle(
      { url, finalUrl: url, redirects: [], kind: 'page', status: 200, fetchedAt: new Date().toISOString(), blobKey, bytes: html.length, language },
      { job: undefined as never, log: createLogger('silent') },
    );
    const [job] = await context.queues.enrich.getJobs(['waiting'], 0, 0);
    await job!.remove();
    return (await context.scratch.get<StoredArticle>((job!.data as EnrichJob).articleKey)).article.lang;
  }

  it('uses the hint only where the page says nothing, as a primary language subtag', async () => {
    expect(await parsedLang(page(''), 'pt-BR')).toBe('pt');
    expect(await parsedLang(page(''), 'EN_gb')).toBe('en');
    expect(await parsedLang(page(''))).toBeNull();
    expect(await parsedLang(page(' lang="de-AT"'), 'pt-BR')).toBe('de');
  });
});
