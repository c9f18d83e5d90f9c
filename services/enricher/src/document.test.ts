import type { DocumentEntity, StoredArticle } from '@news/shared';
import { describe, expect, it } from 'vitest';
import { buildSearchDocument, entityNames } from './document.js';

const putin: DocumentEntity = {
  id: 'Q7747', name: 'Vladimir Putin', type: 'PER', labels: { en: 'Vladimir Putin', ar: 'فلاديمير بوتين' },
  aliases: ['بوتين', 'Putin'], wikidata: 'Q7747', mentions: 3, firstPosition: 10, salience: 0.9,
};

const stored: StoredArticle = {
  docId: 'abc',
  article: {
    title: 'بوتين يشرح', text: 'نص الخبر', html: '<p>نص الخبر</p>', lang: 'ar', publishedAt: '2017-11-21T17:37:00+02:00', modifiedAt: null,
    authors: [], siteName: 'بوابة الوسط', canonicalUrl: 'http://news.example.test/news/1', image: null, description: null,
  },
  canonicalUrl: 'http://news.example.test/news/1',
  urls: ['http://news.example.test/news/1?utm_source=rss', 'http://news.example.test/news/1'],
  fetchedAt: '2017-11-21T16:00:00.000Z', encoding: 'utf-8', sourceId: null, feedUrl: null, rawBlobKey: 'raw/aa/x.gz',
};

describe('search document', () => {
  it('makes every name of every entity searchable, in both languages, once', () => {
    expect(entityNames([putin, { ...putin, id: 'dup' }])).toEqual(['Vladimir Putin', 'فلاديمير بوتين', 'بوتين', 'Putin']);
  });

  it('normalises the publication time to UTC and keeps the source host', () => {
    const document = buildSearchDocument(stored, 'ar', [putin], 'a1b2c3d4e5f60718', new Date('2020-01-01T00:00:00Z'));
    expect(document.publishedAt).toBe('2017-11-21T15:37:00.000Z');
    expect(document.publishedTs).toBe(1511278620);
    expect(document.source).toBe('news.example.test');
    expect(document.url).toBe(stored.urls[0]);
    expect(document.entityIds).toEqual(['Q7747']);
    expect(document.fingerprint).toBe('a1b2c3d4e5f60718');
  });
});
