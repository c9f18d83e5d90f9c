import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedParseError, looksLikeFeed, parseFeed } from './feed.js';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../test-fixtures/feeds/${name}`, import.meta.url));
const parse = (name: string, options: Partial<Parameters<typeof parseFeed>[1]> = {}) =>
  parseFeed(fixture(name), { url: `http://feeds.example.test/${name}`, ...options });

describe('parseFeed: RSS 2.0 with modules', () => {
  const feed = parse('rss2-modules.xml');

  it('reads the channel, resolving its link against xml:base', () => {
    expect(feed.kind).toBe('rss');
    expect(feed.encoding).toBe('utf-8');
    expect(feed.feed).toMatchObject({
      title: 'World &amp; Region — Example News',
      link: 'http://news.example.org/world/',
      updated: '2003-06-10T04:00:00.000Z',
      language: 'en-gb',
      ttlMinutes: 30,
    });
  });

  it('reads dc:, content:, media: fields and dates with zones', () => {
    const [first] = feed.entries;
    expect(first).toMatchObject({
      title: 'Talks resume in Geneva',
      link: 'http://news.example.org/world/2003/06/talks.html',
      id: 'story-1001',
      author: 'Jane Reporter',
      published: '2003-06-03T14:39:21.000Z', // EST is UTC-5
      updated: '2003-06-03T09:00:00.000Z', // dc:date, +01:00
      image: 'http://news.example.org/world/thumbs/geneva.jpg',
      categories: ['Politics', 'Diplomacy'],
    });
  });

  it('sanitises summary and content and resolves URLs inside them', () => {
    const [first] = feed.entries;
    expect(first?.summary).toBe('<p>Delegates <a href="http://news.example.org/people/">met</a> again.</p>');
    expect(first?.content).toBe('<p>Full text with <img src="http://news.example.org/world/img/map.png" /> and <a>a bad link</a>.</p>');
  });

  it('takes a permalink guid as the link and reads two-digit years', () => {
    const second = feed.entries[1];
    expect(second?.link).toBe('http://news.example.org/world/2003/06/second.html');
    expect(second?.published).toBe('2003-06-03T06:00:00.000Z');
    expect(second?.updated).toBe(second?.published); // no dc:date: updated falls back to published
    expect(second?.summary).toBe('Plain text &lt; with a less-than sign');
  });
});

describe('parseFeed: other vocabularies', () => {
  it('reads Atom 1.0: text constructs by type, xhtml content, nested xml:base, person construct', () => {
    const feed = parse('atom10.xml');
    expect(feed.kind).toBe('atom');
    expect(feed.feed).toMatchObject({ title: 'Carnet &lt;de&gt; notes', link: 'http://blog.example.com/', language: 'fr' });
    expect(feed.entries[0]).toMatchObject({
      title: 'Premier <em>billet</em>',
      link: 'http://blog.example.com/2005/11/premier.html',
      published: '2005-11-09T15:00:00.000Z',
      updated: '2005-11-09T10:56:34.123Z',
      summary: 'A &lt;b&gt; is not bold here',
      content: '<p>Bonjour <a href="http://blog.example.com/2005/11/suite.html">la suite</a></p>',
      author: 'Marie (marie@example.com)',
      image: 'http://blog.example.com/2005/11/photo.jpg',
      categories: ['notes'],
    });
  });

  it('reads RSS 1.0 (RDF) with items beside the channel', () => {
    const feed = parse('rss10-rdf.xml');
    expect(feed.kind).toBe('rdf');
    expect(feed.feed.updated).toBe('2004-01-31T23:00:00.000Z');
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]).toMatchObject({ id: 'http://rdf.example.net/one', author: 'Kim', link: 'http://rdf.example.net/one' });
  });

  it('reads JSON Feed, sanitising content_html and escaping content_text', () => {
    const feed = parse('json-feed.json');
    expect(feed.kind).toBe('json');
    expect(feed.feed).toMatchObject({ title: 'JSON &lt;Example&gt;', link: 'https://json.example.org/', language: 'de' });
    expect(feed.entries[0]).toMatchObject({
      id: '42',
      link: 'http://feeds.example.test/posts/42',
      content: '<p>Hallo Welt</p>',
      image: null,
      author: 'Ute',
      published: '2024-03-01T08:00:00.000Z',
    });
    expect(feed.entries[1]?.content).toBe('only &lt;text&gt;');
  });

  it('reads news sitemaps and drops URLs that are not web links', () => {
    const feed = parse('news-sitemap.xml');
    expect(feed.kind).toBe('sitemap');
    expect(feed.entries.map((entry) => entry.link)).toEqual([
      'https://news.example.com/2024/05/01/harbour-opens',
      'https://news.example.com/2024/04/30/older',
    ]);
    expect(feed.entries[0]).toMatchObject({
      title: 'Harbour opens',
      published: '2024-05-01T08:00:00.000Z',
      updated: '2024-05-01T10:30:00.000Z',
      image: 'https://news.example.com/img/harbour.jpg',
    });
  });

  it('reads sitemap indexes as a list of child sitemaps', () => {
    const feed = parse('sitemap-index.xml');
    expect(feed.kind).toBe('sitemap-index');
    expect(feed.entries.map((entry) => [entry.link, entry.updated])).toEqual([
      ['https://news.example.com/sitemap-2024-05.xml', '2024-05-02T00:00:00.000Z'],
      ['https://news.example.com/sitemap-2024-04.xml', null],
    ]);
  });

  it('stops at maxEntries', () => {
    expect(parse('news-sitemap.xml', { maxEntries: 1 }).entries).toHaveLength(1);
  });
});

