// Token features for the sequence tagger, shared by training (scripts/train-ner.mjs) and tagging, so
// the two can never drift apart. A token's features are its word's own features (words.ts, cached
// per distinct word) plus context features computed here from integer ids of its neighbours.
import { mix, T } from './hashing.js';
import { knowledgeBase, matchKnowledgeBase, type KnowledgeBase } from './kb.js';
import { LABELS } from './perceptron.js';
import type { TaggedSpan } from './tagger.js';
import type { Lang, Token } from './tokenize.js';
import { C, wordInfo, type WordInfo } from './words.js';

/** What the tagger knows about a sentence besides its tokens; the linker reuses it. */
export interface SentenceAnalysis {
  tokens: Token[];
  words: WordInfo[];
  kbLabel: Uint8Array; // LABELS index of the knowledge-base match over the token (B-LOC, I-PER...), 0 = none
  kbEntity: Int32Array; // knowledge-base entity index of the match covering the token, or -1
  kbLength: Uint8Array; // words in that match
  kbMatches: TaggedSpan[]; // the knowledge-base matches themselves, in order, typed by their entity
  capRun: Uint8Array; // English: length of the run of capitalised words the token is in, 0 if lower case
}

const LABEL_INDEX = new Map<string, number>(LABELS.map((l, i) => [l, i]));

export function analyse(tokens: Token[], lang: Lang, kb: KnowledgeBase = knowledgeBase()): SentenceAnalysis {
  const n = tokens.length;
  const words = new Array<WordInfo>(n);
  for (let i = 0; i < n; i++) words[i] = wordInfo(tokens[i]!.text, lang, kb);
  const kbLabel = new Uint8Array(n);
  const kbEntity = new Int32Array(n).fill(-1);
  const kbLength = new Uint8Array(n);
  const kbMatches: TaggedSpan[] = [];
  for (const m of matchKnowledgeBase(kb, words, lang)) {
    const type = kb.entities[m.entity]!.type;
    kbMatches.push({ start: m.start, end: m.end, type });
    for (let k = m.start; k < m.end; k++) {
      kbLabel[k] = LABEL_INDEX.get((k === m.start ? 'B-' : 'I-') + type)!;
      kbEntity[k] = m.entity;
      kbLength[k] = Math.min(m.end - m.start, 255);
    }
  }
  const capRun = new Uint8Array(n);
  if (lang === 'en') {
    for (let i = 0; i < n; ) {
      let j = i;
      while (j < n && words[j]!.capital) j++;
      for (let k = i; k < j; k++) capRun[k] = Math.min(j - i, 255);
      i = j > i ? j : i + 1;
    }
  }
  return { tokens, words, kbLabel, kbEntity, kbLength, kbMatches, capRun };
}

const OUTSIDE_ID = 0x5f3759df; // the word, stem and shape id of positions before/after the sentence
const OUTSIDE_KB = LABELS.length;

/** The offsets of the neighbours whose own features a token sees. */
export const NEIGHBOUR_OFFSETS = [-2, -1, 1, 2] as const;

/**
 * Writes the features a token gets from the word at offset `off` (one of NEIGHBOUR_OFFSETS) that
 * depend on that word alone, from out[c]; returns the new count. They are the same wherever the
 * word occurs, so the tagger sums their weights once per word and offset (see tagger.ts).
 */
export function neighbourFeatures(v: WordInfo, off: number, lang: Lang, out: Uint32Array, c: number): number {
  const at = off + 2;
  out[c++] = mix(T.WORD_AT + at, v.id);
  if (off === -1 || off === 1) {
    out[c++] = lang === 'ar' ? mix(T.STEM_AT + at, v.stemId) : mix(T.SHAPE_AT + at, v.shapeId);
    // Its affixes (an Arabic verb or accusative ending right after a name ends it) and the types
    // of knowledge-base names it occurs in.
    out[c++] = mix(T.AFFIX_AT + at, v.affixId);
    if (v.kbTypes) out[c++] = mix(T.KB_WORD_AT + at, v.kbTypes);
  }
  // Its word-list classes, one feature per class bit (a title before, an organisation head word after).
  for (let rest = v.classes; rest; ) {
    const bit = rest & -rest; // lowest set bit
    out[c++] = mix(T.CLASS_AT + at, bit);
    rest ^= bit;
  }
  // Its word clusters at every level ("in <city-like word>", "<X> told reporters"), which carry
  // over to context words never seen in training.
  if (lang === 'en') for (let level = 0; level < v.clusters.length; level++) out[c++] = mix(T.CLUSTER_AT + 5 * level + at, v.clusters[level]!);
  return c;
}

/**
 * Writes token i's context features that do not come from one neighbour alone (pairs and windows
 * of words, knowledge-base matches, and the sentence edges standing in for missing neighbours),
 * from out[0]; returns how many.
 */
