// Output of the article: plain text (one paragraph per line) and sanitised HTML for display. The
// HTML is rebuilt from an allow-list, never copied: only harmless inline tags survive, attributes are
// limited to link targets, image sources and alt text, and URLs are made absolute and must be
// http(s). Scripts, styles and handlers cannot get through because nothing unknown is written.
import type { Element } from './dom.js';
import { absoluteHttpUrl } from '@news/shared/url';

const INLINE_TAGS = new Set(['a', 'em', 'strong', 'b', 'i', 'u', 's', 'code', 'sub', 'sup', 'small', 'mark', 'q', 'cite', 'abbr', 'kbd', 'var']);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}


export interface InlineHtml {
  text(text: string): void;
  open(element: Element): void;
  close(element: Element): void;
  /** The HTML written since the last call, and whether it holds an image. */
  take(): { html: string; hasImage: boolean };
}

/** Collects the sanitised inline HTML of one line. */
export function renderInline(baseUrl: string): InlineHtml {
  let out: string[] = [];
  let hasImage = false;
  // Tags opened in this line; a line can end inside an element (a <br> in a link), so closing tags
  // are only written for tags this line opened.
  let opened: string[] = [];
  return {
    text(text) {
      out.push(escapeHtml(text.replace(/\s+/g, ' ')));
    },
    open(element) {
      if (element.tag === 'img') {
        const src = absoluteHttpUrl(element.attrs.src ?? element.attrs['data-src'], baseUrl);
        if (src) {
          out.push(`<img src="${escapeHtml(src)}" alt="${escapeHtml(element.attrs.alt ?? '')}">`);
          hasImage = true;
        }
        return;
      }
      if (!INLINE_TAGS.has(element.tag)) return;
      if (element.tag === 'a') {
        const href = absoluteHttpUrl(element.attrs.href, baseUrl);
        out.push(href ? `<a href="${escapeHtml(href)}">` : '<a>');
      } else out.push(`<${element.tag}>`);
      opened.push(element.tag);
    },
    close(element) {
      if (!INLINE_TAGS.has(element.tag)) return;
      const at = opened.lastIndexOf(element.tag);
      if (at < 0) return;
      opened.splice(at, 1);
      out.push(`</${element.tag}>`);
    },
    take() {
      for (let i = opened.length - 1; i >= 0; i--) out.push(`</${opened[i]}>`);
      const result = { html: out.join('').trim(), hasImage };
      out = [];
      opened = [];
      hasImage = false;
      return result;
    },
  };
}

export interface Line {
  text: string;
  kind: string;
  html: string;
  hasImage: boolean;
}

/** Plain text: one line per paragraph. */
export function toText(lines: Line[]): string {
  return lines
    .map((line) => line.text)
    .filter(Boolean)
    .join('\n');
}

/** Display HTML: headings, quotes, list items and paragraphs, each from its sanitised inline HTML. */
export function toHtml(lines: Line[]): string {
  const out: string[] = [];
  let inList = false;
  for (const line of lines) {
    if (!line.html) continue;
    const isItem = line.kind === 'li';
    if (isItem !== inList) {
      out.push(isItem ? '<ul>' : '</ul>');
      inList = isItem;
    }
    if (!line.text && line.hasImage) out.push(`<figure>${line.html}</figure>`);
    else if (isItem) out.push(`<li>${line.html}</li>`);
    else if (/^h[1-6]$/.test(line.kind)) {
      const level = Math.max(2, Number(line.kind.slice(1)));
      out.push(`<h${level}>${line.html}</h${level}>`);
    } else if (line.kind === 'blockquote') out.push(`<blockquote><p>${line.html}</p></blockquote>`);
    else if (line.kind === 'pre') out.push(`<pre>${line.html}</pre>`);
    else out.push(`<p>${line.html}</p>`);
  }
  if (inList) out.push('</ul>');
  return out.join('\n');
}
