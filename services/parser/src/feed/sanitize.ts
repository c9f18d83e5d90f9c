// Allow-list HTML sanitiser for feed content (titles, summaries, content).
//
// Elements and attributes not on the lists are dropped; the elements that carry code or foreign
// documents (script, style, iframe, template, ...) are dropped with everything inside them; so are
// `on*` handlers and `style` attributes (CSS can hide, overlay or phone home). URL attributes are
// resolved against the entry's base and kept only with a harmless scheme (no javascript:,
// vbscript:, data:). Built on htmlparser2's tokenizer with our own open-element stack, so hostile
// nesting costs linear time, and the output is re-serialised: what comes out is what we wrote.
import { Tokenizer } from 'htmlparser2';
import { escapeHtml } from './text.js';
import { safeHtmlUrl } from './urls.js';

const ALLOWED_ELEMENTS = new Set(
  ('a abbr acronym address area article aside audio b bdi bdo big blockquote br caption center cite code col colgroup ' +
    'dd del details dfn dir div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd ' +
    'li main map mark menu meter nav ol p picture pre progress q rp rt ruby s samp section small source span strike ' +
    'strong sub summary sup table tbody td tfoot th thead time tr track tt u ul var video wbr').split(' '),
);

// Dropped together with their content: code, styles, embedded documents, and elements whose
// content is not meant to be shown.
const DROP_WITH_CONTENT = new Set(
  'script style template head xmp plaintext textarea select option'.split(' '),
);

const VOID_ELEMENTS = new Set('area base br col embed hr img input keygen link meta param source track wbr'.split(' '));

const ALLOWED_ATTRIBUTES = new Set(
  ('abbr align alt axis bgcolor border cellpadding cellspacing char charoff cite class clear color cols colspan ' +
    'controls coords datetime dir face headers height href hreflang hspace id label lang loop longdesc media name ' +
    'nowrap poster preload rel rev rows rowspan rules scope shape size span src start summary target title type ' +
    'usemap valign value vspace width xml:lang').split(' '),
);

const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'longdesc', 'poster', 'usemap']);

const MAX_DEPTH = 100;

/** Tokens neither pass of the sanitiser keeps: CDATA, comments, doctype, processing instructions. */
const IGNORED_TOKENS = {
  oncdata() {},
  oncomment() {},
  ondeclaration() {},
  onprocessinginstruction() {},
  onend() {},
};

interface Open {
  name: string;
  emitted: boolean;
  dropsContent: boolean;
}

