import { describe, expect, it } from 'vitest';
import { documentId, normaliseUrl } from './url.js';

describe('normaliseUrl', () => {
  it('drops tracking parameters, fragments, default ports and host case', () => {
    expect(normaliseUrl('HTTP://News.Example.COM:80/news/156712?utm_source=rss&utm_medium=feed#top')).toBe('http://news.example.com/news/156712');
    expect(normaliseUrl('https://e.com:443/a/?b=2&a=1&fbclid=x')).toBe('https://e.com/a?a=1&b=2');
  });
  it('resolves relative links and refuses other schemes', () => {
    expect(normaliseUrl('../b', 'https://e.com/x/y/z')).toBe('https://e.com/x/b');
    expect(normaliseUrl('javascript:alert(1)')).toBeNull();
    expect(normaliseUrl('data:text/html,hi')).toBeNull();
    expect(normaliseUrl('not a url')).toBeNull();
  });
});

describe('documentId', () => {
  it('is the same for the copies of one story', () => {
    const id = documentId('http://news.example.test/news/international/156712');
    expect(documentId('https://www.news.example.test/news/international/156712/?utm_source=rss')).toBe(id);
    expect(documentId('http://news.example.test/news/international/156713')).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{24}$/);
  });
});
