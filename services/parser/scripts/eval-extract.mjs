#!/usr/bin/env node
// Extraction quality on a benchmark folder: runs `newsctl extract --jsonl` over every page, scores the
// output with the benchmark's own scorer (<bench>/../../tools/score-extraction.mjs), and prints F1,
// precision, recall and the pages below F1 0.8 (worst first, with their URL).
//   npm run eval:extract -- ../shared/bench/extraction
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const benchArg = process.argv[2];
if (!benchArg) {
  console.error('usage: node services/parser/scripts/eval-extract.mjs <bench folder, e.g. ../shared/bench/extraction>');
  process.exit(2);
}
const bench = resolve(benchArg);
const scorer = resolve(bench, '..', '..', 'tools', 'score-extraction.mjs');
const newsctl = join(root, 'services', 'cli', 'bin', 'newsctl.js');
const work = mkdtempSync(join(tmpdir(), 'eval-extract-'));

function run(command, args, input) {
  const result = spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) {
    console.error(result.stderr);
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  }
  return result.stdout;
}

try {
  const input = run(process.execPath, [scorer, '--emit-input', bench]);
  const started = process.hrtime.bigint();
  const output = run(process.execPath, [newsctl, 'extract', '--jsonl'], input);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const predPath = join(work, 'pred.jsonl');
  const perPagePath = join(work, 'per-page.json');
  writeFileSync(predPath, output);
  const report = run(process.execPath, [scorer, '--pred', predPath, bench, '--per-page', perPagePath]);

  const urls = new Map(input.trim().split('\n').map((line) => {
    const { id, url } = JSON.parse(line);
    return [id, url];
  }));
  const errors = new Map();
  for (const line of output.trim().split('\n')) {
    const row = JSON.parse(line);
    if (row.error) errors.set(row.id, row.error);
  }
  const rows = JSON.parse(readFileSync(perPagePath, 'utf8'));
  const weak = rows
    .map(({ id, tpFpFn: [tp, fp, fn] }) => ({ id, f1: tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn), p: tp + fp ? tp / (tp + fp) : 0, r: tp + fn ? tp / (tp + fn) : 0 }))
    .filter((row) => row.f1 < 0.8)
    .sort((a, b) => a.f1 - b.f1);

  const metric = (name) => Number(new RegExp(`${name} ([0-9.]+)`).exec(report)?.[1]);
  const f1 = metric('extraction-F1');
  const precision = metric('precision');
  const recall = metric('recall');
  console.log(`pages below F1 0.8: ${weak.length}`);
  for (const row of weak) {
    const error = errors.get(row.id);
    console.log(`  F1 ${row.f1.toFixed(2)}  P ${row.p.toFixed(2)}  R ${row.r.toFixed(2)}  ${row.id.slice(0, 12)}  ${urls.get(row.id) ?? ''}${error ? `  (${error})` : ''}`);
  }
  console.log(`extraction time ${seconds.toFixed(2)} s for ${rows.length} pages (one process)`);
  console.log(`F1 ${f1.toFixed(3)}  precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}`);
  const met = f1 >= 0.96 && precision >= 0.95 && recall >= 0.97;
  console.log(`targets (F1 >= 0.96, P >= 0.95, R >= 0.97): ${met ? 'met' : 'not met'}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
