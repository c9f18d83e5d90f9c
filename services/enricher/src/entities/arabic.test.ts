import { describe, expect, it } from 'vitest';
import { cliticReadings, normalizeArabic, stripArticle } from './arabic.js';
import { nameKey } from './names.js';
import { tokenize } from './tokenize.js';

describe('Arabic normalisation', () => {
  it('folds alef forms, alef maqsura, ta marbuta, diacritics and tatweel', () => {
    expect(normalizeArabic('إردوغان')).toBe(normalizeArabic('أردوغان'));
    expect(normalizeArabic('سورية')).toBe('سوريه');
    expect(normalizeArabic('مصطفى')).toBe('مصطفي');
    expect(normalizeArabic('مُحَمَّـــد')).toBe('محمد');
  });
  it('reads clitics off for matching', () => {
    expect(cliticReadings('وبالعراق').map((r) => r.stem)).toEqual(['وبالعراق', 'بالعراق', 'العراق']);
    expect(cliticReadings('للعراق').map((r) => r.stem).at(-1)).toBe('العراق');
    // li + a word starting with lam, bare (to Lebanon) or with the article (to the Lebanese).
    expect(cliticReadings('للبنان').map((r) => r.stem)).toContain('لبنان');
    expect(cliticReadings('للبناني').map((r) => r.stem)).toContain('اللبناني');
    expect(cliticReadings('وللبنان').map((r) => r.stem)).toContain('لبنان');
    expect(cliticReadings('ولد').map((r) => r.stem)).toEqual(['ولد', 'لد']);
    expect(stripArticle('العراق')).toBe('عراق');
  });
  it('gives one key to spelling variants of a name', () => {
    expect(nameKey('رجب طيب إردوغان،')).toBe(nameKey('رجب  طيب أردوغان'));
    expect(nameKey('Erdoğan')).toBe('erdogan');
  });
});

describe('tokenize', () => {
  it('splits edge punctuation and possessives but keeps offsets', () => {
    const text = '«بوتين»، Putin\'s U.S. visit';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(['«', 'بوتين', '»', '،', 'Putin', "'s", 'U.S.', 'visit']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});
