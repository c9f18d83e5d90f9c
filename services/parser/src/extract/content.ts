// Finds the article body. The page is cut into lines ("segments": the inline content between two
// block boundaries), boilerplate landmarks and hinted boxes are left out, and every line gets a
// weight: long, sentence-like, link-poor lines count for their length; link-heavy lines (menus,
// teaser lists) and short fragments count against. The body is the element whose lines weigh most
// in total, so it grows to take in every run of paragraphs until what it would add is mostly
// boilerplate; lines.ts then picks the article's lines under it.
import { hasBoilerplateName, isBoilerplateLandmark } from './boilerplate.js';
import { collapse, type Element, type Node } from './dom.js';
import { renderInline, type InlineHtml } from './render.js';

export interface Segment {
  text: string;
  /** Non-space characters of text, and of the part inside links. */
  chars: number;
  linkChars: number;
  /** Whether the line starts with a linked headline ("<a>Headline</a> CITY: summary..."). */
  teaser: boolean;
  /** Nearest block element around the line. */
  container: Element;
  /** Tag that gives the line its kind (p, h2, li, blockquote, figcaption, ...). */
  kind: string;
  html: string;
  hasImage: boolean;
}

export interface Content {
  segments: Segment[];
  /** Links on the whole page, for the "no article" reason. */
  pageLinks: number;
}

const BLOCKS = new Set([
  'html', 'body', 'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'li', 'ul', 'ol',
  'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'blockquote', 'pre', 'figure', 'figcaption', 'form', 'fieldset', 'address', 'center', 'hr', 'details',
  'summary', 'hgroup', 'picture',
]);
export const KINDS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'figcaption', 'td', 'th', 'dd', 'dt']);
export const HEADINGS = /^h[1-6]$/;

/** A heading that is mostly a link: another story's headline. */
export function isLinkedHeadline(segment: Segment): boolean {
  return HEADINGS.test(segment.kind) && segment.chars > 0 && segment.linkChars >= segment.chars * 0.5;
}
const SENTENCE_END = /[.!?؟。…:;"'”’»)\]]$/;

function nonSpace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c !== 160) n++;
  }
  return n;
}

/**
 * Text outside links per element, to tell a wrapper holding most of the page's prose from a side
 * box whose class happens to sound like boilerplate.
 */
function proseChars(element: Element, inLink: boolean, out: Map<Element, number>): number {
  let total = 0;
  const link = inLink || element.tag === 'a';
  for (const child of element.children) {
    total += typeof child === 'string' ? (link ? 0 : nonSpace(child)) : proseChars(child, link, out);
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
  private leadingLink = '';
  private linkDepth = 0;
  links = 0;

  constructor(private readonly baseUrl: string) {
    this.html = renderInline(baseUrl);
  }

  text(text: string): void {
    this.parts.push(text);
    const n = nonSpace(text);
    if (this.linkDepth > 0 && this.linkChars === this.chars) this.leadingLink += text;
    else if (n > 0 && this.linkChars === this.chars && this.leadingLink) this.leadingLink += text.trimStart().charAt(0);
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
        this.segments.push({ text, chars: this.chars, linkChars: this.linkChars, teaser: this.isTeaser(), container, kind, html, hasImage });
      }
    }
    this.parts = [];
    this.chars = 0;
    this.linkChars = 0;
    this.leadingLink = '';
  }

  /**
   * A leading link that reads as a headline (no closing punctuation, inside the link or just after
   * it) followed by more text is a teaser; a leading linked sentence is ordinary prose (a digest).
   */
  private isTeaser(): boolean {
    const lead = this.leadingLink.trim();
    return nonSpace(lead) >= 15 && this.linkChars >= this.chars * 0.15 && !/[.!?؟…]["'”’»]?$/.test(lead);
  }
}

