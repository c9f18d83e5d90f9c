// Feature hashing without strings: a feature is its template's number mixed with one or two
// integer values (a word's hash, a shape's hash, a label code). Strings are hashed once per distinct
// word (see words.ts), never per token. Training and tagging share these functions, so changing a
// template number or the mixing changes the model: retrain after any edit here.

/** Template numbers. Prefix/suffix templates take PREFIX + k / SUFFIX + k for k = 1..4. */
export const T = {
  BIAS: 1,
  WORD: 2,
  SHAPE: 3,
  PREFIX: 10,
  SUFFIX: 20,
  LENGTH: 30,
  CLASS: 31,
  STEM: 32,
  CLITICS: 33,
  CASED_SUFFIX: 34,
  ALL_CAPS: 35,
  CLUSTER: 40, // + level (English word clusters, coarse to fine), mixed with the cluster + 1 (0: none)
  CLUSTER_CASED: 45, // + level, the cluster mixed with the word's capitalisation
  // context templates: their values come from the neighbours
  WORD_AT: 100, // + offset + 2, offsets -2..2
  STEM_AT: 110,
  SHAPE_AT: 120,
  KB_AT: 130,
  CLASS_AT: 140, // + offset + 2, mixed with one class bit
  WORD_BIGRAM_LEFT: 150,
  WORD_BIGRAM_RIGHT: 151,
  STEM_BIGRAM_LEFT: 152,
  STEM_BIGRAM_RIGHT: 153,
  SHAPE_TRIGRAM: 154,
  KB_TRIGRAM: 155,
  POSITION_SHAPE: 156,
  FIRST_WORD: 157,
  KB_WORD: 158,
  // 159 is retired (an unused template): do not reuse it while models trained with it exist.
  CAP_RUN: 160,
  CLASS_WINDOW: 161,
  KB_LENGTH: 162,
  AFFIX_AT: 170,
  KB_WORD_AT: 180,
  PREVIOUS_WORD_CAPITAL: 190,
  NEXT_WORD_CAPITAL: 191,
  CLUSTER_AT: 200, // + 5 × level + offset + 2, mixed with the neighbour's cluster + 1 (0: none)
} as const;

/** Mixes a template (or an earlier mix) with a 32-bit value; murmur3's finaliser. */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a over a string, seeded with a template number. */
export function hashString(seed: number, s: string): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x01000193)) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
