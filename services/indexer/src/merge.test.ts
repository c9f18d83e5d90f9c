import type { SearchDocument } from '@news/shared';
import { describe, expect, it } from 'vitest';
import { batchBody, collapseBatch, mergeWithExisting } from './merge.js';

const doc = (id: string, urls: string[], title = 't') => ({ id, url: urls[0]!, urls, title }) as SearchDocument;
const pending = (d: SearchDocument) => ({ id: d.id, json: JSON.stringify(d) });

describe('merging copies of a story', () => {
  it('keeps the first URL and every URL seen, with the newest content', () => {
    const merged = mergeWithExisting(doc('a', ['http://x/legacy/1'], 'new'), { id: 'a', url: 'http://x/1', urls: ['http://x/1', 'http://x/1?utm=1'] });
    expect(merged.url).toBe('http://x/1');
    expect(merged.urls).toEqual(['http://x/1', 'http://x/1?utm=1', 'http://x/legacy/1']);
    expect(merged.title).toBe('new');
  });

  it('collapses one batch to one document per id', () => {
    const byId = collapseBatch([pending(doc('a', ['u1'])), pending(doc('b', ['u2'])), pending(doc('a', ['u3'], 'later'))]);
    expect([...byId.keys()]).toEqual(['a', 'b']);
    expect(JSON.parse(byId.get('a')!)).toMatchObject({ url: 'u1', urls: ['u1', 'u3'], title: 'later' });
  });

  it('builds the request body, merging only the stories already indexed', () => {
    const byId = collapseBatch([pending(doc('a', ['u1'])), pending(doc('b', ['u2']))]);
    const body = JSON.parse(batchBody(byId, [{ id: 'b', url: 'u0', urls: ['u0'] }]));
    expect(body).toEqual([{ id: 'a', url: 'u1', urls: ['u1'], title: 't' }, { id: 'b', url: 'u0', urls: ['u0', 'u2'], title: 't' }]);
  });
});
