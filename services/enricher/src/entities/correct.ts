// Knowledge-base corrections of the tagger's spans. The tagger sees knowledge-base matches only as
// features, so it can still cut a known name in pieces, run two known names together, or miss a
// known person's name in an unusual context; each rule here looks at whole matches only.
import type { SentenceAnalysis } from './features.js';
import type { TaggedSpan } from './tagger.js';
import type { Lang } from './tokenize.js';

export function correctWithKnowledgeBase(spans: TaggedSpan[], a: SentenceAnalysis, lang: Lang): TaggedSpan[] {
  const matches = a.kbMatches;
  if (matches.length === 0) return spans;
  return addMissedPeople(splitRunTogether(mergePieces(spans, matches), matches), matches, lang);
}

/**
 * When the tagger marks every word of a multi-word knowledge-base name as entity material but cuts
 * it in pieces (Recep/LOC + Tayyip Erdogan/PER), the name is one entity of the knowledge base's type.
 */
function mergePieces(spans: TaggedSpan[], matches: TaggedSpan[]): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  for (let i = 0; i < spans.length; i++) {
    const first = spans[i]!;
    const match = matches.find((m) => m.start === first.start && m.end - m.start >= 2);
    let j = i;
    let covered = first.end;
    while (match && covered < match.end && spans[j + 1]?.start === covered) covered = spans[++j]!.end;
    if (match && covered === match.end && j > i) {
      out.push({ ...match });
      i = j;
    } else out.push(first);
  }
  return out;
}

/** A span made of two or more whole known names back to back («بوتين دونالد ترامب») is split into them. */
function splitRunTogether(spans: TaggedSpan[], matches: TaggedSpan[]): TaggedSpan[] {
  return spans.flatMap((span) => {
    const inside = matches.filter((m) => m.start >= span.start && m.end <= span.end);
    if (inside.length < 2 || inside[0]!.start !== span.start || inside.at(-1)!.end !== span.end) return [span];
    for (let k = 1; k < inside.length; k++) if (inside[k]!.start !== inside[k - 1]!.end) return [span];
    return inside.map((m) => ({ ...m, type: m.type === 'PER' ? 'PER' : span.type }));
  });
}

/**
 * A known person's name the tagger left untagged is tagged anyway: people's names are rarely
 * ordinary words. English single words are left alone (May, Bush, Rice are words too).
 */
function addMissedPeople(spans: TaggedSpan[], matches: TaggedSpan[], lang: Lang): TaggedSpan[] {
  return addUncovered(spans, matches.filter((m) => m.type === 'PER' && (lang === 'ar' || m.end - m.start >= 2)));
}

/** The spans, with those of `extra` that overlap none of them added; in order of start. */
export function addUncovered(spans: TaggedSpan[], extra: TaggedSpan[]): TaggedSpan[] {
  const added = extra.filter((m) => !spans.some((s) => s.start < m.end && m.start < s.end));
  if (added.length === 0) return spans;
  return [...spans, ...added].sort((x, y) => x.start - y.start);
}
