// The statistical tagger: tokens -> sentences -> BIO labels -> typed token spans. Weights come from
// data/ner-<lang>.bin.gz (written by scripts/train-ner.mjs) and are loaded once per process.
import { readFileSync } from 'node:fs';
import { correctWithKnowledgeBase } from './correct.js';
import { dataFileUrl } from './data-files.js';
import { analyse, MAX_CONTEXT, NEIGHBOUR_OFFSETS, neighbourFeatures, tokenContextFeatures, type SentenceAnalysis } from './features.js';
import { knowledgeBase } from './kb.js';
import { addFeatureWeights, bestPath, decodeWeights, LABEL_COUNT, LABELS, rowOf, type Weights } from './perceptron.js';
import type { Lang, Token } from './tokenize.js';
import { clearWordCache, type WordInfo } from './words.js';
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
  return dataFileUrl(`ner-${lang}.bin.gz`);
}

/** Replaces a language's weights in this process (cross-validation scores models it has not saved). */
export function useWeights(lang: Lang, w: Weights): void {
  weightsByLang.set(lang, w);
  clearWordCache();
}

export function weights(lang: Lang): Weights {
  let w = weightsByLang.get(lang);
  if (!w) {
    w = decodeWeights(readFileSync(weightsPath(lang)));
    weightsByLang.set(lang, w);
  }
  return w;
}

/** Tags one sentence's tokens. */
export function tagSentence(tokens: Token[], lang: Lang, kb = knowledgeBase()): TaggedSentence {
  const analysis = analyse(tokens, lang, kb);
  return { analysis, spans: correctWithKnowledgeBase(labelsToSpans(tagLabels(analysis, lang)), analysis, lang) };
}

/** The model's best label (an index of LABELS) for every token of an analysed sentence. */
export function tagLabels(analysis: SentenceAnalysis, lang: Lang): number[] {
  const w = weights(lang);
  return bestPath(emissions(analysis, lang, w), w.transitions, analysis.words.length);
}

/** The model's score of every label for every token (token * LABEL_COUNT + label), as a copy. */
export function emissionScores(analysis: SentenceAnalysis, lang: Lang): Float32Array {
  return emissions(analysis, lang, weights(lang)).slice(0, analysis.words.length * LABEL_COUNT);
}

let emit = new Float32Array(128 * LABEL_COUNT);
const context = new Uint32Array(MAX_CONTEXT);

if (LABEL_COUNT !== 9) throw new Error('emissions() keeps one local per label: update it with LABELS');

// Emission scores. What depends on one word alone is summed once per distinct word and kept with
// it: its own features, and what it adds to each neighbour at each offset. Per token, only the
// features of word pairs, windows and knowledge-base matches are looked up. (The sums are the
// same as adding every feature of contextFeatures() one by one, as training does.)
//
// A token's nine scores are summed in locals, each rounded to float32 after every addition as
// storing into a Float32Array rounds it, so the scores are bit for bit those of adding into
// `emit`; the locals stay in registers, which made tagging a quarter faster.
function emissions(a: SentenceAnalysis, lang: Lang, w: Weights): Float32Array {
  const n = a.words.length;
  if (emit.length < n * LABEL_COUNT) emit = new Float32Array(n * LABEL_COUNT * 2);
  const { values } = w;
  const f32 = Math.fround;
  for (let i = 0; i < n; i++) {
    const word = a.words[i]!;
    if (!word.emission) {
      word.emission = new Float32Array(LABEL_COUNT);
      addFeatureWeights(w, word.own, word.own.length, word.emission, 0);
    }
    const own = word.emission;
    let s0 = own[0]!, s1 = own[1]!, s2 = own[2]!, s3 = own[3]!, s4 = own[4]!, s5 = own[5]!, s6 = own[6]!, s7 = own[7]!, s8 = own[8]!;
    const count = tokenContextFeatures(a, lang, i, context);
    for (let k = 0; k < count; k++) {
      const row = rowOf(w, context[k]!);
      if (row < 0) continue;
      const v = row * LABEL_COUNT;
      s0 = f32(s0 + values[v]!); s1 = f32(s1 + values[v + 1]!); s2 = f32(s2 + values[v + 2]!);
      s3 = f32(s3 + values[v + 3]!); s4 = f32(s4 + values[v + 4]!); s5 = f32(s5 + values[v + 5]!);
      s6 = f32(s6 + values[v + 6]!); s7 = f32(s7 + values[v + 7]!); s8 = f32(s8 + values[v + 8]!);
    }
    for (let o = 0; o < NEIGHBOUR_OFFSETS.length; o++) {
      const k = i + NEIGHBOUR_OFFSETS[o]!;
      if (k < 0 || k >= n) continue;
      const sums = neighbourEmission(a.words[k]!, o, lang, w);
      const v = o * LABEL_COUNT;
      s0 = f32(s0 + sums[v]!); s1 = f32(s1 + sums[v + 1]!); s2 = f32(s2 + sums[v + 2]!);
      s3 = f32(s3 + sums[v + 3]!); s4 = f32(s4 + sums[v + 4]!); s5 = f32(s5 + sums[v + 5]!);
      s6 = f32(s6 + sums[v + 6]!); s7 = f32(s7 + sums[v + 7]!); s8 = f32(s8 + sums[v + 8]!);
    }
    const at = i * LABEL_COUNT;
    emit[at] = s0; emit[at + 1] = s1; emit[at + 2] = s2;
    emit[at + 3] = s3; emit[at + 4] = s4; emit[at + 5] = s5;
    emit[at + 6] = s6; emit[at + 7] = s7; emit[at + 8] = s8;
  }
  return emit;
}

const neighbourBuffer = new Uint32Array(MAX_CONTEXT);

/**
 * What a word adds to a token's scores as its neighbour at NEIGHBOUR_OFFSETS[o], summed on first
 * need per offset (a word seen once is summed no more often than without the cache).
 */
function neighbourEmission(word: WordInfo, o: number, lang: Lang, w: Weights): Float32Array {
  word.asNeighbour ??= { sums: new Float32Array(NEIGHBOUR_OFFSETS.length * LABEL_COUNT), done: 0 };
  const cache = word.asNeighbour;
  if (!(cache.done & (1 << o))) {
    addFeatureWeights(w, neighbourBuffer, neighbourFeatures(word, NEIGHBOUR_OFFSETS[o]!, lang, neighbourBuffer, 0), cache.sums, o * LABEL_COUNT);
    cache.done |= 1 << o;
  }
  return cache.sums;
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
