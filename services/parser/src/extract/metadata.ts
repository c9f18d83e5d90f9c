// Everything about the article except its body: title, dates, authors, declared language,
// canonical URL, lead image, description and site name. Sources in order of trust: JSON-LD, then
// <meta>/<link>, then the visible page (<time>, itemprop, bylines, date lines), then the URL.
import { classAndId, collapse, findAll, findFirst, nextElement, textOf, type Element, type ParsedPage } from './dom.js';
import { bylineAuthor } from './byline.js';
import { dateFromUrl, findDateInText, parseDate } from './dates.js';
import { readJsonLd } from './jsonld.js';
import { primaryLanguage } from '@news/shared/language';
import { absoluteHttpUrl, hostOf } from '@news/shared/url';

export interface Metadata {
  title: string;
  publishedAt: string | null;
  modifiedAt: string | null;
  authors: string[];
  declaredLang: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  image: string | null;
  description: string | null;
  /** The element holding the visible headline, so the body can leave it out. */
  headline: Element | null;
}


function metaMap(page: ParsedPage): Map<string, string> {
  const map = new Map<string, string>();
  for (const tag of page.metaTags) {
    const { attrs } = tag;
    if (tag.tag === 'meta') {
      const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? attrs['http-equiv'] ?? '').toLowerCase().trim();
      const content = attrs.content ?? attrs.datetime;
      if (key && content?.trim() && !map.has(key)) map.set(key, collapse(content));
    } else if (tag.tag === 'link' && attrs.rel && attrs.href) {
      for (const rel of attrs.rel.toLowerCase().split(/\s+/)) if (!map.has(`link:${rel}`)) map.set(`link:${rel}`, attrs.href);
    }
  }
  return map;
}

function first(map: Map<string, string>, keys: string[]): string | null {
  for (const key of keys) {
    const value = map.get(key);
    if (value) return value;
  }
  return null;
}

const SEPARATORS = /\s+[|\-–—:·•»«]\s+|\s*::\s*|\s+\/\s+/;

/** Removes a site name written before or after the headline ("Headline | Site", "Site - Headline"). */
export function stripSiteName(title: string, siteName: string | null, hostname: string): string {
  const parts = title.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return title.trim();
  const host = hostname.replace(/^www\./, '').split('.')[0]?.toLowerCase() ?? '';
  const site = (siteName ?? '').toLowerCase();
  const isSite = (part: string): boolean => {
    const p = part.toLowerCase();
    const squashed = p.replace(/[^\p{L}\p{N}]/gu, '');
    return (!!site && (p === site || site.includes(p) || p.includes(site))) || (!!host && (squashed === host || squashed.includes(host)));
  };
  const kept = parts.slice();
  while (kept.length > 1 && isSite(kept[kept.length - 1] ?? '')) kept.pop();
  while (kept.length > 1 && isSite(kept[0] ?? '')) kept.shift();
  if (kept.length < parts.length) return rejoin(title, kept);
  // No known site name: a short trailing part after the last separator is a site name in most pages.
  const last = parts[parts.length - 1] ?? '';
  const head = parts.slice(0, -1).join(' ');
  if (last.split(/\s+/).length <= 4 && head.length > last.length * 2) return rejoin(title, parts.slice(0, -1));
  return title.trim();
}

/** The original text from the first kept part to the last, so separators inside the headline survive. */
function rejoin(title: string, kept: string[]): string {
  const start = title.indexOf(kept[0] ?? '');
  const lastPart = kept[kept.length - 1] ?? '';
  const end = title.lastIndexOf(lastPart) + lastPart.length;
  return start >= 0 && end > start ? title.slice(start, end).trim() : kept.join(' ');
}

const BY_PREFIX = /^(?:by|written by|posted by|author:?|بقلم|كتب|كتبت|إعداد|اعداد)\s*:?\s+/iu;

function cleanAuthor(name: string): string | null {
  const text = collapse(name).replace(BY_PREFIX, '').replace(/\s*[|,]\s*$/, '').trim();
  if (!text || text.length > 80 || /^https?:/.test(text) || /\d{4}/.test(text)) return null;
  return text;
}

function uniqueAuthors(names: string[]): string[] {
  const out: string[] = [];
  for (const name of names.flatMap((n) => n.split(/\s*(?:,|;|\band\b|&)\s*/i))) {
    const cleaned = cleanAuthor(name);
    if (cleaned && !out.some((o) => o.toLowerCase() === cleaned.toLowerCase())) out.push(cleaned);
  }
  return out.slice(0, 10);
}

