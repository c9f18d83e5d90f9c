// The scratch store holds the documents that pass between stages (an extracted article for the
// enricher, a finished search document for the indexer): gzip-compressed values in Redis under
// unique keys, deleted by the stage that consumes them and otherwise expiring after a TTL.
// Redis, not the blob store's files, because they live for seconds: on a busy disk, creating and
// renaming a file per document blocked the workers' event loops (3.4 s of 22 in one bench run),
// and a file store needs sweeping. Raw pages, which are kept, stay in the blob store.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { gunzipSync, gzipSync } from 'node:zlib';

export type ScratchKind = 'article' | 'document';

const KEY_PATTERN = /^news:scratch:(article|document):[0-9a-f]{24}$/;

export class ScratchStore {
  constructor(
    private readonly redis: Redis,
    /** How long an unconsumed value is kept: the window for retrying a failed job by hand. */
    private readonly ttlSeconds: number,
  ) {}

  /** Stores a value; the key is unique, so two stages never share (and delete) one value. */
  async put(kind: ScratchKind, value: unknown): Promise<string> {
    const key = `news:scratch:${kind}:${randomBytes(12).toString('hex')}`;
    await this.redis.set(key, gzipSync(JSON.stringify(value), { level: 1 }), 'EX', this.ttlSeconds);
    return key;
  }

  /** The value as JSON text (callers that pass it along unparsed avoid a parse and a stringify). */
  async getText(key: string): Promise<string> {
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid scratch key: ${key}`);
    const stored = await this.redis.getBuffer(key);
    if (!stored) throw new Error(`${key} is gone (consumed already, or older than ${Math.round(this.ttlSeconds / 3600)} h): ingest or reprocess the article again`);
    return gunzipSync(stored).toString('utf8');
  }

  async get<T>(key: string): Promise<T> {
    return JSON.parse(await this.getText(key)) as T;
  }

  /** Called by the consuming stage once its job has done everything else. */
  async delete(...keys: string[]): Promise<void> {
    if (keys.length) await this.redis.unlink(...keys);
  }
}
