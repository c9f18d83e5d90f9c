#!/usr/bin/env node
// Trains the entity tagger's weights from the shared NER training files and writes them, compact,
// to services/enricher/data/ner-<lang>.bin.gz. Reproducible: same files, same weights.
// The number of epochs is chosen by early stopping on the last 10% of the TRAINING file (never on
// dev): train on the first 90%, score the held-out part after each epoch, then train on all of it
// for the best epoch count.
// Usage: npm run train:ner -- <bench folder with ar.train.jsonl / en.train.jsonl> [--lang ar|en] [--epochs N]
import { writeFileSync } from 'node:fs';
import { encodeWeights, toWeights, trainPerceptron, viterbi } from '../dist/entities/perceptron.js';
import { labelsToSpans, weightsPath } from '../dist/entities/tagger.js';
import { loadTrainingSentences, penaliseOutside, trainAveraged } from './ner-training.mjs';

const args = process.argv.slice(2);
const bench = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const option = (name) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
if (!bench) {
  console.error('usage: npm run train:ner -- <bench folder> [--lang ar|en] [--epochs N]');
  process.exit(2);
}
const MAX_EPOCHS = 30;
const PATIENCE = 5; // stop after this many epochs without a better held-out F1
const MIN_WEIGHT = { ar: 1, en: 1 }; // features whose largest averaged weight is below this are dropped from the file
const MIN_COUNT = { ar: 2, en: 2 }; // features seen fewer times in training are not learned
const SCORED = new Set(['PER', 'ORG', 'LOC']);
const SEEDS = Number(option('seeds') ?? 5); // models averaged, each trained on another sentence order
const OUTSIDE_PENALTIES = [2, 5, 10, 20, 40, 80];

class StopTraining extends Error {}

for (const lang of option('lang') ? [option('lang')] : ['ar', 'en']) {
  const started = Date.now();
  const data = loadTrainingSentences(bench, lang);
  const minCount = Number(option('min-count') ?? MIN_COUNT[lang]);
  let epochs = Number(option('epochs') ?? 0);
  let outsidePenalty = 0;
  if (!epochs) ({ epochs, outsidePenalty } = chooseEpochs(lang, data, minCount));
  const model = trainAveraged(data, { epochs, minCount }, {
    seeds: SEEDS,
    onEpoch: (k, epoch, errors) => console.error(`${lang} model ${k + 1} epoch ${epoch}: ${errors}/${data.length} sentences wrong`),
  });
  penaliseOutside(model.transitions, outsidePenalty);
  const file = encodeWeights(model.hashes, model.values, model.transitions, Number(option('min-weight') ?? MIN_WEIGHT[lang]));
  writeFileSync(weightsPath(lang), file);
  console.log(`${lang}: ${data.length} sentences, ${epochs} epochs, O penalty ${outsidePenalty}, ${model.hashes.length} features -> ${(file.length / 1024).toFixed(0)} KiB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function chooseEpochs(lang, data, minCount) {
  const cut = Math.floor(data.length * 0.9);
  const train = data.slice(0, cut);
  const heldOut = data.slice(cut);
  let best = { epoch: 1, f1: -1, model: null };
  try {
    trainPerceptron(train, { epochs: MAX_EPOCHS, minCount }, (epoch, _errors, averaged) => {
      const m = averaged();
      const f1 = heldOutF1(toWeights(m.hashes, m.values, m.transitions), heldOut);
      console.error(`${lang} early stopping: epoch ${epoch} held-out F1 ${(f1 * 100).toFixed(2)}`);
      if (f1 > best.f1) best = { epoch, f1, model: m };
      else if (epoch - best.epoch >= PATIENCE) throw new StopTraining();
    });
  } catch (e) {
    if (!(e instanceof StopTraining)) throw e;
  }
  console.error(`${lang}: ${best.epoch} epochs (held-out F1 ${(best.f1 * 100).toFixed(2)} on the last 10% of train)`);
  // The perceptron is cautious (precision well above recall); a constant penalty on the O label,
  // chosen on the same held-out part, trades a little precision for more recall.
  let penalty = { value: 0, f1: best.f1 };
  for (const value of OUTSIDE_PENALTIES) {
    const transitions = Float32Array.from(best.model.transitions);
    penaliseOutside(transitions, value);
    const f1 = heldOutF1(toWeights(best.model.hashes, best.model.values, transitions), heldOut);
    console.error(`${lang} O penalty ${value}: held-out F1 ${(f1 * 100).toFixed(2)}`);
    if (f1 > penalty.f1) penalty = { value, f1 };
  }
  return { epochs: best.epoch, outsidePenalty: penalty.value };
}


function heldOutF1(weights, sentences) {
  let tp = 0, predicted = 0, gold = 0;
  for (const s of sentences) {
    const key = (sp) => `${sp.start}:${sp.end}:${sp.type}`;
    const goldSpans = new Set(labelsToSpans(s.labels).filter((sp) => SCORED.has(sp.type)).map(key));
    const guess = labelsToSpans(viterbi(weights, s.features)).filter((sp) => SCORED.has(sp.type));
    gold += goldSpans.size;
    predicted += guess.length;
    for (const sp of guess) if (goldSpans.has(key(sp))) tp++;
  }
  return tp ? (2 * tp) / (predicted + gold) : 0;
}
