// What training (train-ner.mjs) and cross-validation (cv-ner.mjs) share: reading a gold training
// file into the tagger's tokens, labels and features, training the seed-averaged perceptron, and
// the O-label penalty.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, sentenceFeatures } from '../dist/entities/features.js';
import { knowledgeBase } from '../dist/entities/kb.js';
import { LABELS, trainPerceptron } from '../dist/entities/perceptron.js';
import { tokenize } from '../dist/entities/tokenize.js';

/** Letters, digits and marks: what the scorer compares (span edges without punctuation). */
export const isCore = (ch) => /[\p{L}\p{N}\p{M}]/u.test(ch);

/** <bench>/<lang>.train.jsonl as { text, tokens, labels (LABELS indexes), features } per sentence. */
export function loadTrainingSentences(bench, lang) {
  const kb = knowledgeBase();
  return readFileSync(join(bench, `${lang}.train.jsonl`), 'utf8').split('\n').filter((l) => l.trim()).map((line) => {
    const gold = JSON.parse(line);
    const text = gold.tokens.join(' ');
    const tokens = tokenize(text);
    const labels = goldToTokenLabels(gold, tokens).map((l) => LABELS.indexOf(l));
    return { text, tokens, labels, features: sentenceFeatures(analyse(tokens, lang, kb), lang) };
  });
}

// The perceptron's result depends on the order it sees the sentences in; the mean of the weights
// of models trained on several orders is one linear model again (no cost when tagging) with less
// of that variance. Every model has the same feature rows, since they are chosen by count.
/** The mean of `seeds` models, the k-th trained with seed firstSeed + 7919 k. */
export function trainAveraged(data, options, { seeds, firstSeed = 12345, onEpoch }) {
  let sum;
  for (let k = 0; k < seeds; k++) {
    const m = trainPerceptron(data, { ...options, seed: firstSeed + 7919 * k }, onEpoch && ((epoch, errors) => onEpoch(k, epoch, errors)));
    if (!sum) sum = m;
    else {
      for (let i = 0; i < m.values.length; i++) sum.values[i] += m.values[i];
      for (let i = 0; i < m.transitions.length; i++) sum.transitions[i] += m.transitions[i];
    }
  }
  for (let i = 0; i < sum.values.length; i++) sum.values[i] /= seeds;
  for (let i = 0; i < sum.transitions.length; i++) sum.transitions[i] /= seeds;
  return sum;
}

/** Subtracts `value` from every transition into O, which is the same as from O's emission score. */
export function penaliseOutside(transitions, value) {
  for (let prev = 0; prev <= LABELS.length; prev++) transitions[prev * LABELS.length] -= value;
}

// Gold BIO tags over the benchmark's tokens -> labels over the tagger's own tokens. An entity covers
// the tagger tokens inside its core (its first and last token without edge punctuation), which is
// exactly what the scorer compares.
export function goldToTokenLabels(gold, tokens) {
  const starts = [];
  let pos = 0;
  for (const t of gold.tokens) { starts.push(pos); pos += t.length + 1; }
  const text = gold.tokens.join(' ');
  const labels = tokens.map(() => 'O');
  for (const span of goldSpans(gold.tags)) {
    let a = starts[span.start];
    let b = starts[span.end - 1] + gold.tokens[span.end - 1].length;
    while (a < b && !isCore(text[a])) a++;
    while (b > a && !isCore(text[b - 1])) b--;
    let first = true;
    tokens.forEach((t, i) => {
      if (t.start >= a && t.end <= b) { labels[i] = (first ? 'B-' : 'I-') + span.type; first = false; }
    });
  }
  return labels;
}

// The gold files' tags as spans (strings: a file may carry tags outside the tagger's LABELS).
function goldSpans(tags) {
  const spans = [];
  let open = null;
  tags.forEach((tag, i) => {
    const type = tag.slice(2);
    if (tag === 'O' || tag.startsWith('B-') || !open || open.type !== type) {
      if (open) spans.push(open);
      open = tag === 'O' ? null : { start: i, end: i + 1, type };
    } else open.end = i + 1;
  });
  if (open) spans.push(open);
  return spans;
}
