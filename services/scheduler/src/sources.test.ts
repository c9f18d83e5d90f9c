import { describe, expect, it } from 'vitest';
import { parseSourcesFile } from './sources-file.js';
import { applyPatch, buildSource, guessKind, newSourceSchema, parseDuration, sourceId, sourcePatchSchema } from './sources.js';

const defaults = { minSeconds: 300, maxSeconds: 86_400 };

describe('sources', () => {
  it('reads durations in seconds or with units', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration(90)).toBe(90);
    expect(parseDuration('5m')).toBe(300);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('2d')).toBe(172_800);
    expect(parseDuration('5 minutes')).toBeNull();
    expect(parseDuration('-1')).toBeNull();
  });

  it('gives one id per normalised URL', () => {
    expect(sourceId('https://News.example/feed?utm_source=x#top')).toBe(sourceId('https://news.example/feed'));
    expect(sourceId('https://news.example/feed')).not.toBe(sourceId('https://news.example/other'));
  });

  it('guesses the kind from the URL when none is given', () => {
    expect(guessKind('https://a.example/sitemap.xml')).toBe('sitemap');
    expect(guessKind('https://a.example/sitemap_index.xml.gz')).toBe('sitemap');
    expect(guessKind('https://a.example/news-sitemap.xml')).toBe('news-sitemap');
    expect(guessKind('https://a.example/feed.json')).toBe('json');
    expect(guessKind('https://a.example/rss')).toBe('rss');
  });

  it('applies default bounds and keeps given ones consistent', () => {
    const source = buildSource(newSourceSchema.parse({ url: 'https://a.example/rss', min: '10m', language: 'ar' }), defaults, 'api');
    expect(source).toMatchObject({ kind: 'rss', minIntervalSeconds: 600, maxIntervalSeconds: 86_400, language: 'ar', enabled: true, ignoreValidators: false });
    expect(buildSource(newSourceSchema.parse({ url: 'https://a.example/rss', max: '1m' }), defaults, 'api')).toMatchObject({ minIntervalSeconds: 60, maxIntervalSeconds: 60 });
    expect(() => buildSource(newSourceSchema.parse({ url: 'https://a.example/rss', min: '2h', max: '1h' }), defaults, 'api')).toThrow(/must not be above/);
  });

  it('refuses bad bodies with a message naming the field', () => {
    expect(() => newSourceSchema.parse({ url: 'ftp://a.example/x' })).toThrow(/url must be an http\(s\) URL/);
    expect(() => newSourceSchema.parse({ url: 'https://a.example/x', kind: 'html' })).toThrow(/kind must be one of/);
    expect(() => newSourceSchema.parse({ url: 'https://a.example/x', min: '1s' })).toThrow(/min must be between/);
    expect(() => sourcePatchSchema.parse({ enabled: 'no' })).toThrow(/enabled must be true or false/);
  });

  it('patches pause, bounds and validators, and checks the bounds again', () => {
    const source = buildSource({ url: 'https://a.example/rss' }, defaults, 'api');
    expect(applyPatch(source, sourcePatchSchema.parse({ enabled: false, ignoreValidators: true, max: '2h' }))).toMatchObject({ enabled: false, ignoreValidators: true, maxIntervalSeconds: 7200 });
    expect(() => applyPatch(source, sourcePatchSchema.parse({ max: '1m' }))).toThrow(/must not be above/);
  });

  it('loads a sources file and names every bad entry', () => {
    const sources = parseSourcesFile('sources:\n  - url: https://a.example/rss\n    min: 10m\n  - url: https://b.example/sitemap.xml\n    enabled: false\n', defaults);
    expect(sources.map((source) => [source.kind, source.enabled, source.origin])).toEqual([['rss', true, 'file'], ['sitemap', false, 'file']]);
    expect(parseSourcesFile('', defaults)).toEqual([]);
    expect(() => parseSourcesFile('sources:\n  - url: nope\n  - kind: rss\n', defaults)).toThrow(/sources\[0\]\.url .*sources\[1\]\.url/);
    expect(() => parseSourcesFile('feeds: []\n', defaults)).toThrow(/"sources:" list/);
  });
});
