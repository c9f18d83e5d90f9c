// A lenient, bounded XML reader for feeds, on htmlparser2's tokenizer (not its Parser, whose
// open-element stack costs O(depth) per tag: 100,000 nested elements took seconds).
//
// Why not a conforming XML parser: feeds in the wild are often not well-formed (HTML entities,
// unclosed tags, truncated files) and a reader should still get their items out. Why it is safe:
// DTDs are never read, so no entity is ever expanded from the document (no billion laughs, no
// quadratic blow-up, no XXE: nothing is fetched or opened on the document's say); nesting depth,
// text size and node count are capped, and records (items, entries, sitemap URLs) are handed to
// the caller as they close and then dropped, so memory follows one record, not the document.
import { Tokenizer } from 'htmlparser2';
import { decodeXmlEntities, takeDoctype } from './text.js';
import { resolveUrl } from './urls.js';

export interface XmlElement {
  /** Canonical lower-case name: known namespaces get their usual prefix ("dc:creator",
   *  "atom:link", "media:content"); the RSS vocabularies and no namespace get none ("item"). */
  name: string;
  /** Lower-case local name, without prefix. */
  local: string;
  /** Attributes by lower-case name as written ("href", "rdf:about", "xml:base"), values decoded. */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Absolute base URL in effect on this element (document URL, then every xml:base on the way). */
  base: string;
}
export type XmlNode = XmlElement | string;

// Namespace URI (lower case, without trailing "#" or "/") -> canonical prefix.
const NAMESPACES: Record<string, string> = {
  'http://purl.org/rss/1.0': '',
  'http://my.netscape.com/rdf/simple/0.9': '',
  'http://channel.netscape.com/rdf/simple/0.9': '',
  'http://backend.userland.com/rss2': '',
  'http://backend.userland.com/rss': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  'http://www.sitemaps.org/schemas/sitemap/0.9': '',
  'http://www.google.com/schemas/sitemap/0.84': '',
  'http://www.google.com/schemas/sitemap/0.9': '',
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns': 'atom',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns': 'rdf',
  'http://purl.org/dc/elements/1.1': 'dc',
  'http://purl.org/dc/elements/1.0': 'dc',
  'http://purl.org/dc/terms': 'dcterms',
  'http://purl.org/rss/1.0/modules/content': 'content',
  'http://search.yahoo.com/mrss': 'media',
  'http://video.search.yahoo.com/mrss': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.google.com/schemas/sitemap-news/0.9': 'news',
  'http://www.google.com/schemas/sitemap-image/1.1': 'image',
  'http://www.w3.org/xml/1998/namespace': 'xml',
};

