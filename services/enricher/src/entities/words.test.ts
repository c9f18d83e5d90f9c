import { describe, expect, it } from 'vitest';
import { analyse, contextFeatures, MAX_CONTEXT, sentenceFeatures } from './features.js';
import { hashString, mix } from './hashing.js';
import { knowledgeBase } from './kb.js';
import { tokenize } from './tokenize.js';
import { C, shape, wordInfo } from './words.js';

describe('word descriptions', () => {
  const kb = knowledgeBase();
  it('are computed once per word and language', () => {
    expect(wordInfo('وبالعراق', 'ar', kb)).toBe(wordInfo('وبالعراق', 'ar', kb));
    expect(wordInfo('Iraq', 'en', kb)).not.toBe(wordInfo('Iraq', 'ar', kb));
  });
  it('read clitics off for the stem and the knowledge-base readings', () => {
    const w = wordInfo('وبالعراق', 'ar', kb);
    expect(w.stem).toBe('عراق');
    expect(w.heads).toContain('العراق');
    expect(w.classes & C.KB_FIRST).toBeTruthy();
  });
  it('know titles, given names and nisba adjectives', () => {
    expect(wordInfo('الرئيس', 'ar', kb).classes & C.TITLE).toBeTruthy();
    expect(wordInfo('President', 'en', kb).classes & C.TITLE).toBeTruthy();
    expect(wordInfo('Jennifer', 'en', kb).classes & C.GIVEN).toBeTruthy();
    expect(wordInfo('والروسية', 'ar', kb).classes & C.NISBA).toBeTruthy();
    // Bare nisbas whose first letter looks like a clitic, and li + al- + a lam-initial one.
    for (const word of ['لبناني', 'فرنسي', 'بريطاني', 'كويتي', 'للبناني']) expect(wordInfo(word, 'ar', kb).classes & C.NISBA, word).toBeTruthy();
    expect(wordInfo('كتاب', 'ar', kb).classes & C.NISBA).toBe(0);
    expect(wordInfo('table', 'en', kb).classes & (C.TITLE | C.GIVEN | C.SURNAME | C.KB_FIRST)).toBe(0);
  });
  it('know English dictionary words, so a capitalised ordinary word can be told from a name', () => {
    expect(wordInfo('The', 'en', kb).classes & C.FREQUENT_WORD).toBeTruthy();
    expect(wordInfo('abacus', 'en', kb).classes & C.DICTIONARY_WORD).toBeTruthy();
    expect(wordInfo('Hitzig', 'en', kb).classes & (C.FREQUENT_WORD | C.DICTIONARY_WORD)).toBe(0);
  });
  it('compress shapes', () => {
    expect(shape('Putin')).toBe('Xx');
    expect(shape('U.S.')).toBe('X.X.');
    expect(shape('2017')).toBe('d');
    expect(shape('al-Assad')).toBe('x-Xx');
  });
});

describe('features', () => {
  it('hash without collisions between templates or values in a small sample', () => {
    const seen = new Set<number>();
    for (let t = 0; t < 200; t++) for (let v = 0; v < 200; v++) seen.add(mix(t, v));
    expect(seen.size).toBe(40_000);
    expect(hashString(1, 'ab')).not.toBe(hashString(2, 'ab'));
  });
  it('depend on the neighbours, and are the same in training and tagging', () => {
    const kb = knowledgeBase();
    const a = analyse(tokenize('President Putin met Erdogan in Sochi .'), 'en', kb);
    const b = analyse(tokenize('Mr Putin met Erdogan in Sochi .'), 'en', kb);
    const buffer = new Uint32Array(MAX_CONTEXT);
    const contextOf = (x: typeof a, i: number): number[] => [...buffer.subarray(0, contextFeatures(x, 'en', i, buffer))];
    expect(contextOf(a, 1)).not.toEqual(contextOf(b, 1));
    expect(contextOf(a, 4)).toEqual(contextOf(b, 4)); // "in" sees the same window in both
    const all = sentenceFeatures(a, 'en');
    expect([...all[1]!]).toEqual([...a.words[1]!.own, ...contextOf(a, 1)]);
  });
  it('mark knowledge-base matches over whole names', () => {
    const a = analyse(tokenize('Recep Tayyip Erdogan visited Sochi'), 'en');
    expect([...a.kbEntity.subarray(0, 3)].every((e) => e >= 0 && e === a.kbEntity[0])).toBe(true);
    expect(a.kbEntity[3]).toBe(-1);
    expect(a.kbLength[0]).toBe(3);
  });
});
