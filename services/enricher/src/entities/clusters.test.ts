import { describe, expect, it } from 'vitest';
import { buildClusters, clustersOf, wordClusters } from './clusters.js';
import { knowledgeBase } from './kb.js';
import { wordInfo } from './words.js';

describe('English word clusters', () => {
  const c = wordClusters();
  const coarse = (w: string): number | undefined => clustersOf(w, c)?.[0];

  it('has nested levels, coarse to fine', () => {
    expect(c.levels.length).toBeGreaterThanOrEqual(1);
    for (let l = 1; l < c.levels.length; l++) expect(c.levels[l]!).toBeGreaterThan(c.levels[l - 1]!);
    expect(c.byWord.size).toBeGreaterThan(20_000);
    const ids = clustersOf('london', c)!;
    expect(ids).toHaveLength(c.levels.length);
    ids.forEach((id, l) => expect(id).toBeLessThan(c.levels[l]!));
  });

  // Not 'paris' or 'london': GloVe's few hundred most frequent words stay close whatever they mean,
  // even centred, and share one coarse cluster with "the" and "said" (the words' own features and
  // the knowledge base cover those). Mid-frequency words, where clusters help, group by use.
  it('puts words used alike together: capitals with capitals, not with function words', () => {
    const capitals = ['berlin', 'rome', 'moscow', 'vienna', 'prague', 'warsaw', 'budapest', 'athens', 'lisbon', 'stockholm', 'madrid', 'cairo'];
    const functionWords = ['the', 'of', 'and', 'to', 'in', 'is', 'that', 'was', 'for', 'with'];
    let withCapitals = 0;
    let withFunctionWords = 0;
    for (const a of capitals) {
      for (const b of capitals) if (a !== b && coarse(a) === coarse(b)) withCapitals++;
      for (const b of functionWords) if (coarse(a) === coarse(b)) withFunctionWords++;
    }
    expect(withCapitals).toBeGreaterThan(capitals.length * (capitals.length - 1) * 0.5);
    expect(withFunctionWords).toBe(0);
    expect(clustersOf('berlin', c)).toEqual(clustersOf('vienna', c)); // same fine cluster too
    // Given names and surnames share a fine cluster, not the capitals' coarse one; so do companies.
    for (const name of ['michael', 'david', 'james', 'smith', 'jones']) expect(clustersOf(name, c)).toEqual(clustersOf('john', c));
    expect(coarse('john')).not.toBe(coarse('berlin'));
    expect(clustersOf('ibm', c)).toEqual(clustersOf('microsoft', c));
  });

  it('looks words up case-insensitively, and accents may be read off', () => {
    expect(clustersOf('Paris', c)).toEqual(clustersOf('paris', c));
    expect(clustersOf('PARIS', c)).toEqual(clustersOf('paris', c));
    expect(clustersOf('Paris', c)).toBeDefined();
  });

  it('gives unknown words no cluster', () => {
    expect(clustersOf('Xqzzvrtplk', c)).toBeUndefined();
    expect(clustersOf('', c)).toBeUndefined();
    expect(clustersOf('بوتين', c)).toBeUndefined();
  });

  it('reads the file shape', () => {
    const small = buildClusters({ version: 1, source: 't', words: 4, levels: [1, 2], parents: [[0, 0]], clusters: ['a b', 'c d'] });
    expect(clustersOf('B', small)).toEqual([0, 0]);
    expect(clustersOf('d', small)).toEqual([0, 1]);
    expect(clustersOf('e', small)).toBeUndefined();
  });

  it('are English word features only; Arabic words have none', () => {
    const kb = knowledgeBase();
    expect(wordInfo('Berlin', 'en', kb).clusters).toEqual(clustersOf('berlin', c)!.map((id) => id + 1));
    expect(wordInfo('Xqzzvrtplk', 'en', kb).clusters.every((id) => id === 0)).toBe(true);
    expect(wordInfo('بوتين', 'ar', kb).clusters).toHaveLength(0);
  });
});
