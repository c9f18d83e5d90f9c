// The blob store keeps the raw page bodies, so jobs carry only references and an article can be
// re-parsed or re-enriched later without refetching. It lives on a filesystem: BLOB_DIR (default
// $NEWS_DATA_DIR/blobs), which must be a shared volume when services run on several machines.
// (Documents passed between later stages live in the scratch store: they are transient.)
//
// Pages are appended, each as its own gzip member, to pack files, as crawlers keep their archives
// (WARC files): pack/<day>/<writer>-<n>.gz, where the writer (host, process, random) is the only
// one ever to append to it. A key names the pack and the member's offset and length. A file per
// page cost 0.5-0.8 ms of CPU each here, mostly the kernel allocating inodes; an append costs 0.03.
// A pack is a valid multi-member gzip file: `zcat` prints its pages one after the other.
//
// A put resolves once its member is on disk (fdatasync, shared by the writes that finish
// together): only then does the fetcher queue the parse job, so a crash cannot leave a job whose
// page was lost, and a parser on another machine of a network volume reads whole members.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip, gzipSync } from 'node:zlib';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Raw pages are kept for good: a good ratio is worth a little more CPU. */
const GZIP_LEVEL = 5;

/**
 * Below this size, (de)compression runs synchronously: for the typical 10–100 KB page that costs a
 * fraction of a millisecond, while Node's asynchronous zlib spends several times the CPU on
 * thread-pool hand-offs (measured here: gzip 0.22 vs 0.03 ms, gunzip 0.25 vs 0.05 ms). Larger
 * blobs go through the thread pool so the event loop is never blocked for long.
 */
const SYNC_LIMIT_BYTES = 512 * 1024;

/** A pack is closed and the next one started past this size (or when the day changes). */
const PACK_MAX_BYTES = 64 * 1024 * 1024;

/** Pages stored lately, by content hash: the same bytes stored again (a page fetched twice) reuse their key. */
const RECENT_HASHES = 4096;

const PACK_KEY = /^(pack\/\d{4}-\d{2}-\d{2}\/[a-z0-9-]{1,100}\.gz):(\d{1,15}):(\d{1,12})$/;
/** Keys of the store's first layout, a file per page named by its hash: still readable. */
const FILE_KEY = /^raw\/[0-9a-f]{2}\/[0-9a-f]{38}\.gz$/;

interface Pack {
  path: string;
  day: string;
  handle: FileHandle;
  /** Bytes reserved so far: the next member's offset. */
  size: number;
  /** Writes finished so far, and how many of them the last finished fdatasync covered. */
  written: number;
  synced: number;
  syncing: Promise<void> | null;
  /** Writes not finished yet: the file is closed after the last of them. */
  pending: number;
  retired: boolean;
}

export class BlobStore {
  /** The pack being appended to, and the opening of the next one (shared by concurrent puts). */
  private current: Pack | null = null;
  private opening: Promise<Pack> | null = null;
  private packs = 0;
  private readonly writer = `${hostname().toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly recent = new Map<string, string>();

  constructor(
    readonly root: string,
    private readonly packMaxBytes = PACK_MAX_BYTES,
  ) {}

  /** Appends a raw page and resolves with its key once it is on disk. */
  async put(bytes: Uint8Array): Promise<string> {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const known = this.recent.get(hash);
    if (known) return known;
    const member = bytes.byteLength < SYNC_LIMIT_BYTES ? gzipSync(bytes, { level: GZIP_LEVEL }) : await gzipAsync(bytes, { level: GZIP_LEVEL });
    const key = await this.append(member);
    this.recent.set(hash, key);
    if (this.recent.size > RECENT_HASHES) this.recent.delete(this.recent.keys().next().value!);
    return key;
  }

  async get(key: string): Promise<Buffer> {
    const packed = PACK_KEY.exec(key);
    if (!packed && !FILE_KEY.test(key)) throw new Error(`invalid blob key: ${key}`);
    const path = join(this.root, packed ? packed[1]! : key);
    let compressed: Buffer;
    try {
      // Members are at most a few MB (bodies are capped): a synchronous read from the page cache is
      // shorter than the promise machinery of an asynchronous one.
      compressed = packed ? readMember(path, Number(packed[2]), Number(packed[3])) : readFileSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`blob ${key} is missing from ${this.root} (is BLOB_DIR shared by every service?)`);
      throw error;
    }
    return compressed.byteLength < SYNC_LIMIT_BYTES / 4 ? gunzipSync(compressed) : gunzipAsync(compressed);
  }

  /** Closes the open pack once its writes have finished (at shutdown). */
  async close(): Promise<void> {
    await this.opening?.catch(() => undefined);
    if (this.current) await this.retire(this.current);
  }

  private async append(member: Buffer): Promise<string> {
    const { pack, offset } = await this.reserve(member.byteLength);
    try {
      await pack.handle.write(member, 0, member.byteLength, offset);
      await this.sync(pack, ++pack.written);
    } catch (error) {
      // A pack that failed a write is not trusted with more: the next put starts another.
      void this.retire(pack);
      throw error;
    } finally {
      if (--pack.pending === 0 && pack.retired) await pack.handle.close().catch(() => undefined);
    }
    return `${pack.path}:${offset}:${member.byteLength}`;
  }

  /** Waits for an fdatasync that started after write number `write` finished; concurrent writes share one. */
  private async sync(pack: Pack, write: number): Promise<void> {
    while (pack.synced < write) {
      if (!pack.syncing) {
        const covers = pack.written;
        pack.syncing = pack.handle
          .datasync()
          .then(() => void (pack.synced = Math.max(pack.synced, covers)))
          .finally(() => (pack.syncing = null));
      }
      await pack.syncing;
    }
  }

  /**
   * Takes `bytes` of the current pack (a new one when it is full or of another day) and counts a
   * write pending on it. The check and the taking happen with no await between them, so
   * concurrent puts never overfill a pack.
   */
  private async reserve(bytes: number): Promise<{ pack: Pack; offset: number }> {
    for (;;) {
      const day = new Date().toISOString().slice(0, 10);
      const pack = this.current;
      if (pack && !pack.retired && pack.day === day && (pack.size === 0 || pack.size + bytes <= this.packMaxBytes)) {
        const offset = pack.size;
        pack.size += bytes;
        pack.pending++;
        return { pack, offset };
      }
      if (pack) void this.retire(pack);
      // Concurrent puts share one opening; a failed opening is forgotten, so the next put tries again.
      await (this.opening ??= this.openPack(day)
        .then((opened) => (this.current = opened))
        .finally(() => (this.opening = null)));
    }
  }

  private async openPack(day: string): Promise<Pack> {
    const path = `pack/${day}/${this.writer}-${++this.packs}.gz`;
    await mkdir(join(this.root, 'pack', day), { recursive: true });
    // 'wx': a pack is always new; no later process appends to it.
    const handle = await open(join(this.root, path), 'wx');
    return { path, day, handle, size: 0, written: 0, synced: 0, syncing: null, pending: 0, retired: false };
  }

  /** No more writes to this pack: it is closed now, or by its last pending write. */
  private async retire(pack: Pack): Promise<void> {
    if (this.current === pack) this.current = null;
    if (pack.retired) return;
    pack.retired = true;
    if (pack.pending === 0) await pack.handle.close().catch(() => undefined);
  }
}

function readMember(path: string, offset: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(length);
    const read = readSync(fd, buffer, 0, length, offset);
    if (read !== length) throw new Error(`blob ${path} ends at ${offset + read}, before its member's end at ${offset + length}`);
    return buffer;
  } finally {
    closeSync(fd);
  }
}
