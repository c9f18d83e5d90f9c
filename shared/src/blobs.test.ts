import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
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

  it('round-trips bytes and JSON under content addresses', async () => {
    const blobs = store();
    const page = Buffer.from('<html>سلام</html>');
    const key = await blobs.putBytes('raw', page);
    expect(key).toMatch(/^raw\/[0-9a-f]{2}\/[0-9a-f]{38}\.gz$/);
    expect(await blobs.putBytes('raw', page)).toBe(key);
    expect((await blobs.getBytes(key)).equals(page)).toBe(true);
    const jsonKey = await blobs.putJson('article', { title: 'x', n: 1 });
    expect(await blobs.getJson(jsonKey)).toEqual({ title: 'x', n: 1 });
  });

  it('refuses keys that could leave the store', async () => {
    await expect(store().getBytes('../../etc/passwd')).rejects.toThrow(/invalid blob key/);
  });

  it('leaves no temporary files behind', async () => {
    const blobs = store();
    const key = await blobs.putBytes('raw', Buffer.from('x'));
    expect(readdirSync(join(blobs.root, key, '..'))).toEqual([key.split('/').pop()]);
  });

  it('sweeps old intermediate documents and keeps recent ones and raw pages', async () => {
    const blobs = store();
    const old = await blobs.putJson('article', { n: 1 });
    const recent = await blobs.putJson('article', { n: 2 });
    const raw = await blobs.putBytes('raw', Buffer.from('page'));
    const longAgo = new Date(Date.now() - 10 * 86_400_000);
    utimesSync(join(blobs.root, old), longAgo, longAgo);
    utimesSync(join(blobs.root, raw), longAgo, longAgo);
    expect(await blobs.sweep('article', new Date(Date.now() - 7 * 86_400_000))).toBe(1);
    await expect(blobs.getJson(old)).rejects.toThrow(/is missing/);
    expect(await blobs.getJson(recent)).toEqual({ n: 2 });
    expect((await blobs.getBytes(raw)).toString()).toBe('page');
  });
});