function prefixForUri(uri: string): string | undefined {
  return NAMESPACES[uri.trim().toLowerCase().replace(/[#/]+$/, '')];
}

export interface XmlLimits {
  /** Elements nested deeper are not built; their text goes to the deepest element kept. */
  maxDepth: number;
  /** Characters of text kept per element; the rest is dropped. */
  maxTextPerElement: number;
  /** Elements kept outside records plus inside the record being read. */
  maxNodes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 64, maxTextPerElement: 2_000_000, maxNodes: 200_000 };

export interface ReadXmlOptions {
  /** Absolute URL that relative references are resolved against before any xml:base. */
  baseUrl: string;
  /** Called when the root element opens: the names of the record elements of this vocabulary. */
  recordNames(root: XmlElement): ReadonlySet<string>;
  /** A record closed; it is detached from the tree afterwards. Return false to stop reading. */
  onRecord(record: XmlElement): boolean;
  limits?: Partial<XmlLimits>;
}

export interface XmlDocument {
  root: XmlElement | null;
  /** Reading stopped before the end (the caller asked, or a limit was hit). */
  truncated: boolean;
}

interface OpenElement {
  tag: string; // lower-case name as written, to match the close tag
  element: XmlElement | null; // null when beyond the depth limit
  holder: OpenElement | null; // this entry when it has an element, else the nearest ancestor that has one
  namespaces: Map<string, string>;
  inRecord: boolean;
  textLength: number;
}

/** Reads a (possibly broken) XML document; never throws on bad markup. */
export function readXml(source: string, options: ReadXmlOptions): XmlDocument {
  const { text, entities } = takeDoctype(source);
  const limits = { ...DEFAULT_XML_LIMITS, ...options.limits };
  const stack: OpenElement[] = [];
  const openCount = new Map<string, number>(); // tag -> how many are open, so a stray close tag costs O(1)
  let root: XmlElement | null = null;
  let records: ReadonlySet<string> = new Set();
  let nodes = 0;
  let truncated = false;
  let stopped = false;

  // The open tag being read.
  let tagName = '';
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';

  // Raw text is gathered until the run ends, so an entity split across two chunks still decodes.
  let pendingText = '';
  function flushText(): void {
    if (!pendingText) return;
    const raw = pendingText;
    pendingText = '';
    appendText(decodeXmlEntities(raw, entities));
  }

  const top = (): OpenElement | undefined => stack[stack.length - 1];
  // O(1): each open entry knows its nearest element, so deep nesting stays linear.
  const deepestElement = (): OpenElement | undefined => top()?.holder ?? undefined;

  function appendText(value: string): void {
    const holder = deepestElement();
    if (!holder?.element || !value) return;
    const room = limits.maxTextPerElement - holder.textLength;
    if (room <= 0) return;
    const kept = value.length > room ? value.slice(0, room) : value;
    holder.textLength += kept.length;
    const children = holder.element.children;
    const last = children[children.length - 1];
    if (typeof last === 'string') children[children.length - 1] = last + kept;
    else children.push(kept);
  }

  function resolveName(qualified: string, namespaces: Map<string, string>, isAttribute: boolean): { name: string; local: string } {
    const colon = qualified.indexOf(':');
    const prefix = colon > 0 ? qualified.slice(0, colon) : '';
    const local = colon > 0 ? qualified.slice(colon + 1) : qualified;
    if (isAttribute && !prefix) return { name: local, local };
    const uri = namespaces.get(prefix);
    // Undeclared prefixes keep their spelling: "dc:" without a declaration still means Dublin Core.
    const canonicalPrefix = uri === undefined ? prefix : (prefixForUri(uri) ?? prefix);
    return { name: canonicalPrefix ? `${canonicalPrefix}:${local}` : local, local };
  }

  function openElement(selfClosing: boolean): void {
    const tag = tagName;
    const parent = top();
    let namespaces = parent?.namespaces ?? new Map<string, string>();
    for (const [key, value] of Object.entries(attrs)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (namespaces === parent?.namespaces) namespaces = new Map(namespaces);
        namespaces.set(key === 'xmlns' ? '' : key.slice(6), value);
      }
    }
    const holder = deepestElement();
    const tooDeep = stack.length >= limits.maxDepth;
    let element: XmlElement | null = null;
    if (!tooDeep && !stopped) {
      if (++nodes > limits.maxNodes) stop();
      else {
        const { name, local } = resolveName(tag, namespaces, false);
        const parentBase = holder?.element?.base ?? options.baseUrl;
        const xmlBase = attrs['xml:base'];
        element = { name, local, attrs, children: [], base: xmlBase ? (resolveUrl(xmlBase, parentBase) ?? parentBase) : parentBase };
        if (holder?.element) holder.element.children.push(element);
        else if (!root) {
          root = element;
          records = options.recordNames(root);
        }
      }
    }
    const inRecord = (parent?.inRecord ?? false) || (element !== null && records.has(element.name) && element !== root);
    const entry: OpenElement = { tag, element, holder: null, namespaces, inRecord, textLength: 0 };
    entry.holder = element ? entry : (parent?.holder ?? null);
    stack.push(entry);
    openCount.set(tag, (openCount.get(tag) ?? 0) + 1);
    if (selfClosing) closeTop();
  }

  function closeTop(): void {
    const open = stack.pop();
    if (!open) return;
    openCount.set(open.tag, (openCount.get(open.tag) ?? 1) - 1);
    const element = open.element;
    if (!element || element === root) return;
    const parentInRecord = top()?.inRecord ?? false;
    if (open.inRecord && !parentInRecord) {
      // A record ends: hand it over and forget it, so memory does not grow with the document.
      const holder = deepestElement();
      holder?.element?.children.pop();
      nodes = Math.max(0, nodes - countNodes(element));
      if (!stopped && !options.onRecord(element)) stop();
    }
  }

  function closeTag(tag: string): void {
    if (!openCount.get(tag)) return; // a close tag for nothing open: ignore it
    while (stack.length) {
      const wasTag = top()?.tag;
      closeTop();
      if (wasTag === tag) break;
    }
  }

  function stop(): void {
    stopped = true;
    truncated = true;
    tokenizer.pause();
  }

  const tokenizer: Tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: false },
    {
      onopentagname(start, end) {
        flushText();
        tagName = text.slice(start, end).toLowerCase();
        attrs = {};
      },
      onattribname(start, end) {
        attrName = text.slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += text.slice(start, end);
      },
      onattribentity(codepoint) {
        attrValue += String.fromCodePoint(codepoint);
      },
      onattribend() {
        if (!(attrName in attrs)) attrs[attrName] = decodeXmlEntities(attrValue, entities);
      },
      onopentagend() {
        openElement(false);
      },
      onselfclosingtag() {
        openElement(true);
      },
      onclosetag(start, end) {
        flushText();
        closeTag(text.slice(start, end).toLowerCase());
      },
      ontext(start, end) {
        pendingText += text.slice(start, end);
      },
      ontextentity(codepoint) {
        pendingText += String.fromCodePoint(codepoint); // not called: entities are decoded by us
      },
      oncdata(start, end, offset) {
        flushText();
        appendText(text.slice(start, end - offset)); // CDATA is literal: no entity decoding
      },
      oncomment() {
        flushText();
      },
      ondeclaration() {
        flushText(); // <!DOCTYPE ...>: never read, so no entity or external subset is ever loaded
      },
      onprocessinginstruction() {
        flushText();
      },
      onend() {
        flushText();
      },
    },
  );
  // Feed the text in slices so that a stop request ends the work early on huge documents.
  const CHUNK = 1 << 20;
  for (let i = 0; i < text.length && !stopped; i += CHUNK) tokenizer.write(text.slice(i, i + CHUNK));
  if (!stopped) tokenizer.end();
  flushText();
  while (stack.length) closeTop(); // truncated or unclosed documents: close what is open
  return { root, truncated };
}

function countNodes(element: XmlElement): number {
  let count = 1;
  const pending: XmlElement[] = [element];
  while (pending.length) {
    const next = pending.pop() as XmlElement;
    for (const child of next.children) {
      if (typeof child !== 'string') {
        count++;
        pending.push(child);
      }
    }
  }
  return count;
}
