// From the lines under the body element to the article's lines: link lists, boilerplate lines,
// bylines, bare dates, captions and the boxes that labels such as "Related" or "اقرأ أيضا" introduce
// are left out.
import { isBoilerplateLine } from './boilerplate.js';
import { bylineAuthor } from './byline.js';
import { isLinkedHeadline, KINDS, inside, weight, type Segment } from './content.js';
import { findDateInText } from './dates.js';
import type { Element } from './dom.js';

// Labels of the boxes that follow an article: related stories, recommendations, comments.
const BOX_LABEL = new RegExp(
  '^(?:related(?: articles| stories| posts| news| content| coverage| reading)?|you (?:may|might) (?:also )?(?:like|enjoy)|' +
    'more (?:from|stories|news|on this|to read)|recommended(?: for you)?|read (?:more|next|also)|also read|see also|trending(?: now)?|' +
    'most (?:read|popular|viewed)|popular (?:posts|stories)|comments?|\\d+ comments?|leave a (?:reply|comment)|join the discussion|' +
    'você (?:pode|também pode) gostar|leia (?:também|mais)|veja também|lee también|te puede interesar|(?:à )?lire aussi|' +
    'vous aimerez aussi|ähnliche artikel|mehr zum thema|potrebbe interessarti|leggi anche|' +
    'اقرأ أيضا|اقرأ أيضاً|اقرأ ايضا|أخبار ذات صلة|اخبار ذات صلة|مواضيع ذات صلة|ذات صلة|قد يعجبك أيضا|قد يهمك|الأكثر قراءة|التعليقات)' +
    '[\\s.:…!?]*$',
  'iu',
);

/**
 * The lines of the article: those under the body element, without link lists or boilerplate lines.
 * A box label ("Related stories", "اقرأ أيضا") drops its own box when the box is nested (an inline
 * "read also" box); written among the article's paragraphs, it drops what follows up to the next
 * paragraph of the article, which is everything when the article has ended.
 */
export function articleLines(segments: Segment[], body: Element, headline: Element | null, title: string): Segment[] {
  const kept: Segment[] = [];
  let firstContent: Segment | null = null;
  let skipBox: Element | null = null;
  // After a label written among the article's own paragraphs, lines are skipped until a paragraph
  // beside the article's first one comes back (the label introduced an inline list of links).
  let skipUntilArticle = false;
  for (const segment of segments) {
    if (!inside(segment.container, body)) continue;
    if (skipBox && inside(segment.container, skipBox)) continue;
    skipBox = null;
    if (skipUntilArticle) {
      if (segment.container.parent !== firstContent?.container.parent || weight(segment) <= 0) continue;
      skipUntilArticle = false;
    }
    if (headline && inside(segment.container, headline)) continue;
    if (!segment.text) {
      if (segment.hasImage) kept.push(segment);
      continue;
    }
    if (segment.chars < 60 && BOX_LABEL.test(segment.text)) {
      if (!firstContent) continue;
      const box = boxOf(segment, firstContent.container, body);
      if (box) skipBox = box;
      else skipUntilArticle = true;
      continue;
    }
    if (segment.chars > 0 && segment.linkChars / segment.chars > 0.5) continue;
    // Captions and photo credits describe pictures, not the story.
    if (segment.kind === 'figcaption') continue;
    if (segment.text === title || isBoilerplateLine(segment.text) || isMetaLine(segment.text)) continue;
    if (!firstContent && weight(segment) > 0) firstContent = segment;
    kept.push(segment);
  }
  return kept;
}

/** A byline or a bare date line ("By Dana White", "Wednesday, November 20, 2019"). */
function isMetaLine(text: string): boolean {
  if (text.length > 120) return false;
  if (bylineAuthor(text)) return true;
  // An embedded post's attribution ("— Name (@handle) November 15, 2019") belongs to the quote.
  if (/^[—–(-]|@\w/.test(text)) return false;
  return text.length < 60 && text.split(' ').length <= 8 && !/[.!?؟]$/.test(text) && findDateInText(text) !== null;
}

/**
 * The box a label starts: the largest element around the label that does not also hold the article's
 * first paragraph. Null when the label is a sibling of the article's own paragraphs.
 */
function boxOf(label: Segment, articleStart: Element, body: Element): Element | null {
  let box: Element | null = null;
  for (let e: Element | null = label.container; e && e !== body; e = e.parent) {
    if (inside(articleStart, e)) break;
    box = e;
  }
  // The label's own heading or paragraph is not a box: the box must hold more than the label.
  return box && !(box === label.container && KINDS.has(box.tag)) ? box : null;
}

/**
 * Headlines that are links, under the body element. Articles have none or a few (a related box);
 * a section front page is made of them.
 */
export function linkedHeadlines(segments: Segment[], body: Element): number {
  let count = 0;
  for (const segment of segments) {
    if (isLinkedHeadline(segment) && inside(segment.container, body)) count++;
  }
  return count;
}
