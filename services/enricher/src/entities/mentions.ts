// Text -> typed mentions with their tokens' normal forms and, when known, their canonical entity.
import type { Mention } from '../entities.js';
import { harmoniseTypes } from './consistency.js';
import { addUncovered } from './correct.js';
import type { SentenceAnalysis } from './features.js';
import { knowledgeBase, type KnowledgeBase } from './kb.js';
import { ORG_SUFFIXES } from './lexicon.js';
import { LABELS } from './perceptron.js';
import { nisbaCountry, resolveName } from './resolve.js';
import { splitSentences, tagSentence, type TaggedSpan } from './tagger.js';
import { tokenize, type Lang } from './tokenize.js';
import type { EntityType } from './types.js';
import { C, type WordInfo } from './words.js';

export interface TokenMention {
  mention: Mention;
  norms: string[]; // normalised words of the mention, for linking
  entity: number; // knowledge-base entity index, or -1
  nisba?: boolean; // a nisba adjective standing for its country
}

/**
 * The text's mentions. For an article (`options.article`) two more kinds count, which the
 * benchmark does not annotate and findMentions therefore leaves out: an Arabic nisba adjective
 * outside any mention (لنظيره الأميركي) as a mention of its country, since articles name countries
 * that way as often as by name; and a knowledge-base name of two or more words the tagger left
 * untagged (المعارضة السورية), since such names are specific enough to stand on their own.
 */
export function findTokenMentions(text: string, lang: Lang, options: { article?: boolean } = {}): TokenMention[] {
  const kb = knowledgeBase();
  const out: TokenMention[] = [];
  for (const sentence of splitSentences(text, tokenize(text))) {
    const tagged = tagSentence(sentence, lang, kb);
    const { analysis } = tagged;
    let { spans } = tagged;
    if (options.article) {
      spans = addUncovered(spans, analysis.kbMatches.filter((m) => m.end - m.start >= 2));
      if (lang === 'ar') spans = addUncovered(spans, nisbaSpans(analysis.words));
    }
    for (const span of spans) {
      const start = sentence[span.start]!.start;
      const end = sentence[span.end - 1]!.end;
      const norms = analysis.words.slice(span.start, span.end).map((w) => w.norm);
      const entity = span.nisba ? nisbaCountry(kb, norms[0]!) : resolveName(kb, norms, lang, span.type);
      const known = entity >= 0 ? kb.entities[entity]! : undefined;
      const surface = text.slice(start, end);
      const type = span.nisba ? span.type : (knowledgeBaseType(kb, analysis, span) ?? organisationBySuffix(lang, norms) ?? span.type);
      const mention: Mention = { start, end, type, text: surface, name: known?.name ?? surface };
      if (known) mention.id = known.id;
      out.push(span.nisba ? { mention, norms, entity, nisba: true } : { mention, norms, entity });
    }
  }
  harmoniseTypes(out);
  return out;
}

/**
 * The type a span has whatever its sentence suggests, when it is exactly one knowledge-base name: a
 * person (Erdogan, even where the context reads like a place), an organisation (Microsoft, NATO), or
 * a country. Other places keep the tagger's reading, since a city's name also names its teams and
 * its councils ("Chicago beat Boston").
 */
function knowledgeBaseType(kb: KnowledgeBase, a: SentenceAnalysis, span: TaggedSpan): EntityType | undefined {
  if (!LABELS[a.kbLabel[span.start]!]!.startsWith('B-') || a.kbLength[span.start] !== span.end - span.start) return undefined;
  const entity = a.kbEntity[span.start]!;
  const type = kb.entities[entity]!.type;
  return type === 'PER' || type === 'ORG' || kb.countries.has(entity) ? type : undefined;
}

/** ORG for an English name of two or more words ending in an organisation's head word. */
function organisationBySuffix(lang: Lang, norms: string[]): EntityType | undefined {
  return lang === 'en' && norms.length >= 2 && ORG_SUFFIXES.has(norms.at(-1)!.replace(/\.$/, '')) ? 'ORG' : undefined;
}

function nisbaSpans(words: WordInfo[]): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  words.forEach((w, i) => {
    if (w.classes & C.NISBA) out.push({ start: i, end: i + 1, type: 'LOC', nisba: true });
  });
  return out;
}
