// RSS (0.9x, 1.0/RDF, 2.0), Atom (0.3, 1.0) and CDF: which elements mean what, on top of the
// lenient XML tree. Each field looks at the core element first, then the dc:, dcterms:, content:,
// media:, itunes: and atom: equivalents, so that a feed mixing vocabularies still reads well.
import { repairMojibake } from '@news/shared/charset';
import { parseFeedDate } from './dates.js';
import { sanitizeHtml } from './sanitize.js';
import { child, escapeHtml, hasElementChildren, innerMarkup, textContent } from './text.js';
import { resolveId, webLink } from './urls.js';
import type { XmlElement } from './xml-reader.js';

export type SyndicationKind = 'rss' | 'atom' | 'rdf';

export interface ChannelFields {
  title: string | null;
  link: string | null;
  updated: string | null;
  published: string | null;
  language: string | null;
  ttlMinutes: number | null;
}

export interface EntryFields {
  title: string | null;
  link: string | null;
  id: string | null;
  published: string | null;
  updated: string | null;
  summary: string | null;
  content: string | null;
  author: string | null;
  image: string | null;
  categories: string[];
}

/** The vocabulary of a root element, or null when it is not a syndication feed. */
export function syndicationKind(root: XmlElement): SyndicationKind | null {
  if (root.local === 'rss') return 'rss';
  if (root.local === 'feed') return 'atom';
  if (root.name === 'rdf:rdf' || root.local === 'rdf') return 'rdf';
  if (root.local === 'channel') return 'rss'; // CDF, and RSS fragments without <rss>
  return null;
}

export function recordNames(kind: SyndicationKind): ReadonlySet<string> {
  return kind === 'atom' ? new Set(['entry', 'atom:entry']) : new Set(['item']);
}

// ---------- element helpers ----------

function elements(parent: XmlElement): XmlElement[] {
  return parent.children.filter((child): child is XmlElement => typeof child !== 'string');
}

function childText(parent: XmlElement, ...names: string[]): string | null {
  for (const name of names) {
    const found = child(parent, name);
    if (found) {
      const value = textContent(found).trim();
      if (value) return value;
    }
  }
  return null;
}

function idOf(parent: XmlElement, ...names: string[]): string | null {
  for (const name of names) {
    const found = child(parent, name);
    const value = found ? textContent(found).trim() : '';
    if (found && value) return resolveId(value, found.base);
  }
  return null;
}

function dateOf(parent: XmlElement, ...names: string[]): string | null {
  for (const name of names) {
    const found = child(parent, name);
    const parsed = found ? parseFeedDate(textContent(found)) : null;
    if (parsed) return parsed;
  }
  return null;
}

/** Atom-vocabulary name: elements of an Atom document are "atom:x", or "x" when undeclared. */
const atom = (local: string): string[] => [`atom:${local}`, local];

// ---------- text constructs ----------