export function tokenContextFeatures(a: SentenceAnalysis, lang: Lang, i: number, out: Uint32Array): number {
  const words = a.words;
  const n = words.length;
  const w = words[i]!;
  const id = (k: number): number => (k < 0 || k >= n ? OUTSIDE_ID - k : words[k]!.id);
  const kbAt = (k: number): number => (k < 0 || k >= n ? OUTSIDE_KB : a.kbLabel[k]!);
  let c = 0;
  // Beyond the sentence's edges: the neighbour's word (and stem or shape) features, with an
  // outside id in place of the word's.
  for (const off of NEIGHBOUR_OFFSETS) {
    const k = i + off;
    if (k >= 0 && k < n) continue;
    out[c++] = mix(T.WORD_AT + off + 2, OUTSIDE_ID - k);
    if (off === -1 || off === 1) out[c++] = mix((lang === 'ar' ? T.STEM_AT : T.SHAPE_AT) + off + 2, OUTSIDE_ID - k);
  }
  out[c++] = mix(mix(T.WORD_BIGRAM_LEFT, id(i - 1)), w.id);
  out[c++] = mix(mix(T.WORD_BIGRAM_RIGHT, w.id), id(i + 1));
  if (lang === 'ar') {
    const stem = (k: number): number => (k < 0 || k >= n ? OUTSIDE_ID - k : words[k]!.stemId);
    out[c++] = mix(mix(T.STEM_BIGRAM_LEFT, stem(i - 1)), w.stemId);
    out[c++] = mix(mix(T.STEM_BIGRAM_RIGHT, w.stemId), stem(i + 1));
  } else {
    const shape = (k: number): number => (k < 0 || k >= n ? OUTSIDE_ID - k : words[k]!.shapeId);
    const first = i === 0 || (words[i - 1]!.classes & C.BOUNDARY) !== 0;
    out[c++] = mix(mix(mix(T.SHAPE_TRIGRAM, shape(i - 1)), w.shapeId), shape(i + 1));
    out[c++] = mix(mix(T.POSITION_SHAPE, first ? 1 : 0), w.shapeId);
    if (first) out[c++] = mix(T.FIRST_WORD, w.id);
    if (w.capital) {
      // The word before a capitalised word, with its case: "in X", "Mr X", "by X", "of X".
      out[c++] = mix(mix(T.PREVIOUS_WORD_CAPITAL, id(i - 1)), 1);
      out[c++] = mix(mix(T.NEXT_WORD_CAPITAL, id(i + 1)), 1);
    }
    const run = a.capRun[i]!;
    if (run) out[c++] = mix(mix(T.CAP_RUN, Math.min(run, 5)), first ? 1 : 0);
  }
  const kb = kbAt(i);
  out[c++] = mix(T.KB_AT + 1, kbAt(i - 1));
  out[c++] = mix(T.KB_AT + 2, kb);
  out[c++] = mix(T.KB_AT + 3, kbAt(i + 1));
  out[c++] = mix(mix(mix(T.KB_TRIGRAM, kbAt(i - 1)), kb), kbAt(i + 1));
  if (kb) out[c++] = mix(mix(T.KB_LENGTH, kb), Math.min(a.kbLength[i]!, 4));
  // Word-list classes of a wider window on each side.
  let left = 0;
  let right = 0;
  for (let k = Math.max(0, i - 4); k < i; k++) left |= words[k]!.classes;
  for (let k = i + 1; k < Math.min(n, i + 4); k++) right |= words[k]!.classes;
  for (let bit = 1; bit <= C.GIVEN; bit <<= 1) {
    if (left & bit) out[c++] = mix(T.CLASS_WINDOW, bit);
    if (right & bit) out[c++] = mix(T.CLASS_WINDOW, bit << 8);
  }
  return c;
}

/**
 * Writes token i's context features into `out` (at least MAX_CONTEXT long) and returns how many.
 * Together with words[i].own they are all the token's features.
 */
export function contextFeatures(a: SentenceAnalysis, lang: Lang, i: number, out: Uint32Array): number {
  let c = tokenContextFeatures(a, lang, i, out);
  for (const off of NEIGHBOUR_OFFSETS) {
    const k = i + off;
    if (k >= 0 && k < a.words.length) c = neighbourFeatures(a.words[k]!, off, lang, out, c);
  }
  return c;
}

/** Upper bound of contextFeatures' count: 30 fixed, 4 neighbours × 16 class bits, 8 window bits, 4 neighbours × 4 cluster levels. */
export const MAX_CONTEXT = 30 + 4 * 16 + 8 + 4 * 4;

/** All hashed features of every token (own + context), for training. */
export function sentenceFeatures(a: SentenceAnalysis, lang: Lang): Uint32Array[] {
  const buffer = new Uint32Array(MAX_CONTEXT);
  return a.words.map((w, i) => {
    const count = contextFeatures(a, lang, i, buffer);
    const all = new Uint32Array(w.own.length + count);
    all.set(w.own);
    all.set(buffer.subarray(0, count), w.own.length);
    return all;
  });
}
