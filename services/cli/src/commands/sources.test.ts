import { describe, expect, it } from 'vitest';
import { formatSource, parseOptions } from './sources.js';

describe('newsctl sources', () => {
  it('splits flags, valued options and positional arguments', () => {
    expect(parseOptions(['https://a.example/rss', '--kind', 'atom', '--min=10m', '--paused'], ['paused'], ['kind', 'min'])).toEqual({
      positional: ['https://a.example/rss'],
      options: { kind: 'atom', min: '10m', paused: true },
    });
    expect(() => parseOptions(['--kind'], [], ['kind'])).toThrow(/--kind needs a value/);
    expect(() => parseOptions(['--bogus'], [], [])).toThrow(/unknown option --bogus/);
  });

  it('shows status, errors and offered sitemaps of a source', () => {
    const text = formatSource({
      id: 'abc123abc123', url: 'https://a.example/rss', kind: 'rss', enabled: false, minIntervalSeconds: 300, maxIntervalSeconds: 86_400,
      intervalSeconds: 5400, language: 'ar', lastFetchAt: '2025-01-01T10:00:00.123Z', httpStatus: 304, newItems: 0, duplicateItems: 12,
      nextRunAt: null, lastError: 'HTTP 503', discoveredSitemaps: ['https://a.example/sitemap.xml'],
    });
    expect(text).toContain('abc123abc123  paused rss          https://a.example/rss');
    expect(text).toContain('every 90m (bounds 5m..1d)  lang ar  last 2025-01-01T10:00:00Z HTTP 304  0 new/12 dup  next -');
    expect(text).toContain('last error: HTTP 503');
    expect(text).toContain('robots.txt offers: https://a.example/sitemap.xml');
  });
});
