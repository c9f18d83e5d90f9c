// Finds the article body. The page is cut into lines ("segments": the inline content between two
// block boundaries), boilerplate landmarks and hinted boxes are left out, and every line gets a
// weight: long, sentence-like, link-poor lines count for their length; link-heavy lines (menus,
// teaser lists) and short fragments count against. The body is the element whose lines weigh most
// in total, so it grows to take in every run of paragraphs until what it would add is mostly
// boilerplate; its lines, minus link lists and boilerplate lines, are the article.
import { isBoilerplateElement, isBoilerplateLine } from './boilerplate.js';
import { collapse, type Element, type Node } from './dom.js';
import { renderInline, type InlineHtml } from './render.js';

export interface Segment {
  text: string;
  /** Non-space characters of text, and of the part inside links. */
  chars: number;
  linkChars: number;
  /** Nearest block element around the line. */
  container: Element;
  /** Tag that gives the line its kind (p, h2, li, blockquote, figcaption, ...). */
  kind: string;
  html: string;
  hasImage: boolean;
}

export interface Content {
  segments: Segment[];
  /** Links and words on the whole page, for the "no article" reason. */
  pageLinks: number;
  pageWords: number;
}

const BLOCKS = new Set([
  'html', 'body', 'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'li', 'ul', 'ol',
  'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'blockquote', 'pre', 'figure', 'figcaption', 'form', 'fieldset', 'address', 'center', 'hr', 'details',
  'summary', 'hgroup', 'picture',
]);
const KINDS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'figcaption', 'td', 'th', 'dd', 'dt']);
const HEADINGS = /^h[1-6]$/;
const SENTENCE_END = /[.!?؟。…:;"'”’»)\]]$/;

function nonSpace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c !== 160) n++;
  }
  return n;
}

/** Paragraph text (inside <p>) per element, to tell a whole-article wrapper from a side box. */
function paragraphChars(element: Element, inP: boolean, out: Map<Element, number>): number {
  let total = 0;
  const here = inP || element.tag === 'p';
  for (const child of element.children) {
    total += typeof child === 'string' ? (here ? nonSpace(child) : 0) : paragraphChars(child, here, out);
  }
  out.set(element, total);
  return total;
}

class SegmentWriter {
  readonly segments: Segment[] = [];
  readonly blocks: Element[] = [];
  private parts: string[] = [];
  private html: InlineHtml;
  private chars = 0;
  private linkChars = 0;
  private linkDepth = 0;
  links = 0;
  words = 0;

  constructor(private readonly baseUrl: string) {
    this.html = renderInline(baseUrl);
  }

  text(text: string): void {
    this.parts.push(text);
    const n = nonSpace(text);
    this.chars += n;
    if (this.linkDepth > 0) this.linkChars += n;
    this.html.text(text);
  }

  open(element: Element): void {
    if (element.tag === 'a') {
      this.linkDepth++;
      this.links++;
    }
    this.html.open(element);
  }

  close(element: Element): void {
    if (element.tag === 'a') this.linkDepth--;
    this.html.close(element);
  }

  flush(): void {
    const text = collapse(this.parts.join(''));
    const { html, hasImage } = this.html.take();
    if (text || hasImage) {
      const container = this.blocks[this.blocks.length - 1];
      if (container) {
        let kind = 'p';
        for (let i = this.blocks.length - 1; i >= 0; i--) {
          const tag = this.blocks[i]?.tag ?? '';
          if (KINDS.has(tag)) {
            kind = tag;
            break;
          }
        }
        this.segments.push({ text, chars: this.chars, linkChars: this.linkChars, container, kind, html, hasImage });
        this.words += text ? text.split(' ').length : 0;
      }
    }
    this.parts = [];
    this.chars = 0;
    this.linkChars = 0;
  }
}

function walk(node: Node, writer: SegmentWriter, paragraphs: Map<Element, number>, total: number): void {
  if (typeof node === 'string') {
    writer.text(node);
    return;
  }
  if (node.tag !== '#root' && isBoilerplateElement(node, total > 0 ? (paragraphs.get(node) ?? 0) / total : 0)) return;
  if (node.tag === 'br') {
    writer.flush();
    return;
  }
  const block = BLOCKS.has(node.tag);
  if (block) {
    writer.flush();
    writer.blocks.push(node);
  } else writer.open(node);
  for (const child of node.children) walk(child, writer, paragraphs, total);
  if (block) {
    writer.flush();
    writer.blocks.pop();
  } else writer.close(node);
}

/** The weight of one line as evidence of article text. */
function weight(segment: Segment): number {
  const { chars, linkChars, text, kind } = segment;
  if (chars === 0) return 0;
  const density = linkChars / chars;
  if (density > 0.5) return -linkChars;
  if (HEADINGS.test(kind)) return 0;
  if (chars >= 100 || (chars >= 40 && SENTENCE_END.test(text))) return chars * (1 - density);
  return -0.25 * chars;
}

/** Splits the page into lines and picks the element whose lines are the article. */
export function findContent(root: Element, baseUrl: string): { content: Content; body: Element | null } {
  const paragraphs = new Map<Element, number>();
  const total = paragraphChars(root, false, paragraphs);
  const writer = new SegmentWriter(baseUrl);
  writer.blocks.push(root);
  walk(root, writer, paragraphs, total);
  writer.flush();
  const segments = writer.segments;

  const score = new Map<Element, number>();
  const depth = (element: Element): number => {
    let d = 0;
    for (let e: Element | null = element; e; e = e.parent) d++;
    return d;
  };
  for (const segment of segments) {
    const w = weight(segment);
    if (w === 0) continue;
    for (let e: Element | null = segment.container; e; e = e.parent) score.set(e, (score.get(e) ?? 0) + w);
  }
  let body: Element | null = null;
  let best = 0;
  let bestDepth = 0;
  for (const [element, value] of score) {
    // Prefer the deeper element on a tie: the ancestor adds nothing but its own boilerplate.
    if (value > best || (value === best && body && depth(element) > bestDepth)) {
      body = element;
      best = value;
      bestDepth = depth(element);
    }
  }
  // Schema.org microdata naming the body is a strong hint when it holds most of the evidence.
  const marked = [...score.keys()].find((e) => e.attrs.itemprop === 'articleBody');
  if (marked && (score.get(marked) ?? 0) >= 0.7 * best) body = marked;

  return { content: { segments, pageLinks: writer.links, pageWords: writer.words }, body };
}

function inside(element: Element, ancestor: Element): boolean {
  for (let e: Element | null = element; e; e = e.parent) if (e === ancestor) return true;
  return false;
}

/** The lines of the article: those under the body element, without link lists or boilerplate lines. */
export function articleLines(segments: Segment[], body: Element, headline: Element | null, title: string): Segment[] {
  const kept = segments.filter((segment) => {
    if (!inside(segment.container, body)) return false;
    if (headline && inside(segment.container, headline)) return false;
    if (!segment.text) return segment.hasImage;
    if (segment.chars > 0 && segment.linkChars / segment.chars > 0.5) return false;
    if (segment.text === title) return false;
    return !isBoilerplateLine(segment.text);
  });
  return kept;
}
