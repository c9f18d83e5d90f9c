// Text -> typed mentions with their tokens' normal forms and, when known, their canonical entity.
import type { Mention } from '../entities.js';
import { knowledgeBase } from './kb.js';
import { LABELS } from './perceptron.js';
import { nisbaCountry, resolveName } from './resolve.js';
import { splitSentences, tagSentence, type TaggedSpan } from './tagger.js';
import { tokenize, type Lang } from './tokenize.js';
import { C, type WordInfo } from './words.js';

export interface TokenMention {
  mention: Mention;
  norms: string[]; // normalised words of the mention, for linking
  entity: number; // knowledge-base entity index, or -1
  nisba?: boolean; // a nisba adjective standing for its country
}

/**
 * The text's mentions. With `nisba`, an Arabic nisba adjective outside any mention (لنظيره الأميركي)
 * is a mention of its country too: articles name countries that way as often as by name. The
 * benchmark does not annotate them, so findMentions leaves them out.
 */
export function findTokenMentions(text: string, lang: Lang, options: { nisba?: boolean } = {}): TokenMention[] {
  const kb = knowledgeBase();
  const out: TokenMention[] = [];
  for (const sentence of splitSentences(text, tokenize(text))) {
    const { analysis, spans } = tagSentence(sentence, lang);
    if (options.nisba && lang === 'ar') {
      spans.push(...nisbaSpans(analysis.words, spans));
      spans.sort((a, b) => a.start - b.start);
    }
    for (const span of spans) {
      const start = sentence[span.start]!.start;
      const end = sentence[span.end - 1]!.end;
      const norms = analysis.words.slice(span.start, span.end).map((w) => w.norm);
      const entity = span.nisba ? nisbaCountry(kb, norms[0]!) : resolveName(kb, norms, lang, span.type);
      const known = entity >= 0 ? kb.entities[entity]! : undefined;
      const surface = text.slice(start, end);
      // A span that is exactly a known person's name is a person (Erdogan, even where the tagger's
      // context suggests a place); places and organisations keep the tagger's reading of context.
      const exact = known?.type === 'PER' && LABELS[analysis.kbLabel[span.start]!] === 'B-PER' && !LABELS[analysis.kbLabel[span.end] ?? 0]!.startsWith('I-');
      const type = exact ? known.type : span.type;
      const mention: Mention = { start, end, type, text: surface, name: known?.name ?? surface };
      if (known) mention.id = known.id;
      out.push(span.nisba ? { mention, norms, entity, nisba: true } : { mention, norms, entity });
    }
  }
  return out;
}

function nisbaSpans(words: WordInfo[], spans: TaggedSpan[]): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  words.forEach((w, i) => {
    if (w.classes & C.NISBA && !spans.some((s) => s.start <= i && i < s.end)) out.push({ start: i, end: i + 1, type: 'LOC', nisba: true });
  });
  return out;
}
