#!/usr/bin/env node
// Feed-parsing evaluation: `npm run eval:feeds -- <bench dir>` (e.g. ../shared/bench/feeds).
// Emits the input with the bench's scorer (<bench>/../../tools/score-feeds.mjs), runs
// `newsctl feed --jsonl` on it, scores the output and prints the scorer's summary, whose last line
// is `feeds-score N unsafe M`. Extra arguments (--verbose, --json FILE) go to the scorer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const [benchArg, ...scorerArgs] = process.argv.slice(2);
if (!benchArg) {
  console.error('usage: npm run eval:feeds -- <bench dir with cases.json> [--verbose] [--json FILE]');
  process.exit(2);
}
const bench = resolve(process.cwd(), benchArg);
const cases = join(bench, 'cases.json');
const scorer = resolve(bench, '..', '..', 'tools', 'score-feeds.mjs');
const work = mkdtempSync(join(tmpdir(), 'eval-feeds-'));

function run(command, args, input) {
  const result = spawnSync(command, args, { input, maxBuffer: 1 << 30, encoding: 'utf8', cwd: root });
  if (result.status !== 0) {
    process.stderr.write(result.stderr ?? '');
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  }
  return result.stdout;
}

try {
  const input = run(process.execPath, [scorer, cases, '--emit-input']);
  const started = process.hrtime.bigint();
  const output = run(process.execPath, [join(root, 'services/cli/bin/newsctl.js'), 'feed', '--jsonl'], input);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const predictions = join(work, 'feeds-out.jsonl');
  writeFileSync(predictions, output);
  const documents = input.split('\n').filter(Boolean).length;
  console.log(`newsctl feed: ${documents} documents in ${seconds.toFixed(1)} s`);
  process.stdout.write(run(process.execPath, [scorer, cases, '--pred', predictions, ...scorerArgs]));
} finally {
  rmSync(work, { recursive: true, force: true });
}
