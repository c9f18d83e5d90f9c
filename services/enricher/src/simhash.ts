// SimHash fingerprints of article text, so that a story republished with small edits (a fixed
// typo, a new title, another URL) is recognised as the same story. Texts whose 64-bit
// fingerprints differ in at most MAX_DISTANCE bits are near-duplicates. Pure.

/** Below this many words a fingerprint says too little to fold two articles together. */
export const MIN_WORDS = 40;
export const MAX_DISTANCE = 3;
/** Four 16-bit bands: two fingerprints within 3 bits share at least one band exactly. */
export const BANDS = 4;

function hash32(text: string, seed: number): number {
  // FNV-1a over UTF-16 code units, with a seed so two independent halves make 64 bits.
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche (murmur3 fmix32): FNV's low bits alone are poorly mixed.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The fingerprint as 16 hex digits, or null for texts too short to fingerprint. */
export function simhash(text: string): string | null {
  const tokens = words(text);
  if (tokens.length < MIN_WORDS) return null;
  const counts = new Int32Array(64);
  for (let i = 0; i + 3 <= tokens.length; i++) {
    const shingle = `${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`;
    const halves = [hash32(shingle, 0), hash32(shingle, 0x9e3779b9)];
    for (let half = 0; half < 2; half++) {
      const value = halves[half]!;
      for (let bit = 0; bit < 32; bit++) counts[half * 32 + bit]! += (value >>> bit) & 1 ? 1 : -1;
    }
  }
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let digit = 0;
    for (let bit = 0; bit < 4; bit++) if (counts[nibble * 4 + bit]! > 0) digit |= 1 << bit;
    hex += digit.toString(16);
  }
  return hex;
}

export function hammingDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < a.length; i++) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    for (; x; x &= x - 1) distance++;
  }
  return distance;
}

/** The band keys under which a fingerprint is filed and looked up. */
export function bands(fingerprint: string): string[] {
  const size = fingerprint.length / BANDS;
  return Array.from({ length: BANDS }, (_, band) => `${band}:${fingerprint.slice(band * size, (band + 1) * size)}`);
}