function walk(node: Node, writer: SegmentWriter, prose: Map<Element, number>, total: number): void {
  if (typeof node === 'string') {
    writer.text(node);
    return;
  }
  if (node.tag !== '#root' && isBoilerplateLandmark(node, total > 0 ? (prose.get(node) ?? 0) / total : 0)) return;
  if (node.tag === 'br') {
    writer.flush();
    return;
  }
  const block = BLOCKS.has(node.tag);
  if (block) {
    writer.flush();
    writer.blocks.push(node);
  } else writer.open(node);
  for (const child of node.children) walk(child, writer, prose, total);
  if (block) {
    writer.flush();
    writer.blocks.pop();
  } else writer.close(node);
}

/** The weight of one line as evidence of article text. */
export function weight(segment: Segment): number {
  const { chars, linkChars, text, kind } = segment;
  if (chars === 0) return 0;
  const density = linkChars / chars;
  if (density > 0.5) return -linkChars;
  // A line led by a linked headline is a teaser (a news ticker, a "more stories" list).
  if (segment.teaser) return -chars * 0.5;
  if (HEADINGS.test(kind)) return 0;
  if (chars >= 100 || (chars >= 40 && SENTENCE_END.test(text))) return chars * (1 - density);
  return -0.25 * chars;
}

/** Total line weight per element (a line counts for its container and every ancestor). */
function scores(segments: Segment[]): Map<Element, number> {
  const score = new Map<Element, number>();
  for (const segment of segments) {
    const w = weight(segment);
    if (w === 0) continue;
    for (let e: Element | null = segment.container; e; e = e.parent) score.set(e, (score.get(e) ?? 0) + w);
  }
  return score;
}

function depth(element: Element): number {
  let d = 0;
  for (let e: Element | null = element; e; e = e.parent) d++;
  return d;
}

function heaviest(score: Map<Element, number>): Element | null {
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
  return body;
}

/**
 * Splits the page into lines and picks the element that holds the article. Boxes named like
 * boilerplate are dropped in a second round, except the elements that hold the article when names
 * are ignored: so a misleading wrapper class cannot hide the article, and a share bar or related box
 * inside it still goes.
 */
export function findContent(root: Element, baseUrl: string): { content: Content; body: Element | null } {
  const prose = new Map<Element, number>();
  const total = proseChars(root, false, prose);
  const writer = new SegmentWriter(baseUrl);
  writer.blocks.push(root);
  walk(root, writer, prose, total);
  writer.flush();

  // Without names, the chain of elements holding at least half of the best evidence is where the
  // article is; names are not allowed to drop those.
  const firstScores = scores(writer.segments);
  const firstGuess = heaviest(firstScores);
  const half = 0.5 * (firstGuess ? (firstScores.get(firstGuess) ?? 0) : 0);
  const protectedElements = new Set<Element>();
  for (const [element, value] of firstScores) if (value > 0 && value >= half) protectedElements.add(element);
  // A box with several linked headlines is a list of other stories, whatever its name.
  const linkedHeadlines = new Map<Element, number>();
  for (const segment of writer.segments) {
    if (!isLinkedHeadline(segment)) continue;
    for (let e: Element | null = segment.container; e; e = e.parent) linkedHeadlines.set(e, (linkedHeadlines.get(e) ?? 0) + 1);
  }
  const named = new Map<Element, boolean>();
  const dropped = (element: Element): boolean => {
    let verdict = named.get(element);
    if (verdict === undefined) {
      verdict =
        !protectedElements.has(element) &&
        (hasBoilerplateName(element) || (linkedHeadlines.get(element) ?? 0) >= 3 || (!!element.parent && dropped(element.parent)));
      named.set(element, verdict);
    }
    return verdict;
  };
  const segments = writer.segments.filter((segment) => !dropped(segment.container));
  const body = heaviest(scores(segments));
  return { content: { segments, pageLinks: writer.links }, body };
}

export function inside(element: Element, ancestor: Element): boolean {
  for (let e: Element | null = element; e; e = e.parent) if (e === ancestor) return true;
  return false;
}
