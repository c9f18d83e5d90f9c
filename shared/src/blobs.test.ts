import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
});
