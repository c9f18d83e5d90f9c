import { describe, expect, it } from 'vitest';
import { analyse, sentenceFeatures } from './features.js';
import { addFeatureWeights, LABEL_COUNT, LABELS, viterbi } from './perceptron.js';
import { emissionScores, tagLabels, weights } from './tagger.js';
import { tokenize, type Lang } from './tokenize.js';

// The tagger sums the weights of what depends on one word once per word and offset; training adds
// every feature of every token. Both must give the model the same scores, hence the same labels.
describe('tagging with per-word sums', () => {
  const sentences: [Lang, string][] = [
    ['en', 'President Vladimir Putin told reporters in Sochi on Tuesday that Turkey and the United Nations would meet again .'],
    ['en', 'The Chicago Bulls beat the New York Knicks , said coach Phil Jackson of Montana .'],
    ['en', 'Reuters'],
    ['ar', 'قال الرئيس الروسي فلاديمير بوتين لنظيره التركي رجب طيب أردوغان في سوتشي إن الأمم المتحدة ستجتمع .'],
    ['ar', 'وأعلنت وزارة الخارجية الأميركية في واشنطن أن الوزير سيزور القاهرة ودمشق الأسبوع المقبل .'],
  ];

  it.each(sentences)('labels %s "%s" as Viterbi over every feature does', (lang, text) => {
    const analysis = analyse(tokenize(text, lang), lang);
    const features = sentenceFeatures(analysis, lang);
    const scores = new Float32Array(features.length * LABEL_COUNT);
    features.forEach((f, i) => addFeatureWeights(weights(lang), f, f.length, scores, i * LABEL_COUNT));
    const tagged = emissionScores(analysis, lang);
    expect(tagged).toHaveLength(scores.length);
    scores.forEach((score, k) => expect(tagged[k]).toBeCloseTo(score, 3));
    const expected = viterbi(weights(lang), features);
    expect(tagLabels(analysis, lang)).toEqual(expected);
    if (analysis.words.length > 3) expect(expected.some((label) => LABELS[label] !== 'O')).toBe(true); // a real test: names found
    // Again, now that every word's sums are cached.
    expect(tagLabels(analyse(tokenize(text, lang), lang), lang)).toEqual(expected);
  });
});