/** Sanitises an HTML fragment; relative URLs are resolved against `baseUrl`. */
export function sanitizeHtml(source: string, baseUrl: string | null): string {
  if (!/[<&]/.test(source)) return source.replace(/>/g, '&gt;');
  const html = fixMarkupDeclarations(source);
  const out: string[] = [];
  const stack: Open[] = [];
  const openCount = new Map<string, number>();
  let dropping = 0; // how many content-dropping elements are open

  let tagName = '';
  let attrs: Array<[string, string]> = [];
  let attrName = '';
  let attrValue = '';

  function text(value: string): void {
    if (dropping === 0 && value) out.push(escapeHtml(value));
  }

  function open(selfClosing: boolean): void {
    const name = tagName;
    const isVoid = VOID_ELEMENTS.has(name);
    const dropsContent = DROP_WITH_CONTENT.has(name);
    const emit = dropping === 0 && ALLOWED_ELEMENTS.has(name) && stack.length < MAX_DEPTH;
    if (emit) {
      let tag = `<${name}`;
      for (const [key, value] of attrs) {
        if (!ALLOWED_ATTRIBUTES.has(key)) continue;
        let kept: string | null = value;
        if (URL_ATTRIBUTES.has(key)) kept = safeHtmlUrl(value, baseUrl);
        if (kept !== null) tag += ` ${key}="${escapeHtml(kept)}"`;
      }
      out.push(isVoid ? `${tag} />` : `${tag}>`);
    }
    // Void elements and "<foo/>" in a context that treats it as empty have no content to track.
    if (isVoid || (selfClosing && !emit && !dropsContent)) return;
    if (selfClosing && dropsContent) return; // "<script/>" has no content
    stack.push({ name, emitted: emit, dropsContent });
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (dropsContent) dropping++;
  }

  function closeTop(): void {
    const top = stack.pop();
    if (!top) return;
    openCount.set(top.name, (openCount.get(top.name) ?? 1) - 1);
    if (top.dropsContent) dropping--;
    if (top.emitted) out.push(`</${top.name}>`);
  }

  function close(name: string): void {
    if (!openCount.get(name)) return;
    while (stack.length) {
      const wasName = stack[stack.length - 1]?.name;
      closeTop();
      if (wasName === name) break;
    }
  }

  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: true },
    {
      onopentagname(start, end) {
        tagName = html.slice(start, end).toLowerCase();
        attrs = [];
      },
      onattribname(start, end) {
        attrName = html.slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += html.slice(start, end);
      },
      onattribentity(codepoint) {
        attrValue += String.fromCodePoint(codepoint);
      },
      onattribend() {
        attrs.push([attrName, attrValue]);
      },
      onopentagend() {
        open(false);
      },
      onselfclosingtag() {
        open(true);
      },
      onclosetag(start, end) {
        close(html.slice(start, end).toLowerCase());
      },
      ontext(start, end) {
        text(html.slice(start, end));
      },
      ontextentity(codepoint) {
        text(String.fromCodePoint(codepoint));
      },
      ...IGNORED_TOKENS,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  while (stack.length) closeTop();
  return out.join('');
}

/**
 * "<!" in a fragment is a comment, CDATA, or a stray character. A comment with no "-->" anywhere
 * after it ends at the next ">" (as older parsers read it) rather than swallowing the rest of the
 * content; any other "<!" (a DOCTYPE in a summary, "<!'") is text.
 */
function fixMarkupDeclarations(html: string): string {
  if (!html.includes('<!')) return html;
  const lastCommentEnd = html.lastIndexOf('-->');
  let out = '';
  let i = 0;
  for (;;) {
    const at = html.indexOf('<!', i);
    if (at < 0) return out + html.slice(i);
    out += html.slice(i, at);
    if (html.startsWith('<!--', at)) {
      const end = lastCommentEnd >= at + 4 ? html.indexOf('-->', at + 4) : -1;
      const close = end >= 0 ? end + 3 : html.indexOf('>', at + 4) + 1;
      i = close > 0 ? close : html.length; // comments are dropped
    } else if (html.startsWith('<![CDATA[', at)) {
      const end = html.indexOf(']]>', at + 9);
      out += escapeHtml(end >= 0 ? html.slice(at + 9, end) : html.slice(at + 9));
      i = end >= 0 ? end + 3 : html.length;
    } else {
      out += '&lt;!';
      i = at + 2;
    }
  }
}

/** Plain text of an HTML fragment (tags dropped, entities decoded), for titles shown as text. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let dropping = 0;
  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: true },
    {
      onopentagname(start, end) {
        const name = html.slice(start, end).toLowerCase();
        if (DROP_WITH_CONTENT.has(name)) dropping++;
      },
      onclosetag(start, end) {
        if (DROP_WITH_CONTENT.has(html.slice(start, end).toLowerCase()) && dropping > 0) dropping--;
      },
      ontext(start, end) {
        if (!dropping) parts.push(html.slice(start, end));
      },
      ontextentity(codepoint) {
        if (!dropping) parts.push(String.fromCodePoint(codepoint));
      },
      onattribname() {},
      onattribdata() {},
      onattribentity() {},
      onattribend() {},
      onopentagend() {},
      onselfclosingtag() {},
      ...IGNORED_TOKENS,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return parts.join('').replace(/\s+/g, ' ').trim();
}
