// `newsctl extract --jsonl`: stdin {"id","path","url"} -> stdout {"id","title","text","lang",
// "publishedAt","author","siteName","canonicalUrl","image","description"} or {"id","error"}.
// The file's bytes are decoded exactly as the fetcher decodes a body with no Content-Type, then
// handed to the parser's own extractArticle, so this command shows what the pipeline would store.
import { readFile } from 'node:fs/promises';
import { decodeBody } from '@news/shared/charset';
import { extractArticle } from '@news/parser/extract';
import { mapJsonl, type JsonObject } from '../jsonl.js';

export async function extractLine(input: JsonObject): Promise<JsonObject> {
  const id = input.id ?? null;
  if (typeof input.path !== 'string') return { id, error: 'missing "path"' };
  const url = typeof input.url === 'string' && input.url ? input.url : 'http://localhost/';
  const bytes = await readFile(input.path);
  const { text } = decodeBody(bytes, { kind: 'html' });
  const result = extractArticle(text, url);
  if (!result.ok) return { id, error: result.reason };
  const { article } = result;
  return {
    id,
    title: article.title,
    text: article.text,
    lang: article.lang,
    publishedAt: article.publishedAt,
    author: article.authors.length ? article.authors.join(', ') : null,
    siteName: article.siteName,
    canonicalUrl: article.canonicalUrl,
    image: article.image,
    description: article.description,
  };
}

export async function run(args: string[]): Promise<number> {
  if (!args.includes('--jsonl')) {
    console.error('usage: newsctl extract --jsonl < {"id","path","url"} lines');
    return 2;
  }
  return mapJsonl(extractLine);
}
