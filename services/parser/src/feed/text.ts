// Text helpers shared by the feed readers: entity decoding, HTML escaping, and turning an XML
// element's content back into markup or text.
import { decodeHTMLStrict } from 'entities';
import type { XmlElement, XmlNode } from './xml-reader.js';
import { resolveUrl } from './urls.js';

/**
 * Decodes character references in XML text: the XML ones, numeric ones, and HTML named ones
 * (`&eacute;`, `&zeta;`), which feeds use all the time without declaring them. Only references
 * ending in ";" count. Entities a DTD would define stay as written: DTDs are never read.
 */
export function decodeXmlEntities(raw: string, declared?: DeclaredEntities): string {
  if (!raw.includes('&')) return raw;
  const expanded = declared?.size ? expandDeclared(raw, declared) : raw;
  return decodeHTMLStrict(expanded.replace(/&([lr])ang;/g, (_, side: string) => (side === 'l' ? '\u2329' : '\u232a')));
}

/**
 * Entities declared in the document's internal DTD subset, as literal text. Their replacement
 * text is never re-scanned for references (so nesting cannot multiply it: no billion laughs), and
 * a document-wide budget caps how much text references may add (no quadratic blow-up).
 */
export class DeclaredEntities extends Map<string, string> {
  budget = 1_000_000;
}

function expandDeclared(raw: string, declared: DeclaredEntities): string {
  return raw.replace(/&([A-Za-z_][\w.-]*);/g, (reference, name: string) => {
    const value = declared.get(name);
    if (value === undefined || value.length > declared.budget) return reference;
    declared.budget -= value.length;
    return value;
  });
}

// <!ENTITY name "value"> in an internal subset; parameter entities (%) and external ones
// (SYSTEM / PUBLIC) do not match and are never loaded.
const ENTITY_DECLARATION = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;

/**
 * Finds a DOCTYPE at the start of the document. Returns the text without it (so that markup in
 * the internal subset is not taken for content) and the literal entities it declares.
 */
export function takeDoctype(text: string): { text: string; entities: DeclaredEntities } {
  const entities = new DeclaredEntities();
  const head = text.slice(0, 65536);
  const start = head.search(/<!DOCTYPE/i);
  if (start < 0 || /<[A-Za-z]/.test(head.slice(0, start).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''))) return { text, entities };
  const subset = /^<!DOCTYPE[^[>]*(\[([\s\S]*?)\]\s*)?>/i.exec(head.slice(start));
  if (!subset) return { text, entities };
  for (const m of (subset[2] ?? '').matchAll(ENTITY_DECLARATION)) {
    if (entities.size >= 1000) break;
    entities.set(m[1] as string, decodeHTMLStrict(m[2] ?? m[3] ?? ''));
  }
  return { text: text.slice(0, start) + text.slice(start + subset[0].length), entities };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

/** All text inside an element, markup dropped. */
export function textContent(node: XmlNode): string {
  if (typeof node === 'string') return node;
  let out = '';
  const pending: XmlNode[] = [node];
  while (pending.length) {
    const next = pending.pop() as XmlNode;
    if (typeof next === 'string') out += next;
    else for (let i = next.children.length - 1; i >= 0; i--) pending.push(next.children[i] as XmlNode);
  }
  return out;
}

export function hasElementChildren(element: XmlElement): boolean {
  return element.children.some((child) => typeof child !== 'string');
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'longdesc', 'action', 'background', 'poster', 'usemap', 'lowsrc', 'dynsrc']);

/** The element's children serialised as HTML (inline XHTML in a feed), URLs resolved against xml:base. */
export function innerMarkup(element: XmlElement): string {
  const parts: string[] = [];
  // Iterative, so that deep markup cannot overflow the stack.
  const pending: Array<XmlNode | { close: string }> = [...element.children].reverse();
  while (pending.length) {
    const next = pending.pop() as XmlNode | { close: string };
    if (typeof next === 'string') {
      parts.push(escapeHtml(next));
    } else if ('close' in next) {
      parts.push(`</${next.close}>`);
    } else {
      let tag = `<${next.local}`;
      for (const [name, value] of Object.entries(next.attrs)) {
        if (name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xml:')) continue;
        const resolved = URL_ATTRIBUTES.has(name) ? (resolveUrl(value, next.base) ?? value) : value;
        tag += ` ${name}="${escapeHtml(resolved)}"`;
      }
      parts.push(tag + '>');
      pending.push({ close: next.local });
      for (let i = next.children.length - 1; i >= 0; i--) pending.push(next.children[i] as XmlNode);
    }
  }
  return parts.join('');
}

export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-zA-Z][^>]*>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/.test(text);
}

/** First child with one of the names, in the order of the names (the first name wins). */
export function child(parent: XmlElement, ...names: string[]): XmlElement | undefined {
  for (const name of names) {
    for (const kid of parent.children) if (typeof kid !== 'string' && kid.name === name) return kid;
  }
  return undefined;
}
