// Feed parsing: bytes in, a normalised feed out (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, CDF, JSON Feed,
// sitemaps, news sitemaps and sitemap indexes).
//
// The bytes are decoded here (shared/charset: BOM, HTTP charset with RFC 3023's rules, XML
// declaration, detection), read with our lenient bounded XML reader (feed/xml-reader.ts), and
// mapped field by field. rss-parser is not used on this path: it sits on xml2js in strict mode,
// so it rejects the HTML entities and broken markup real feeds carry, it loses xml:base, turns
// inline XHTML into objects, and keeps every byte of unsafe HTML. See feed/ for each step.
import { decodeBody, parseContentType } from '@news/shared/charset';
import { asJsonFeed, readJsonFeedChannel, readJsonFeedItem } from './feed/json-feed.js';
import { readSitemapEntry, sitemapKind, sitemapRecordNames, type SitemapKind } from './feed/sitemap.js';
import { readChannel, readEntry, recordNames, syndicationKind, type SyndicationKind } from './feed/syndication.js';
import { resolveUrl } from './feed/urls.js';
import { readXml, type XmlElement } from './feed/xml-reader.js';

export interface FeedEntry {
  /** Titles may carry inline HTML, sanitised like summary and content. */
  title: string | null;
  link: string | null;
  id: string | null;
  published: string | null;
  updated: string | null; // ISO 8601 UTC
  summary: string | null;
  content: string | null; // sanitised HTML
  author: string | null;
  image: string | null;
  categories: string[];
}

export interface ParsedFeed {
  kind: 'rss' | 'atom' | 'rdf' | 'json' | 'sitemap' | 'sitemap-index';
  encoding: string;
  feed: { title: string | null; link: string | null; updated: string | null; published: string | null; language: string | null; ttlMinutes: number | null };
  entries: FeedEntry[]; // for sitemaps: link = <loc>, updated = <lastmod>, published/title from news: tags; for a sitemap index: link = child sitemap URL
}

/** The document is not a feed, or cannot be read as one; the message says why. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

export interface ParseFeedOptions {
  url: string;
  contentType?: string | null;
  contentLocation?: string | null;
  maxEntries?: number;
}

/** The sitemap protocol's own limit per file, and far more than any feed carries. */
export const DEFAULT_MAX_ENTRIES = 50_000;

export function parseFeed(bytes: Uint8Array, options: ParseFeedOptions): ParsedFeed {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  // Content-Location, when given, is where the document really lives: relative links resolve against it.
  const baseUrl = (options.contentLocation && resolveUrl(options.contentLocation, options.url)) || options.url;
  const start = firstSignificantByte(bytes);
  if (start === '{' || start === '[') return parseJsonFeed(bytes, options.contentType, baseUrl, maxEntries);

  const { text, encoding } = decodeBody(bytes, { contentType: options.contentType, kind: 'xml' });
  if (!text.trim()) throw new FeedParseError('not a feed: the document is empty');

  // The vocabulary is known once the root element opens; records are mapped as they close.
  let syndication: SyndicationKind | null = null;
  let sitemap: SitemapKind | null = null;
  const entries: FeedEntry[] = [];
  const { root } = readXml(text, {
    baseUrl,
    recordNames(rootElement) {
      syndication = syndicationKind(rootElement);
      sitemap = syndication ? null : sitemapKind(rootElement);
      if (syndication) return recordNames(syndication);
      if (sitemap) return sitemapRecordNames(sitemap);
      return new Set();
    },
    onRecord(record) {
      const entry = syndication ? readEntry(record, syndication) : sitemapEntry(record);
      // A sitemap entry is its URL: without a usable one (missing, javascript:, ...) it says nothing.
      if (syndication || entry.link) entries.push(entry);
      return entries.length < maxEntries;
    },
  });
  if (!root) throw new FeedParseError('not a feed: no XML element found');
  const foundSyndication = syndication as SyndicationKind | null;
  const foundSitemap = sitemap as SitemapKind | null;
  if (foundSyndication) return { kind: foundSyndication, encoding, feed: readChannel(root, foundSyndication), entries };
  if (foundSitemap) {
    return { kind: foundSitemap, encoding, feed: { title: null, link: null, updated: null, published: null, language: null, ttlMinutes: null }, entries };
  }
  throw new FeedParseError(notAFeedReason(root));
}

function sitemapEntry(record: XmlElement): FeedEntry {
  const entry = readSitemapEntry(record);
  return { title: entry.title, link: entry.link, id: entry.link, published: entry.published, updated: entry.updated, summary: null, content: null, author: null, image: entry.image, categories: [] };
}

function notAFeedReason(root: XmlElement): string {
  if (root.local === 'html' || root.local === 'head' || root.local === 'body') return 'not a feed: the document is HTML';
  return `not a feed: the root element is <${root.name}>`;
}

function parseJsonFeed(bytes: Uint8Array, contentType: string | null | undefined, baseUrl: string, maxEntries: number): ParsedFeed {
  const { text, encoding } = decodeBody(bytes, { contentType, kind: 'xml' });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FeedParseError('not a feed: invalid JSON');
  }
  const feed = asJsonFeed(value);
  if (!feed) throw new FeedParseError('not a feed: JSON without a JSON Feed version');
  const items = Array.isArray(feed.items) ? feed.items.slice(0, maxEntries) : [];
  const channel = readJsonFeedChannel(feed, baseUrl);
  const entries = items
    .filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object' && !Array.isArray(item))
    .map((item) => readJsonFeedItem(item, feed, baseUrl));
  const dates = entries.map((entry) => entry.updated ?? entry.published).filter((date): date is string => date !== null).sort();
  return {
    kind: 'json',
    encoding,
    feed: { ...channel, updated: dates[dates.length - 1] ?? null, published: null, ttlMinutes: null },
    entries,
  };
}

function firstSignificantByte(bytes: Uint8Array): string | null {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < Math.min(bytes.length, 4096); i++) {
    const byte = bytes[i] as number;
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return String.fromCharCode(byte);
  }
  return null;
}

const FEED_ROOT = /^(rss|feed|rdf:rdf|rdf|channel|urlset|sitemapindex)$/;
const FEED_MEDIA_TYPE = /^application\/(rss|atom|rdf|feed)\+(xml|json)$/;

/**
 * Cheap sniff: does this body look like a feed or a sitemap (XML or JSON Feed) rather than an
 * HTML page? Reads only the first few kilobytes.
 */
export function looksLikeFeed(bytes: Uint8Array, contentType?: string | null): boolean {
  const head = bytes.subarray(0, 4096);
  const first = firstSignificantByte(head);
  if (first === '{') {
    const text = new TextDecoder().decode(head);
    return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(text);
  }
  const { text } = decodeBody(head, { contentType, kind: 'xml' });
  // Skip the prolog (declaration, comments, doctype, processing instructions) to the first element.
  const prologue = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*<([A-Za-z_][\w.:-]*)/i.exec(text.replace(/^\ufeff/, ''));
  const rootName = prologue?.[1]?.toLowerCase();
  if (rootName) {
    const local = rootName.includes(':') && rootName !== 'rdf:rdf' ? rootName.slice(rootName.indexOf(':') + 1) : rootName;
    return FEED_ROOT.test(local);
  }
  const mediaType = parseContentType(contentType).mediaType ?? '';
  return FEED_MEDIA_TYPE.test(mediaType);
}

