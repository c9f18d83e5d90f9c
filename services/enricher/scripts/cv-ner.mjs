#!/usr/bin/env node
// K-fold cross-validation of the whole entity pipeline (tagger + knowledge-base corrections +
// typing + document consistency) on a TRAINING file, so decisions are made without looking at dev.
// Folds are contiguous blocks of sentences (whole articles stay together). Each fold's model is a
// single perceptron (one sentence order) with a fixed epoch count and O penalty, to keep runs short;
// the held-out fold is tagged through findMentions in groups of --doc consecutive sentences joined by
// line breaks, as an article would be.
// Usage: node services/enricher/scripts/cv-ner.mjs <bench folder> [--lang en] [--folds 5] [--epochs 12] [--penalty 5] [--doc 12] [--seed 12345] [--seeds 1] [--min-count 2] [--min-weight 0]
import { findMentions } from '../dist/entities.js';
import { decodeWeights, encodeWeights, toWeights } from '../dist/entities/perceptron.js';
import { labelsToSpans, useWeights } from '../dist/entities/tagger.js';
import { isCore, loadTrainingSentences, penaliseOutside, trainAveraged } from './ner-training.mjs';

const args = process.argv.slice(2);
const bench = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const option = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
if (!bench) {
  console.error('usage: node services/enricher/scripts/cv-ner.mjs <bench folder> [--lang en] [--folds 5] [--epochs 12] [--penalty 5] [--doc 12] [--seed 12345] [--seeds 1] [--min-count 2] [--min-weight 0]');
  process.exit(2);
}
const lang = option('lang', 'en');
const folds = Number(option('folds', 5));
const epochs = Number(option('epochs', 12));
const penalty = Number(option('penalty', 5));
const docSize = Number(option('doc', 12));
const seed = Number(option('seed', 12345)); // sentence order; compare changes over a few seeds, folds are small
const minCount = Number(option('min-count', 2));
const minWeight = Number(option('min-weight', 0)); // > 0: prune and quantise through the weight file, as train-ner does
const seeds = Number(option('seeds', 1)); // models averaged per fold, each on another order (train-ner uses 5)
const SCORED = ['PER', 'ORG', 'LOC'];
const show = args.includes('--show'); // print the mistyped spans

const sentences = loadTrainingSentences(bench, lang);

const counts = Object.fromEntries(SCORED.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
const confusions = new Map();
for (let k = 0; k < folds; k++) {
  const from = Math.floor((k * sentences.length) / folds);
  const to = Math.floor(((k + 1) * sentences.length) / folds);
  const train = [...sentences.slice(0, from), ...sentences.slice(to)];
  const model = trainAveraged(train, { epochs, minCount }, { seeds, firstSeed: seed });
  penaliseOutside(model.transitions, penalty);
  useWeights(lang, minWeight > 0
    ? decodeWeights(encodeWeights(model.hashes, model.values, model.transitions, minWeight))
    : toWeights(model.hashes, model.values, model.transitions));
  const test = sentences.slice(from, to);
  for (let d = 0; d < test.length; d += docSize) score(test.slice(d, d + docSize));
  console.error(`fold ${k + 1}/${folds} done`);
}

function score(doc) {
  const text = doc.map((s) => s.text).join('\n');
  const gold = new Set();
  let offset = 0;
  for (const s of doc) {
    for (const span of labelsToSpans(s.labels)) {
      if (SCORED.includes(span.type)) gold.add(`${offset + s.tokens[span.start].start}:${offset + s.tokens[span.end - 1].end}:${span.type}`);
    }
    offset += s.text.length + 1;
  }
  const predicted = new Set();
  for (const m of findMentions(text, lang)) {
    if (!SCORED.includes(m.type)) continue;
    let a = m.start, b = m.end;
    while (a < b && !isCore(text[a])) a++;
    while (b > a && !isCore(text[b - 1])) b--;
    predicted.add(`${a}:${b}:${m.type}`);
  }
  const goldBySpan = new Map([...gold].map((g) => [g.replace(/:\w+$/, ''), g.split(':')[2]]));
  for (const p of predicted) {
    const type = p.split(':')[2];
    if (gold.has(p)) counts[type].tp++;
    else {
      counts[type].fp++;
      const goldType = goldBySpan.get(p.replace(/:\w+$/, '')) ?? 'none';
      const key = `${type} for ${goldType}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
      if (show && goldType !== 'none') console.error(`${key}: ${text.slice(Number(p.split(':')[0]), Number(p.split(':')[1]))}`);
    }
  }
  for (const g of gold) if (!predicted.has(g)) counts[g.split(':')[2]].fn++;
}

const f = (tp, fp, fn) => {
  const p = tp / (tp + fp || 1), r = tp / (tp + fn || 1);
  return [p, r, p + r ? (2 * p * r) / (p + r) : 0].map((x) => (x * 100).toFixed(2).padStart(6));
};
const all = { tp: 0, fp: 0, fn: 0 };
console.log(`${lang}.train ${folds}-fold CV, ${epochs} epochs, O penalty ${penalty}, documents of ${docSize} sentences`);
console.log('type        P      R     F1');
for (const t of SCORED) {
  const c = counts[t];
  for (const key of Object.keys(all)) all[key] += c[key];
  console.log(`${t}    ${f(c.tp, c.fp, c.fn).join(' ')}`);
}
console.log(`micro  ${f(all.tp, all.fp, all.fn).join(' ')}`);
console.log(`wrong spans by type (predicted for gold): ${[...confusions].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v}`).join(', ')}`);
