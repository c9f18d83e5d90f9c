import { describe, expect, it } from 'vitest';
import { bands, MAX_DISTANCE, simhash } from './simhash.js';

/** Bits in which two hex fingerprints differ (the near-duplicate registry's Lua script counts the same). */
function hammingDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < a.length; i++) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    for (; x; x &= x - 1) distance++;
  }
  return distance;
}

const story = Array.from({ length: 12 }, (_, i) =>
  `Paragraph ${i}: the president met the foreign minister in Geneva to discuss a ceasefire, according to officials who spoke on condition of anonymity about round ${i} of the talks.`,
).join('\n');

describe('simhash', () => {
  it('gives near-identical texts near-identical fingerprints', () => {
    const edited = story.replace('ceasefire', 'cease-fire').replace('officials', 'diplomats');
    const a = simhash(story)!;
    const b = simhash(edited)!;
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(a, b)).toBeLessThanOrEqual(MAX_DISTANCE);
  });

  it('keeps different stories far apart', () => {
    const other = Array.from({ length: 12 }, (_, i) => `Section ${i}: shares in the mining company fell sharply on Tuesday after it cut its forecast for copper output in ${2000 + i}.`).join('\n');
    expect(hammingDistance(simhash(story)!, simhash(other)!)).toBeGreaterThan(10);
  });

  it('does not fingerprint texts too short to compare', () => {
    expect(simhash('A short brief of a few words.')).toBeNull();
  });

  it('files a fingerprint under bands that two close fingerprints share', () => {
    const a = simhash(story)!;
    const b = simhash(story.replace('Geneva', 'Vienna'))!;
    expect(bands(a)).toHaveLength(4);
    expect(bands(a).some((band) => bands(b).includes(band))).toBe(true);
  });
});
