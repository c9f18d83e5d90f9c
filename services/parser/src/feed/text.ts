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
export function decodeXmlEntities(raw: string): string {
  return raw.includes('&') ? decodeHTMLStrict(raw) : raw;
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
