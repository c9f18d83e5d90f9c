// Text -> typed mentions with their tokens' normal forms and, when known, their canonical entity.
import type { Mention } from '../entities.js';
import { knowledgeBase } from './kb.js';
import { LABELS } from './perceptron.js';
import { resolveName } from './resolve.js';
import { splitSentences, tagSentence } from './tagger.js';
import { tokenize, type Lang } from './tokenize.js';

export interface TokenMention {
  mention: Mention;
  norms: string[]; // normalised words of the mention, for linking
  entity: number; // knowledge-base entity index, or -1
}

export function findTokenMentions(text: string, lang: Lang): TokenMention[] {
  const kb = knowledgeBase();
  const out: TokenMention[] = [];
  for (const sentence of splitSentences(text, tokenize(text))) {
    const { analysis, spans } = tagSentence(sentence, lang);
    for (const span of spans) {
      const start = sentence[span.start]!.start;
      const end = sentence[span.end - 1]!.end;
      const norms = analysis.words.slice(span.start, span.end).map((w) => w.norm);
      const entity = resolveName(kb, norms, lang, span.type);
      const known = entity >= 0 ? kb.entities[entity]! : undefined;
      const surface = text.slice(start, end);
      // A span that is exactly a known person's name is a person (Erdogan, even where the tagger's
      // context suggests a place); places and organisations keep the tagger's reading of context.
      const exact = known?.type === 'PER' && LABELS[analysis.kbLabel[span.start]!] === 'B-PER' && !LABELS[analysis.kbLabel[span.end] ?? 0]!.startsWith('I-');
      const type = exact ? known.type : span.type;
      const mention: Mention = { start, end, type, text: surface, name: known?.name ?? surface };
      if (known) mention.id = known.id;
      out.push({ mention, norms, entity });
    }
  }
  return out;
}
