// Bylines written as text ("By Dana White", "كتب: سامي الخطيب · نشر في ..."): the author's name for
// the metadata, and the line itself is left out of the body.

const BYLINE = /^(?:by|written by|posted by|words by|reporting by|author:|بقلم|كتب|كتبت|كتبه|إعداد|اعداد|تقرير|حرره)\s*[:：\-–—]?\s+(.+)$/iu;
// Where the name ends: a separator, a date, a "published"/"updated" word.
const NAME_END = /\s*(?:[·|•,،—–]|\s-\s|\b(?:on|updated|published|posted)\b|نشر|تحديث|في\s+\d|\d).*$/iu;

/** The author named by a byline line, or null when the line is not a byline. */
export function bylineAuthor(line: string): string | null {
  if (line.length > 120) return null;
  const m = BYLINE.exec(line.trim());
  if (!m) return null;
  const name = (m[1] ?? '').replace(NAME_END, '').trim();
  const words = name.split(/\s+/);
  // A name, not a sentence ("By the end of the day, ..."): Latin words are capitalised.
  const looksLikeName = words.every((w) => !/^[a-z]/.test(w) || /^(?:de|van|von|al|el|da|di|bin|ibn)$/.test(w));
  return name && words.length <= 6 && looksLikeName ? name : null;
}