describe('parseFeed: bytes, bases and broken documents', () => {
  it('decodes the charset of the XML declaration', () => {
    const feed = parse('windows-1252.xml');
    expect(feed.encoding).toBe('windows-1252');
    expect(feed.feed.title).toBe('Café “quoted” € 5');
  });

  it('lets the HTTP charset win over the declaration, and RFC 3023 give text/xml US-ASCII', () => {
    const bytes = new TextEncoder().encode('<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>t</title></channel></rss>');
    expect(parseFeed(bytes, { url: 'http://x.test/', contentType: 'application/rss+xml; charset=utf-8' }).encoding).toBe('utf-8');
    expect(parseFeed(bytes, { url: 'http://x.test/', contentType: 'text/xml' }).encoding).toBe('us-ascii');
    expect(parseFeed(bytes, { url: 'http://x.test/', contentType: 'application/xml' }).encoding).toBe('iso-8859-1');
  });

  it('resolves relative links against Content-Location before the document URL', () => {
    const bytes = new TextEncoder().encode('<rss><channel><item><link>story.html</link><guid isPermaLink="false">/x/1</guid></item></channel></rss>');
    const feed = parseFeed(bytes, { url: 'http://x.test/feed', contentLocation: 'http://cdn.example.org/feeds/main.xml' });
    expect(feed.entries[0]?.link).toBe('http://cdn.example.org/feeds/story.html');
    expect(feed.entries[0]?.id).toBe('http://cdn.example.org/x/1');
  });

  it('recovers HTML entities, unclosed tags and a truncated file', () => {
    const feed = parse('illformed-entities.xml');
    expect(feed.feed.title).toBe('Café ζ © news');
    expect(feed.entries).toHaveLength(2);
    expect(feed.entries[1]).toMatchObject({ title: 'Truncated item', summary: 'the file ends here without closing anyth' });
  });

  it('refuses an HTML page with a readable error, and an empty body', () => {
    expect(() => parse('html-page.html')).toThrow(new FeedParseError('not a feed: the document is HTML'));
    expect(() => parseFeed(new Uint8Array(), { url: 'http://x.test/' })).toThrow(/empty/);
    expect(() => parseFeed(new TextEncoder().encode('{"a":1}'), { url: 'http://x.test/' })).toThrow(FeedParseError);
  });
});

describe('looksLikeFeed', () => {
  it('tells feeds and sitemaps from HTML pages', () => {
    for (const name of ['rss2-modules.xml', 'atom10.xml', 'rss10-rdf.xml', 'news-sitemap.xml', 'sitemap-index.xml', 'json-feed.json']) {
      expect(looksLikeFeed(fixture(name)), name).toBe(true);
    }
    expect(looksLikeFeed(fixture('html-page.html'), 'text/html')).toBe(false);
    expect(looksLikeFeed(fixture('html-page.html'), 'application/rss+xml')).toBe(false);
    expect(looksLikeFeed(new TextEncoder().encode('{"title":"not a feed"}'))).toBe(false);
  });
});

describe('performance', () => {
  it('parses a 50-item feed in a few milliseconds', () => {
    const item = (i: number) =>
      `<item><title>Story ${i}</title><link>/s/${i}</link><guid>g${i}</guid><pubDate>Mon, 06 Sep 2010 00:01:00 +0000</pubDate>` +
      `<description>&lt;p&gt;${'Some words of the story. '.repeat(20)}&lt;/p&gt;</description></item>`;
    const bytes = new TextEncoder().encode(`<rss version="2.0"><channel><title>t</title>${Array.from({ length: 50 }, (_, i) => item(i)).join('')}</channel></rss>`);
    for (let i = 0; i < 10; i++) parseFeed(bytes, { url: 'http://x.test/' }); // warm up
    // The fastest of 20 runs: robust to other work on a shared machine (about 2 ms when idle).
    let fastest = Infinity;
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      expect(parseFeed(bytes, { url: 'http://x.test/' }).entries).toHaveLength(50);
      fastest = Math.min(fastest, performance.now() - started);
    }
    expect(fastest).toBeLessThan(20);
  });
});
