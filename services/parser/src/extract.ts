// Article extraction: decoded HTML in, the article (or a reason why there is none) out. Pure and
// bounded: the input is cut and the tree capped in extract/dom.ts, nothing here throws, and the same
// function serves the parser worker and `newsctl extract`.
import type { ExtractedArticle } from '@news/shared';
import { detectLanguage, SCRIPT_LANGUAGES, scriptLanguage } from '@news/shared/language';
import { bylineAuthor } from './extract/byline.js';
import { findContent, type Segment } from './extract/content.js';
import { articleLines, linkedHeadlines } from './extract/lines.js';
import { parseHtml } from './extract/dom.js';
import { readMetadata } from './extract/metadata.js';
import { toHtml, toText } from './extract/render.js';

/**
 * The article: the shared ExtractedArticle, so what the parser stores is checked against what the
 * enricher reads. Title without the site-name suffix; text one paragraph per line; html sanitised
 * (no scripts, handlers or styles; links absolute, http(s) only); lang declared, then detected;
 * dates ISO 8601 UTC; canonicalUrl and image absolute.
 */
export type Article = ExtractedArticle;

export type ExtractResult = { ok: true; article: Article } | { ok: false; reason: string };

/** Fewer words than this in the body is not an article (a teaser, an error page, a wall). */
const MIN_ARTICLE_WORDS = 25;

function words(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

// When the text is plainly in a language its script alone identifies and the page declares
// something else, the declaration is a template default ("en" on an Arabic site).
function chooseLanguage(declared: string | null, text: string): string | null {
  if (!declared) return detectLanguage(text);
  const script = scriptLanguage(text);
  return script && !SCRIPT_LANGUAGES.has(declared) ? script : declared;
}

/** The author of the first byline line among the page's first lines, when metadata named none. */
function bylineIn(segments: Segment[]): string[] {
  for (const segment of segments.slice(0, 80)) {
    const name = bylineAuthor(segment.text);
    if (name) return [name];
  }
  return [];
}

export function extractArticle(html: string, url: string, options: { fetchedAt?: Date } = {}): ExtractResult {
  try {
    return extract(typeof html === 'string' ? html : '', url, options.fetchedAt);
  } catch (error) {
    // Defensive: extraction is meant to be total, but one odd page must never kill a worker.
    return { ok: false, reason: `extraction failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function extract(html: string, url: string, fetchedAt: Date | undefined): ExtractResult {
  if (!html.trim()) return { ok: false, reason: 'no article: empty page' };
  if (!/<[a-z!?/]/i.test(html.slice(0, 100_000))) return { ok: false, reason: 'no article: not HTML (no tags)' };
  const page = parseHtml(html);
  const metadata = readMetadata(page, url, fetchedAt);
  const { content, body } = findContent(page.root, url);
  const lines = body ? articleLines(content.segments, body, metadata.headline, metadata.title) : [];
  const text = toText(lines);
  const bodyWords = words(text);
  // A page of teasers: linked headlines outnumber the body's paragraphs.
  const teasers = body ? linkedHeadlines(content.segments, body) : 0;
  if (teasers >= 5 && teasers * 2 >= lines.length) {
    return { ok: false, reason: `no article: section front page (${content.pageLinks} links, ${teasers} linked headlines, ${bodyWords} words of text)` };
  }
  if (bodyWords < MIN_ARTICLE_WORDS) {
    if (page.hasPasswordField) return { ok: false, reason: `no article: login wall (password form, ${bodyWords} words of text)` };
    const kind = content.pageLinks >= 20 ? 'section front page' : 'near-empty page';
    return { ok: false, reason: `no article: ${kind} (${content.pageLinks} links, ${bodyWords} words of text)` };
  }
  return {
    ok: true,
    article: {
      title: metadata.title,
      text,
      html: toHtml(lines),
      lang: chooseLanguage(metadata.declaredLang, text),
      publishedAt: metadata.publishedAt,
      modifiedAt: metadata.modifiedAt,
      authors: metadata.authors.length ? metadata.authors : bylineIn(content.segments),
      siteName: metadata.siteName,
      canonicalUrl: metadata.canonicalUrl,
      image: metadata.image,
      description: metadata.description,
    },
  };
}