function iso(date: Date | null): string | null {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

const DATE_HINT = /date|time|publish|posted|byline|meta|timestamp|تاريخ/;

function visibleDate(root: Element, fetchedAt: Date | undefined): Date | null {
  // <time datetime>: the one marked as publication date, else the first.
  const times = findAll(root, (e) => e.tag === 'time');
  const marked = times.find((t) => /datepublished|pubdate/i.test(`${t.attrs.itemprop ?? ''} ${t.attrs.pubdate !== undefined ? 'pubdate' : ''} ${classAndId(t)}`));
  for (const time of marked ? [marked, ...times] : times) {
    const date = parseDate(time.attrs.datetime, fetchedAt) ?? parseDate(textOf(time), fetchedAt);
    if (date) return date;
  }
  const itemprop = findFirst(root, (e) => e.attrs.itemprop === 'datePublished');
  if (itemprop) {
    const date = parseDate(itemprop.attrs.content ?? itemprop.attrs.datetime ?? textOf(itemprop), fetchedAt);
    if (date) return date;
  }
  // Short elements whose class or id says "date": "Published 21 November 2017", "منذ ساعتين".
  const hinted = findAll(root, (e) => DATE_HINT.test(classAndId(e)));
  for (const element of hinted.slice(0, 40)) {
    const text = textOf(element);
    if (text.length > 200) continue;
    const date = parseDate(text, fetchedAt) ?? findDateInText(text);
    if (date) return date;
  }
  return null;
}

/** Short texts just after the headline, where pages print the byline and the date. */
function linesAfterHeadline(headline: Element | null): string[] {
  if (!headline) return [];
  const lines: string[] = [];
  // The next 60 elements in document order, without listing the whole tree.
  let examined = 0;
  for (let element = nextElement(headline); element && lines.length < 12 && examined < 60; element = nextElement(element), examined++) {
    const text = textOf(element);
    if (text.length >= 4 && text.length <= 150 && !lines.includes(text)) lines.push(text);
  }
  return lines;
}

function visibleAuthors(root: Element, nearHeadline: string[]): string[] {
  for (const line of nearHeadline) {
    const name = bylineAuthor(line);
    if (name) return [name];
  }
  const element =
    findFirst(root, (e) => /\bauthor\b/i.test(e.attrs.itemprop ?? '') || /\bauthor\b/i.test(e.attrs.rel ?? '')) ??
    findFirst(root, (e) => /(?:^|[\s_-])(?:byline|author-name|author)(?:$|[\s_-])/.test(classAndId(e)));
  if (!element) return [];
  const nameElement = findFirst(element, (e) => e.attrs.itemprop === 'name');
  const text = textOf(nameElement ?? element);
  return text.length <= 100 ? [text] : [];
}

export function readMetadata(page: ParsedPage, url: string, fetchedAt?: Date): Metadata {
  const meta = metaMap(page);
  const ld = readJsonLd(page.jsonLd);
  const root = page.root;
  const hostname = hostOf(url); // '' for a bad URL: that only costs the host-based title clean-up

  const siteName = first(meta, ['og:site_name', 'application-name', 'al:android:app_name', 'twitter:app:name:iphone']) ?? ld?.publisher ?? null;
  const headline = findFirst(root, (e) => e.tag === 'h1' && textOf(e).length > 0);
  const nearHeadline = linesAfterHeadline(headline);
  const rawTitle = first(meta, ['og:title', 'twitter:title']) ?? ld?.headline ?? page.title ?? '';
  const headlineText = headline ? textOf(headline) : '';
  // A page title that contains the visible headline plus more is the headline plus a site name.
  let title = headlineText && rawTitle.length > headlineText.length && rawTitle.includes(headlineText) ? headlineText : stripSiteName(rawTitle, siteName, hostname);
  if (!title && headline) title = headlineText;
  if (!title) title = stripSiteName(page.title, siteName, hostname);

  const published =
    parseDate(ld?.datePublished, fetchedAt) ??
    parseDate(first(meta, ['article:published_time', 'og:article:published_time', 'datepublished', 'publishdate', 'pubdate', 'publish-date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'parsely-pub-date', 'sailthru.date', 'article.published', 'published-date', 'cxenseparse:recs:publishtime']), fetchedAt) ??
    visibleDate(root, fetchedAt) ??
    nearHeadline.reduce<Date | null>((found, line) => found ?? parseDate(line, fetchedAt) ?? findDateInText(line), null) ??
    dateFromUrl(url);
  const modified =
    parseDate(ld?.dateModified, fetchedAt) ??
    parseDate(first(meta, ['article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'dcterms.modified']), fetchedAt);

  const metaAuthors = first(meta, ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl']);
  const authors = uniqueAuthors(
    ld?.authors.length ? ld.authors : metaAuthors && !/^https?:/.test(metaAuthors) ? [metaAuthors] : visibleAuthors(root, nearHeadline),
  );

  const html = findFirst(root, (e) => e.tag === 'html');
  const declaredLang = primaryLanguage(html?.attrs.lang ?? html?.attrs['xml:lang']) ?? primaryLanguage(meta.get('content-language')) ?? primaryLanguage(ld?.inLanguage) ?? primaryLanguage(meta.get('og:locale'));

  return {
    title: collapse(title),
    publishedAt: iso(published),
    modifiedAt: iso(modified),
    authors,
    declaredLang,
    siteName: siteName ? collapse(siteName) : null,
    canonicalUrl: absoluteHttpUrl(meta.get('link:canonical') ?? meta.get('og:url') ?? ld?.url, url),
    image: absoluteHttpUrl(first(meta, ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src', 'link:image_src']) ?? ld?.image, url),
    description: first(meta, ['og:description', 'description', 'twitter:description']) ?? ld?.description ?? null,
    headline,
  };
}
