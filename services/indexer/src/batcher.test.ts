import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.js';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Batcher', () => {
  it('writes a full batch at once and resolves its callers after the write', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const batcher = new Batcher<number>((items) => { writes.push(items); return new Promise((r) => (release = r)); }, { maxSize: 3, maxWaitMs: 10_000, quietMs: 10_000 });
    let resolved = 0;
    for (const n of [1, 2, 3]) void batcher.add(n).then(() => resolved++);
    await tick();
    expect(writes).toEqual([[1, 2, 3]]);
    expect(resolved).toBe(0);
    release();
    await tick();
    expect(resolved).toBe(3);
  });

  it('writes a partial batch once items stop arriving', async () => {
    const writes: number[][] = [];
    const batcher = new Batcher<number>(async (items) => void writes.push(items), { maxSize: 100, maxWaitMs: 10_000, quietMs: 20 });
    const done = Promise.all([batcher.add(1), batcher.add(2)]);
    await tick(5);
    expect(writes).toEqual([]);
    await done;
    expect(writes).toEqual([[1, 2]]);
  });

  it('under a steady stream waits for a large batch, but no longer than maxWaitMs', async () => {
    const writes: number[][] = [];
    const batcher = new Batcher<number>(async (items) => void writes.push(items), { maxSize: 1000, maxWaitMs: 120, quietMs: 30 });
    const started = Date.now();
    const added: Promise<void>[] = [];
    for (let n = 0; Date.now() - started < 200; n++) {
      added.push(batcher.add(n));
      await tick(5); // one item every ~5 ms: never quiet for 30 ms
    }
    await batcher.drain();
    await Promise.all(added);
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(writes[0]!.length).toBeGreaterThan(10); // held for ~120 ms, not sent after the first 30 ms
    expect(writes.flat()).toEqual(added.map((_, n) => n));
  });

  it('rejects every caller of a failed batch with its reason', async () => {
    const batcher = new Batcher<number>(async () => { throw new Error('meilisearch down'); }, { maxSize: 2, maxWaitMs: 10, quietMs: 10 });
    const results = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe('meilisearch down');
  });

  it('keeps at most maxInFlight writes going and drains the rest', async () => {
    let inFlight = 0;
    let most = 0;
    const batcher = new Batcher<number>(async () => {
      most = Math.max(most, ++inFlight);
      await tick(10);
      inFlight--;
    }, { maxSize: 1, maxWaitMs: 5, quietMs: 5, maxInFlight: 2 });
    const all = Promise.all([1, 2, 3, 4, 5].map((n) => batcher.add(n)));
    await batcher.drain();
    await all;
    expect(most).toBe(2);
    expect(batcher.size).toBe(0);
  });
});
