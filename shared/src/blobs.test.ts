import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from './blobs.js';

describe('BlobStore', () => {
  const dirs: string[] = [];
  const store = () => {
    const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
    dirs.push(dir);
    return new BlobStore(dir);
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('round-trips raw pages under content addresses', async () => {
    const blobs = store();
    const page = Buffer.from('<html>سلام</html>');
    const key = await blobs.put(page);
    expect(key).toMatch(/^raw\/[0-9a-f]{2}\/[0-9a-f]{38}\.gz$/);
    expect(await blobs.put(page)).toBe(key);
    expect((await blobs.get(key)).equals(page)).toBe(true);
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
  });

  it('leaves no temporary files behind', async () => {
    const blobs = store();
    const key = await blobs.put(Buffer.from('x'));
    expect(readdirSync(join(blobs.root, key, '..'))).toEqual([key.split('/').pop()]);
  });

  it('writes many blobs at once, each whole, off the event loop', async () => {
    const blobs = store();
    const pages = Array.from({ length: 200 }, (_, i) => Buffer.from(`<html>page ${i} ${'نص '.repeat(i)}</html>`));
    const keys = await Promise.all(pages.map((page) => blobs.put(page)));
    expect(new Set(keys).size).toBe(200);
    for (const [i, key] of keys.entries()) expect((await blobs.get(key)).equals(pages[i]!)).toBe(true);
  });

  it("fails a write with the file system's reason, and keeps writing after it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    await expect(new BlobStore(join(dir, 'not-a-folder')).put(Buffer.from('page'))).rejects.toMatchObject({ code: 'ENOTDIR', message: expect.stringMatching(/ENOTDIR/) });
    const blobs = new BlobStore(join(dir, 'store'));
    expect((await blobs.get(await blobs.put(Buffer.from('page')))).toString()).toBe('page');
  });
});
