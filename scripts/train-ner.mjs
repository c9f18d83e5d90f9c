#!/usr/bin/env node
// Trains the entity tagger's weights from the shared NER training files and writes them, compact,
// to services/enricher/data/ner-<lang>.bin.gz. Reproducible: same files, same weights.
// Usage: npm run train:ner -- <bench folder with ar.train.jsonl / en.train.jsonl> [--lang ar|en] [--epochs N]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, sentenceFeatures } from '../services/enricher/dist/entities/features.js';
import { knowledgeBase } from '../services/enricher/dist/entities/kb.js';
import { encodeWeights, LABELS, trainPerceptron } from '../services/enricher/dist/entities/perceptron.js';
import { weightsPath } from '../services/enricher/dist/entities/tagger.js';
import { tokenize } from '../services/enricher/dist/entities/tokenize.js';
import { goldToTokenLabels } from './ner-gold.mjs';

const args = process.argv.slice(2);
const bench = args.find((a) => !a.startsWith('--'));
const option = (name) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
if (!bench) {
  console.error('usage: npm run train:ner -- <bench folder> [--lang ar|en] [--epochs N]');
  process.exit(2);
}
const EPOCHS = { ar: 10, en: 12 };
const MIN_WEIGHT = { ar: 0.05, en: 0.05 }; // weights below this (after averaging) are dropped from the file
const MIN_COUNT = { ar: 2, en: 2 }; // features seen fewer times in training are not learned

const kb = knowledgeBase();

for (const lang of option('lang') ? [option('lang')] : ['ar', 'en']) {
  const started = Date.now();
  const lines = readFileSync(join(bench, `${lang}.train.jsonl`), 'utf8').split('\n').filter((l) => l.trim());
  const data = lines.map((line) => {
    const gold = JSON.parse(line);
    const tokens = tokenize(gold.tokens.join(' '));
    const labels = goldToTokenLabels(gold, tokens).map((l) => LABELS.indexOf(l));
    return { features: sentenceFeatures(analyse(tokens, lang, kb), lang, kb), labels };
  });
  const epochs = Number(option('epochs') ?? EPOCHS[lang]);
  const model = trainPerceptron(data, { epochs, minCount: Number(option('min-count') ?? MIN_COUNT[lang]) }, (epoch, errors) => console.error(`${lang} epoch ${epoch}: ${errors}/${data.length} sentences wrong`));
  const file = encodeWeights(model.hashes, model.values, model.transitions, MIN_WEIGHT[lang]);
  writeFileSync(weightsPath(lang), file);
  console.log(`${lang}: ${data.length} sentences, ${epochs} epochs, ${model.hashes.length} features -> ${(file.length / 1024).toFixed(0)} KiB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
