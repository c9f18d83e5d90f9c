// The blob store keeps raw page bodies and intermediate documents, gzip-compressed and addressed
// by key, so jobs carry only references and an article can be re-parsed or re-enriched later
// without refetching. It lives on a filesystem: BLOB_DIR (default $NEWS_DATA_DIR/blobs), which
// must be a shared volume when services run on several machines.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export type BlobKind = 'raw' | 'article' | 'document';

// Raw pages are kept for good, so they get a better ratio; the intermediate documents are read
// once by the next stage, so speed matters more there.
const GZIP_LEVEL: Record<BlobKind, number> = { raw: 5, article: 1, document: 1 };

export class BlobStore {
  /** Folders known to exist, so a write costs no mkdir after the first in a folder. */
  private readonly folders = new Set<string>();

  constructor(readonly root: string) {}

  /** Stores bytes under a content address; storing the same bytes twice is a no-op. */
  async putBytes(kind: BlobKind, bytes: Uint8Array): Promise<string> {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const key = `${kind}/${hash.slice(0, 2)}/${hash.slice(2, 40)}.gz`;
    await this.write(key, await gzipAsync(bytes, { level: GZIP_LEVEL[kind] }));
    return key;
  }

  async putJson(kind: BlobKind, value: unknown): Promise<string> {
    return this.putBytes(kind, Buffer.from(JSON.stringify(value)));
  }

  async getBytes(key: string): Promise<Buffer> {
    if (!/^(raw|article|document)\/[0-9a-f]{2}\/[0-9a-f]{38}\.gz$/.test(key)) throw new Error(`invalid blob key: ${key}`);
    return gunzipAsync(await readFile(join(this.root, key)));
  }

  async getJson<T>(key: string): Promise<T> {
    return JSON.parse((await this.getBytes(key)).toString('utf8')) as T;
  }

  private async write(key: string, data: Buffer): Promise<void> {
    const path = join(this.root, key);
    const folder = dirname(path);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    // Write then rename, so a reader never sees half a file even across machines.
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, data);
    await rename(temp, path);
  }
}
