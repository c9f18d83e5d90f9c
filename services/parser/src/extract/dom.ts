// A small read-only document tree built straight from htmlparser2's events. Extraction only needs
// tags, attributes and text, so a tree of plain objects is faster to build and walk than a full DOM,
// and building it ourselves lets us bound it: input length, nesting depth and node count are capped
// here, once, so every later walk can recurse without fear of huge or hostile pages.
import { Parser } from 'htmlparser2';

export interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
  parent: Element | null;
}
/** Text nodes are plain strings (entities already decoded). */
export type Node = Element | string;

export interface ParsedPage {
  root: Element;
  /** Text of the first <title>. */
  title: string;
  /** Every <meta> and <link> element, wherever it appeared (they are not in the tree). */
  metaTags: Element[];
  /** Bodies of <script type="application/ld+json">, in document order. */
  jsonLd: string[];
  /** Whether the page has a password field (a login wall when there is no article). */
  hasPasswordField: boolean;
}

/** Longer pages are cut: article text sits well inside the first few megabytes of any real page. */
export const MAX_HTML_CHARS = 6_000_000;
/** Deeper elements are flattened into their ancestor at this depth (their text is kept). */
export const MAX_DEPTH = 200;
/** Elements beyond this count are ignored (their text is kept in the current element). */
export const MAX_ELEMENTS = 200_000;

/** Elements whose content is never page text. Their subtrees are not stored at all. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed',
  'select', 'option', 'textarea', 'button', 'input', 'audio', 'video', 'map',
]);

/**
 * Parsing stops where the source nests deeper than this. htmlparser2 keeps its open-element stack
 * in an array it shifts and unshifts, so each tag costs as much as the nesting depth: 100,000
 * nested elements would take minutes. No real page comes near this depth.
 */
export const MAX_SOURCE_DEPTH = 1500;

export function parseHtml(input: string): ParsedPage {
  const truncated = input.length > MAX_HTML_CHARS;
  const html = truncated ? input.slice(0, MAX_HTML_CHARS) : input;
  const root: Element = { tag: '#root', attrs: {}, children: [], parent: null };
  const metaTags: Element[] = [];
  let current = root;
  let depth = 0;
  let elements = 0;
  // One entry per open tag: what onclosetag must undo. 'kept' pops `current`; 'flat' does nothing;
  // 'skip' leaves a skipped subtree.
  const open: Array<'kept' | 'flat' | 'skip'> = [];
  let skipping = 0;
  let title = '';
  let inTitle = false;
  let scriptType: string | null = null;
  let scriptText = '';
  const jsonLd: string[] = [];
  let hasPasswordField = false;
  let tooDeep = false;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (open.length >= MAX_SOURCE_DEPTH) {
          tooDeep = true;
          parser.pause();
        }
        if (name === 'input' && attrs.type?.toLowerCase() === 'password') hasPasswordField = true;
        if (skipping > 0) {
          skipping++;
          open.push('skip');
          return;
        }
        if (name === 'title' && !title) inTitle = true;
        if (name === 'script') {
          scriptType = (attrs.type ?? '').toLowerCase();
          scriptText = '';
        }
        if (name === 'meta' || name === 'link') {
          metaTags.push({ tag: name, attrs, children: [], parent: null });
          open.push('flat');
          return;
        }
        if (SKIPPED.has(name) || name === 'title') {
          skipping = 1;
          open.push('skip');
          return;
        }
        if (depth >= MAX_DEPTH || elements >= MAX_ELEMENTS) {
          // Keep a line break for block-ish tags so flattened text does not run together.
          if (name === 'br' || name === 'p' || name === 'div' || name === 'li') current.children.push('\n');
          open.push('flat');
          return;
        }
        const element: Element = { tag: name, attrs, children: [], parent: current };
        current.children.push(element);
        current = element;
        depth++;
        elements++;
        open.push('kept');
      },
      onclosetag(name) {
        const what = open.pop();
        if (what === 'skip') {
          skipping--;
          if (skipping === 0) {
            if (name === 'title') inTitle = false;
            if (name === 'script') {
              if (scriptType === 'application/ld+json' && scriptText.trim()) jsonLd.push(scriptText);
              scriptType = null;
            }
          }
        } else if (what === 'kept' && current.parent) {
          current = current.parent;
          depth--;
        }
      },
      ontext(text) {
        if (skipping > 0) {
          if (inTitle && skipping === 1) title += text;
          else if (scriptType === 'application/ld+json' && skipping === 1 && scriptText.length < 1_000_000) scriptText += text;
          return;
        }
        const last = current.children[current.children.length - 1];
        if (typeof last === 'string') current.children[current.children.length - 1] = last + text;
        else current.children.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  // A paused parser has stopped for good: the rest of the page is too deep to be worth reading.
  if (!tooDeep) parser.end();
  return { root, title: collapse(title), metaTags, jsonLd, hasPasswordField };
}

/** Collapses runs of white space (including non-breaking spaces) to one space, trimmed. */
export function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u200e\u200f\ufeff]+/g, ' ').trim();
}

/** All text under a node, whitespace collapsed. */
export function textOf(node: Node): string {
  const parts: string[] = [];
  collectText(node, parts);
  return collapse(parts.join(' '));
}

function collectText(node: Node, parts: string[]): void {
  if (typeof node === 'string') {
    parts.push(node);
    return;
  }
  for (const child of node.children) collectText(child, parts);
}

/** Pre-order list of elements under (and including) `node` matching `test`. */
export function findAll(node: Element, test: (element: Element) => boolean, out: Element[] = []): Element[] {
  if (test(node)) out.push(node);
  for (const child of node.children) if (typeof child !== 'string') findAll(child, test, out);
  return out;
}

/** The element after `element` in document order (pre-order, as findAll lists them), or null. */
export function nextElement(element: Element): Element | null {
  const child = element.children.find((node): node is Element => typeof node !== 'string');
  if (child) return child;
  for (let node: Element | null = element; node?.parent; node = node.parent) {
    const siblings = node.parent.children;
    for (let i = siblings.indexOf(node) + 1; i < siblings.length; i++) {
      const sibling = siblings[i]!;
      if (typeof sibling !== 'string') return sibling;
    }
  }
  return null;
}

export function findFirst(node: Element, test: (element: Element) => boolean): Element | null {
  if (test(node)) return node;
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    const found = findFirst(child, test);
    if (found) return found;
  }
  return null;
}

/** The `class` and `id` of an element, lower-cased, for boilerplate hints. */
export function classAndId(element: Element): string {
  const { class: cls, id } = element.attrs;
  if (!cls && !id) return '';
  return `${cls ?? ''} ${id ?? ''}`.toLowerCase();
}
