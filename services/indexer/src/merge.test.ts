import type { SearchDocument } from '@news/shared';
import { describe, expect, it } from 'vitest';
import { collapseBatch, mergeWithExisting } from './merge.js';

const doc = (id: string, urls: string[], title = 't') => ({ id, url: urls[0]!, urls, title }) as SearchDocument;

describe('merging copies of a story', () => {
  it('keeps the first URL and every URL seen, with the newest content', () => {
    const merged = mergeWithExisting(doc('a', ['http://x/legacy/1'], 'new'), { id: 'a', url: 'http://x/1', urls: ['http://x/1', 'http://x/1?utm=1'] });
    expect(merged.url).toBe('http://x/1');
    expect(merged.urls).toEqual(['http://x/1', 'http://x/1?utm=1', 'http://x/legacy/1']);
    expect(merged.title).toBe('new');
  });

  it('collapses one batch to one document per id', () => {
    const batch = collapseBatch([doc('a', ['u1']), doc('b', ['u2']), doc('a', ['u3'], 'later')]);
    expect(batch.map((d) => [d.id, d.urls, d.title])).toEqual([['a', ['u1', 'u3'], 'later'], ['b', ['u2'], 't']]);
  });
});
