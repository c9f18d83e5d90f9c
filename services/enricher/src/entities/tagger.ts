// The statistical tagger: tokens -> sentences -> BIO labels -> typed token spans. Weights come from
// data/ner-<lang>.bin.gz (written by scripts/train-ner.mjs) and are loaded once per process.
import { readFileSync } from 'node:fs';
import { correctWithKnowledgeBase } from './correct.js';
import { analyse, contextFeatures, MAX_CONTEXT, type SentenceAnalysis } from './features.js';
import { knowledgeBase } from './kb.js';
import { addFeatureWeights, bestPath, decodeWeights, LABEL_COUNT, LABELS, type Weights } from './perceptron.js';
import type { Lang, Token } from './tokenize.js';
import { clearWordCache } from './words.js';
import type { EntityType } from './types.js';

export interface TaggedSpan {
  start: number; // token index within the sentence
  end: number; // exclusive
  type: EntityType;
  nisba?: boolean; // a nisba adjective standing for its country, not a tagged name
}

export interface TaggedSentence {
  analysis: SentenceAnalysis;
  spans: TaggedSpan[];
}

const weightsByLang = new Map<Lang, Weights>();

export function weightsPath(lang: Lang): URL {
  return new URL(`../../data/ner-${lang}.bin.gz`, import.meta.url);
}

/** Replaces a language's weights in this process (cross-validation scores models it has not saved). */
export function useWeights(lang: Lang, w: Weights): void {
  weightsByLang.set(lang, w);
  clearWordCache();
}

function weights(lang: Lang): Weights {
  let w = weightsByLang.get(lang);
  if (!w) {
    w = decodeWeights(readFileSync(weightsPath(lang)));
    weightsByLang.set(lang, w);
  }
  return w;
}

/** Tags one sentence's tokens. */
export function tagSentence(tokens: Token[], lang: Lang): TaggedSentence {
  const kb = knowledgeBase();
  const analysis = analyse(tokens, lang, kb);
  const labels = bestPath(emissions(analysis, lang, weights(lang)), weights(lang).transitions, tokens.length);
  return { analysis, spans: correctWithKnowledgeBase(labelsToSpans(labels), analysis, lang) };
}

let emit = new Float32Array(128 * LABEL_COUNT);
const context = new Uint32Array(MAX_CONTEXT);

// Emission scores: a word's own features are summed once per distinct word (and kept with the
// word), only the context features are looked up per token.
function emissions(a: SentenceAnalysis, lang: Lang, w: Weights): Float32Array {
  const n = a.words.length;
  if (emit.length < n * LABEL_COUNT) emit = new Float32Array(n * LABEL_COUNT * 2);
  for (let i = 0; i < n; i++) {
    const word = a.words[i]!;
    if (!word.emission) {
      word.emission = new Float32Array(LABEL_COUNT);
      addFeatureWeights(w, word.own, word.own.length, word.emission, 0);
    }
    emit.set(word.emission, i * LABEL_COUNT);
    addFeatureWeights(w, context, contextFeatures(a, lang, i, context), emit, i * LABEL_COUNT);
  }
  return emit;
}

export function labelsToSpans(labels: number[]): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  let open: TaggedSpan | undefined;
  labels.forEach((index, i) => {
    const label = LABELS[index]!;
    if (label === 'O' || label.startsWith('B-') || !open || open.type !== label.slice(2)) {
      if (open) spans.push(open);
      open = label === 'O' ? undefined : { start: i, end: i + 1, type: label.slice(2) as EntityType };
    } else open.end = i + 1;
  });
  if (open) spans.push(open);
  return spans;
}

const SENTENCE_END = new Set(['.', '!', '?', '؟', '…']);
const MAX_SENTENCE = 120;

/** Splits a text's tokens into sentences: after . ! ? ؟, at line breaks, and every 120 tokens. */
export function splitSentences(text: string, tokens: Token[]): Token[][] {
  const sentences: Token[][] = [];
  let current: Token[] = [];
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    current.push(token);
    const lineBreak = next !== undefined && text.slice(token.end, next.start).includes('\n');
    if (SENTENCE_END.has(token.text) || lineBreak || current.length >= MAX_SENTENCE) {
      sentences.push(current);
      current = [];
    }
  });
  if (current.length) sentences.push(current);
  return sentences;
}
