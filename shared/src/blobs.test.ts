import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from './blobs.js';

describe('BlobStore', () => {
  const dirs: string[] = [];
  const stores: BlobStore[] = [];
  const store = () => {
    const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
    dirs.push(dir);
    return track(new BlobStore(dir));
  };
  const track = (blobs: BlobStore) => (stores.push(blobs), blobs);
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((blobs) => blobs.close()));
    dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('appends raw pages to a pack and reads each back by its key', async () => {
    const blobs = store();
    const page = Buffer.from('<html>سلام</html>');
    const other = Buffer.from('<html>other</html>');
    const key = await blobs.put(page);
    const otherKey = await blobs.put(other);
    expect(key).toMatch(/^pack\/\d{4}-\d{2}-\d{2}\/[a-z0-9-]+-1\.gz:0:\d+$/);
    expect(otherKey.split(':')[0]).toBe(key.split(':')[0]);
    expect(await blobs.put(page)).toBe(key); // the same bytes again: stored once
    expect((await blobs.get(key)).equals(page)).toBe(true);
    expect((await blobs.get(otherKey)).equals(other)).toBe(true);
    // The pack is one multi-member gzip file: zcat prints the pages in order.
    expect(gunzipSync(readFileSync(join(blobs.root, key.split(':')[0]!))).toString()).toBe(`${page}${other}`);
  });

  it('reads pages stored by the first layout, a file per page', async () => {
    const blobs = store();
    const key = `raw/ab/${'c'.repeat(38)}.gz`;
    mkdirSync(join(blobs.root, 'raw', 'ab'), { recursive: true });
    writeFileSync(join(blobs.root, key), gzipSync('<html>old</html>'));
    expect((await blobs.get(key)).toString()).toBe('<html>old</html>');
  });

  it('starts a new pack in a new process, never appending to an old one', async () => {
    const first = store();
    const key = await first.put(Buffer.from('first'));
    await first.close();
    const second = track(new BlobStore(first.root));
    const next = await second.put(Buffer.from('second'));
    expect(next.split(':')[0]).not.toBe(key.split(':')[0]);
    expect((await second.get(key)).toString()).toBe('first');
  });

  it('names a member cut short (a pack truncated on disk)', async () => {
    const blobs = store();
    const key = await blobs.put(Buffer.from('<html>page</html>'));
    await blobs.close();
    truncateSync(join(blobs.root, key.split(':')[0]!), 5);
    await expect(blobs.get(key)).rejects.toThrow(/ends at 5, before its member's end/);
  });

  it('round-trips a page too large to compress on the event loop', async () => {
    const blobs = store();
    const page = Buffer.alloc(3 * 1024 * 1024, 'news ');
    expect((await blobs.get(await blobs.put(page))).equals(page)).toBe(true);
  });

  it('refuses keys that could leave the store and names a missing blob', async () => {
    const blobs = store();
    await expect(blobs.get('../../etc/passwd')).rejects.toThrow(/invalid blob key/);
    await expect(blobs.get(`raw/ab/${'c'.repeat(38)}.gz`)).rejects.toThrow(/is missing from .*\(is BLOB_DIR shared/);
    await expect(blobs.get('pack/2026-01-01/host-1-ab12cd34-1.gz:0:10')).rejects.toThrow(/is missing from/);
    await expect(blobs.get('pack/2026-01-01/../../x.gz:0:10')).rejects.toThrow(/invalid blob key/);
  });

  it('writes many blobs at once, each whole, off the event loop', async () => {
    const blobs = store();
    const pages = Array.from({ length: 200 }, (_, i) => Buffer.from(`<html>page ${i} ${'نص '.repeat(i)}</html>`));
    const keys = await Promise.all(pages.map((page) => blobs.put(page)));
    expect(new Set(keys).size).toBe(200);
    expect(new Set(keys.map((key) => key.split(':')[0])).size).toBe(1);
    for (const [i, key] of keys.entries()) expect((await blobs.get(key)).equals(pages[i]!)).toBe(true);
  });

  it('starts the next pack when one is full, also while writes to the full one are under way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
    dirs.push(dir);
    const blobs = track(new BlobStore(dir, 2_000));
    const pages = Array.from({ length: 120 }, (_, i) => Buffer.from(`<html>${i} ${randomBytes(200).toString('hex')}</html>`));
    const keys = await Promise.all(pages.map((page) => blobs.put(page)));
    const packs = new Set(keys.map((key) => key.split(':')[0]!));
    expect(packs.size).toBeGreaterThan(10);
    for (const pack of packs) expect(statSync(join(dir, pack)).size).toBeLessThanOrEqual(2_000);
    for (const [i, key] of keys.entries()) expect((await blobs.get(key)).equals(pages[i]!)).toBe(true);
  });

  it("fails a write with the file system's reason, and keeps writing after it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    await expect(new BlobStore(join(dir, 'not-a-folder')).put(Buffer.from('page'))).rejects.toMatchObject({ code: 'ENOTDIR', message: expect.stringMatching(/ENOTDIR/) });
    const blobs = track(new BlobStore(join(dir, 'store')));
    expect((await blobs.get(await blobs.put(Buffer.from('page')))).toString()).toBe('page');
  });
});
