// `newsctl feed --jsonl`: stdin lines {"id","path","url","headers"?} give stdout lines
// {"id","encoding","feed":{...},"entries":[...]} or {"id","error"[,"encoding"]}. The bytes are read
// from `path` and go through the same parseFeed the parser worker uses; `headers` are the HTTP
// headers the document was served with (Content-Type for the charset, Content-Location for links).
import { readFile } from 'node:fs/promises';
import { decodeBody } from '@news/shared/charset';
import { FeedParseError, parseFeed } from '@news/parser/feed';
import { mapJsonl, type JsonObject } from '../jsonl.js';

function header(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return null;
}

async function parseOne(input: JsonObject): Promise<JsonObject> {
  const id = input.id ?? null;
  if (typeof input.path !== 'string' || typeof input.url !== 'string') return { id, error: 'input needs "path" and "url"' };
  const bytes = await readFile(input.path);
  const contentType = header(input.headers, 'content-type');
  try {
    const parsed = parseFeed(bytes, { url: input.url, contentType, contentLocation: header(input.headers, 'content-location') });
    return { id, encoding: parsed.encoding, kind: parsed.kind, feed: parsed.feed, entries: parsed.entries };
  } catch (error) {
    if (!(error instanceof FeedParseError)) throw error;
    // The charset was still found; it is reported with the error.
    return { id, error: error.message, encoding: decodeBody(bytes.subarray(0, 65536), { contentType, kind: 'xml' }).encoding };
  }
}

export async function run(args: string[]): Promise<number> {
  if (!args.includes('--jsonl')) {
    console.error('usage: newsctl feed --jsonl < {"id","path","url","headers"?} lines');
    return 2;
  }
  return mapJsonl(parseOne);
}