function decodeBase64(value: string): string | null {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/**
 * The HTML an element carries. Atom says how through `type` (text, html, xhtml, or a MIME type)
 * and Atom 0.3 through `mode` (xml, escaped, base64); RSS elements hold escaped HTML, or inline
 * markup when the publisher did not escape it.
 */
function constructHtml(element: XmlElement, kind: SyndicationKind, defaultType: 'text' | 'html'): string | null {
  const type = (element.attrs.type ?? '').trim().toLowerCase();
  const mode = (element.attrs.mode ?? '').trim().toLowerCase();
  let html: string;
  if (hasElementChildren(element)) {
    html = innerMarkup(unwrapXhtmlDiv(element));
  } else {
    let text = textContent(element);
    if (mode === 'base64') text = decodeBase64(text) ?? text;
    const isText = type === 'text' || type === 'text/plain' || (!type && kind === 'atom' && defaultType === 'text' && mode !== 'escaped');
    const isMarkup = !type || isText || /html|xml/.test(type);
    if (!isMarkup) {
      // Atom 1.0: any other media type is carried in base64 (RFC 4287 4.1.3.3); shown as text.
      if (element.attrs.src !== undefined) return null;
      const decoded = decodeBase64(text);
      return decoded && decoded.trim() ? escapeHtml(repairMojibake(decoded).trim()) : null;
    }
    html = isText ? escapeHtml(text) : text;
  }
  html = repairMojibake(html).trim();
  return html ? sanitizeHtml(html, element.base) : null;
}

/** Atom's xhtml content is wrapped in one <div xmlns="http://www.w3.org/1999/xhtml">; the div is packaging. */
function unwrapXhtmlDiv(element: XmlElement): XmlElement {
  const kids = element.children.filter((node) => typeof node !== 'string' || node.trim() !== '');
  const only = kids[0];
  if (kids.length === 1 && typeof only !== 'string' && only?.local === 'div' && only.name !== 'div') return only;
  return element;
}

function htmlField(parent: XmlElement, kind: SyndicationKind, defaultType: 'text' | 'html', ...names: string[]): string | null {
  for (const name of names) {
    const found = child(parent, name);
    if (!found) continue;
    const html = constructHtml(found, kind, defaultType);
    if (html !== null) return html;
  }
  return null;
}

// ---------- links, people, media ----------

/** media:description, on the item or in its media:group / media:content (Media RSS), as text. */
function mediaDescription(entry: XmlElement): string | null {
  const holders = [entry, ...elements(entry).filter((el) => el.name === 'media:group' || el.name === 'media:content')];
  for (const holder of holders) {
    const description = child(holder, 'media:description');
    if (!description) continue;
    const value = textContent(description).trim();
    if (value) return description.attrs.type === 'html' ? sanitizeHtml(value, description.base) : escapeHtml(value);
  }
  return null;
}

function atomLink(parent: XmlElement, rel: string): string | null {
  for (const link of elements(parent)) {
    if (link.name !== 'atom:link' && !(link.name === 'link' && link.attrs.href !== undefined)) continue;
    const linkRel = (link.attrs.rel ?? 'alternate').trim().toLowerCase();
    if (linkRel !== rel) continue;
    // Atom 0.3 feeds sometimes put the URL in the element instead of href.
    const href = webLink(link.attrs.href ?? textContent(link), link.base);
    if (href) return href;
  }
  return null;
}

function rssLink(parent: XmlElement): string | null {
  for (const link of elements(parent)) {
    if (link.name !== 'link' || link.attrs.href !== undefined || link.attrs.rel !== undefined) continue;
    const href = webLink(textContent(link), link.base);
    if (href) return href;
  }
  return null;
}

function person(parent: XmlElement, ...names: string[]): string | null {
  for (const name of names) {
    const found = child(parent, name);
    if (!found) continue;
    if (hasElementChildren(found)) {
      // Atom person construct: "Name (email)" as feedparser writes it.
      const who = childText(found, ...atom('name'));
      const email = childText(found, ...atom('email'));
      const value = who && email ? `${who} (${email})` : (who ?? email);
      if (value) return escapeHtml(value);
    } else {
      const value = nameOfAddress(textContent(found).trim());
      if (value) return sanitizeHtml(repairMojibake(value), found.base);
    }
  }
  return null;
}

/** RSS writes "email (Name)" or "Name <email>"; the name is what people read, the address is the fallback. */
function nameOfAddress(value: string): string {
  const email = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(value);
  if (!email) return value;
  const rest = value.replace(email[0], '').replace(/mailto:/i, '').replace(/[()<>[\]]/g, ' ').replace(/\s+/g, ' ').trim();
  return rest || email[0];
}

function imageOf(entry: XmlElement): string | null {
  for (const el of elements(entry)) {
    const type = (el.attrs.type ?? '').toLowerCase();
    const candidate =
      el.name === 'media:thumbnail' ? el.attrs.url
      : el.name === 'media:content' && (el.attrs.medium === 'image' || type.startsWith('image/')) ? el.attrs.url
      : el.name === 'enclosure' && type.startsWith('image/') ? el.attrs.url
      : el.name === 'itunes:image' ? el.attrs.href
      : (el.name === 'atom:link' || el.name === 'link') && el.attrs.rel === 'enclosure' && type.startsWith('image/') ? el.attrs.href
      : el.name === 'media:group' ? (imageOf(el) ?? undefined)
      : undefined;
    const url = webLink(candidate, el.base);
    if (url) return url;
  }
  return null;
}

function categoriesOf(entry: XmlElement): string[] {
  const out: string[] = [];
  for (const el of elements(entry)) {
    if (el.local === 'category' || el.name === 'dc:subject') {
      const value = (el.attrs.term ?? el.attrs.label ?? textContent(el)).trim();
      if (value && !out.includes(value)) out.push(value);
    }
  }
  return out;
}

// ---------- channel and entries ----------

/** The element holding channel-level fields: <channel> for RSS and RDF, the root for Atom and CDF. */
function channelOf(root: XmlElement, kind: SyndicationKind): XmlElement {
  if (kind === 'atom' || root.local === 'channel') return root;
  return child(root, 'channel') ?? root;
}

// A feed or entry that only says when it was published was last updated then too (feedparser
// reads it the same way); consumers that sort by "updated" then see every dated item.
const withUpdated = <T extends { updated: string | null; published: string | null }>(fields: T): T => ({
  ...fields,
  updated: fields.updated ?? fields.published,
});

export function readChannel(root: XmlElement, kind: SyndicationKind): ChannelFields {
  return withUpdated(readChannelFields(root, kind));
}

export function readEntry(entry: XmlElement, kind: SyndicationKind): EntryFields {
  return withUpdated(readEntryFields(entry, kind));
}

function readChannelFields(root: XmlElement, kind: SyndicationKind): ChannelFields {
  const channel = channelOf(root, kind);
  const ttl = Number(childText(channel, 'ttl'));
  if (kind === 'atom') {
    return {
      title: htmlField(channel, kind, 'text', ...atom('title')),
      link: atomLink(channel, 'alternate'),
      updated: dateOf(channel, ...atom('updated'), ...atom('modified'), 'dc:date', 'dcterms:modified'),
      published: dateOf(channel, ...atom('published'), ...atom('issued'), 'dcterms:issued'),
      language: root.attrs['xml:lang'] ?? childText(channel, 'dc:language'),
      ttlMinutes: null,
    };
  }
  return {
    title: htmlField(channel, kind, 'html', 'title', 'dc:title', 'atom:title'),
    link: rssLink(channel) ?? webLink(channel.attrs.href, channel.base) ?? atomLink(channel, 'alternate'),
    updated:
      dateOf(channel, 'lastbuilddate', 'dc:date', 'dcterms:modified', 'atom:updated') ?? parseFeedDate(channel.attrs.lastmod),
    published: dateOf(channel, 'pubdate', 'dcterms:issued', 'dcterms:created', 'atom:published'),
    language: childText(channel, 'language', 'dc:language') ?? channel.attrs['xml:lang'] ?? root.attrs['xml:lang'] ?? null,
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? Math.round(ttl) : null,
  };
}

function readEntryFields(entry: XmlElement, kind: SyndicationKind): EntryFields {
  if (kind === 'atom') {
    const content = htmlField(entry, kind, 'text', ...atom('content'));
    return {
      title: htmlField(entry, kind, 'text', ...atom('title')),
      link: atomLink(entry, 'alternate'),
      id: idOf(entry, ...atom('id')),
      published: dateOf(entry, ...atom('published'), ...atom('issued'), ...atom('created'), 'dcterms:issued'),
      updated: dateOf(entry, ...atom('updated'), ...atom('modified'), 'dc:date', 'dcterms:modified'),
      summary: htmlField(entry, kind, 'text', ...atom('summary')) ?? content ?? mediaDescription(entry),
      content,
      author: person(entry, ...atom('author'), 'dc:creator'),
      image: imageOf(entry),
      categories: categoriesOf(entry),
    };
  }
  const content = htmlField(entry, kind, 'html', 'content:encoded', 'xhtml:body', 'body', 'fullitem', 'atom:content');
  const guid = child(entry, 'guid');
  const guidText = guid ? textContent(guid).trim() : '';
  const guidIsLink = guid !== undefined && (guid.attrs.ispermalink ?? 'true').trim().toLowerCase() !== 'false';
  return {
    title: htmlField(entry, kind, 'html', 'title', 'dc:title', 'atom:title'),
    link:
      rssLink(entry) ??
      webLink(entry.attrs.href, entry.base) ??
      atomLink(entry, 'alternate') ??
      (guidIsLink && guid ? webLink(guidText, guid.base) : null),
    id: (guid && guidText ? resolveId(guidText, guid.base) : null) ?? idOf(entry, 'atom:id', 'dc:identifier') ?? entry.attrs['rdf:about'] ?? null,
    published: dateOf(entry, 'pubdate', 'dcterms:issued', 'dcterms:created', 'atom:published', 'issued'),
    updated: dateOf(entry, 'dc:date', 'dcterms:modified', 'atom:updated', 'lastbuilddate') ?? parseFeedDate(entry.attrs.lastmod),
    summary: htmlField(entry, kind, 'html', 'description', 'dc:description', 'abstract', 'atom:summary', 'itunes:summary') ?? content ?? mediaDescription(entry),
    content,
    author: person(entry, 'author', 'dc:creator', 'dc:author', 'itunes:author', 'atom:author'),
    image: imageOf(entry),
    categories: categoriesOf(entry),
  };
}
