import { describe, expect, it } from 'vitest';
import { assertEveryQueueHasOneConsumer, MAX_PAYLOAD_BYTES, QUEUE_NAMES, QUEUES, validatePayload } from './queues.js';

describe('queue table', () => {
  it('gives every queue a consumer, a concurrency and retention', () => {
    for (const name of QUEUE_NAMES) {
      const queue = QUEUES[name];
      expect(queue.concurrency).toBeGreaterThan(0);
      expect(queue.jobOptions.attempts).toBeGreaterThan(0);
      expect(queue.jobOptions.removeOnComplete).toBeTruthy();
      expect(queue.jobOptions.removeOnFail).toBeTruthy();
    }
  });

  it('accepts a valid fetch payload and drops unknown fields', () => {
    const parsed = validatePayload('fetch', { url: 'https://example.com/a', kind: 'auto', extra: 1 });
    expect(parsed).toEqual({ url: 'https://example.com/a', kind: 'auto' });
  });

  it('names the field that is wrong', () => {
    expect(() => validatePayload('fetch', { url: 'javascript:alert(1)', kind: 'auto' })).toThrow(/url must be an http\(s\) URL/);
    expect(() => validatePayload('fetch', { url: 'https://example.com', kind: 'video' })).toThrow(/kind must be one of auto, feed, page/);
    expect(() => validatePayload('enrich', { docId: 'x' })).toThrow(/articleKey must be a string/);
  });

  it('refuses payloads over the size limit', () => {
    const hint = { title: 'x'.repeat(2000) };
    expect(() => validatePayload('parse', {
      url: 'https://e.com/', finalUrl: 'https://e.com/', redirects: Array(20).fill(`https://e.com/${'y'.repeat(4000)}`), kind: 'page', status: 200,
      fetchedAt: 'now', blobKey: 'k', bytes: 1, hint,
    })).toThrow(new RegExp(`over the ${MAX_PAYLOAD_BYTES}-byte limit`));
  });

  it('fails fast when a queue has no consumer or two', () => {
    const all = QUEUE_NAMES.map((name) => ({ name: QUEUES[name].consumer, consumes: [name] }));
    expect(() => assertEveryQueueHasOneConsumer(all)).not.toThrow();
    expect(() => assertEveryQueueHasOneConsumer(all.slice(1))).toThrow(/queue "fetch" must have exactly one consuming service, found none/);
    expect(() => assertEveryQueueHasOneConsumer([...all, { name: 'api', consumes: ['index'] }])).toThrow(/found indexer, api/);
  });
});
