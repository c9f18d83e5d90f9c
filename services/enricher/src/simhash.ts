// SimHash fingerprints of article text, so that a story republished with small edits (a fixed
// typo, a new title, another URL) is recognised as the same story. Texts whose 64-bit
// fingerprints differ in at most MAX_DISTANCE bits are near-duplicates. Pure.
import { hashString } from './entities/hashing.js';

/** Below this many words a fingerprint says too little to fold two articles together. */
const MIN_WORDS = 40;
export const MAX_DISTANCE = 3;
/** Four 16-bit bands: two fingerprints within 3 bits share at least one band exactly. */
export const BANDS = 4;

function fmix32(value: number): number {
  // murmur3's finaliser: every input bit affects every output bit.
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a over the word's UTF-16 code units (the tagger's hashString, unseeded), then mixed. */
function hashWord(word: string): number {
  return fmix32(hashString(0, word));
}

/** A 32-bit hash of the shingle (a, b, c) of word hashes, different for each seed. */
function hashShingle(a: number, b: number, c: number, seed: number): number {
  return fmix32(Math.imul(fmix32(Math.imul(a ^ seed, 0x9e3779b1) ^ b), 0x85ebca77) ^ c);
}

function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Adds x to 32 counters at once, one per bit of x, kept "vertically": planes[p] holds bit p of
 * every counter. A ripple-carry add touches two planes on average, where a loop over the 32 bits
 * of every shingle cost about 0.3 ms per article.
 */
function addBits(planes: Int32Array, x: number): void {
  for (let p = 0; x !== 0; p++) {
    const carry = planes[p]! & x;
    planes[p]! ^= x;
    x = carry;
  }
}

/** Counter `bit` of the vertical counters, whose values are below 2 ** planes. */
function countOf(planes: Int32Array, used: number, bit: number): number {
  let count = 0;
  for (let p = 0; p < used; p++) count |= ((planes[p]! >>> bit) & 1) << p;
  return count;
}

/** The fingerprint as 16 hex digits, or null for texts too short to fingerprint. */
export function simhash(text: string): string | null {
  const tokens = words(text);
  if (tokens.length < MIN_WORDS) return null;
  const hashes = tokens.map(hashWord);
  const shingles = hashes.length - 2;
  // Per fingerprint bit, how many shingles have it set; 31 planes count far beyond any text.
  const low = new Int32Array(31);
  const high = new Int32Array(31);
  for (let i = 0; i < shingles; i++) {
    const a = hashes[i]!;
    const b = hashes[i + 1]!;
    const c = hashes[i + 2]!;
    addBits(low, hashShingle(a, b, c, 0));
    addBits(high, hashShingle(a, b, c, 0x9e3779b9));
  }
  // A bit is set when more than half the shingles set it. No counter exceeds `shingles`, so the
  // planes above its highest bit are empty.
  const used = 32 - Math.clz32(shingles);
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    const planes = nibble < 8 ? low : high;
    let digit = 0;
    for (let bit = 0; bit < 4; bit++) if (2 * countOf(planes, used, (nibble % 8) * 4 + bit) > shingles) digit |= 1 << bit;
    hex += digit.toString(16);
  }
  return hex;
}

/**
 * The band keys under which a fingerprint is filed and looked up. The near-duplicate script
 * (near-duplicates.ts) rebuilds them in Lua to unfile a story; test/near-duplicates.test.ts checks
 * that the two agree.
 */
export function bands(fingerprint: string): string[] {
  const size = fingerprint.length / BANDS;
  return Array.from({ length: BANDS }, (_, band) => `${band}:${fingerprint.slice(band * size, (band + 1) * size)}`);
}
