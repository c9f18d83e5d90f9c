#!/usr/bin/env node
// Extraction speed: our `newsctl extract --jsonl` against the Readability + linkedom peer
// (<bench>/../../tools/peers/readability-extract.mjs) over the same pages, each run as a whole
// process (start-up included) and alternated round by round so both see the same machine load.
//   npm run bench:extract -- ../shared/bench/extraction [--rounds 3] [--jsdom]
// The peer's packages are installed once into a scratch folder under the OS temp dir, never into
// the repository. --jsdom also times the peer on jsdom (slow: about 20 s a round).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv.splice(i, 2)[1] : fallback;
};
const withJsdom = argv.includes('--jsdom') ? (argv.splice(argv.indexOf('--jsdom'), 1), true) : false;
const rounds = Number(option('--rounds', '3'));
if (!argv[0]) {
  console.error('usage: node services/parser/scripts/bench-extract.mjs <bench folder> [--rounds N] [--jsdom]');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bench = resolve(argv[0]);
const tools = resolve(bench, '..', '..', 'tools');
const peer = join(tools, 'peers', 'readability-extract.mjs');
const newsctl = join(root, 'services', 'cli', 'bin', 'newsctl.js');

const PEER_PACKAGES = ['@mozilla/readability@0.6.0', 'linkedom@0.18.15', ...(withJsdom ? ['jsdom@26.1.0'] : [])];
const scratch = join(tmpdir(), 'news-extract-peers');

function installPeers() {
  const wanted = PEER_PACKAGES.map((spec) => spec.slice(0, spec.lastIndexOf('@')));
  if (wanted.every((name) => existsSync(join(scratch, 'node_modules', name, 'package.json')))) return;
  mkdirSync(scratch, { recursive: true });
  if (!existsSync(join(scratch, 'package.json'))) writeFileSync(join(scratch, 'package.json'), '{"private":true}\n');
  console.log(`installing ${PEER_PACKAGES.join(' ')} into ${scratch}`);
  const npm = spawnSync('npm', ['i', '--no-save', '--no-audit', '--no-fund', ...PEER_PACKAGES], { cwd: scratch, stdio: 'inherit' });
  if (npm.status !== 0) throw new Error('npm install of the peer packages failed');
}

/** Runs one whole process with the page list on stdin; returns seconds and output line count. */
function timeProcess(args, inputPath, env) {
  const input = openSync(inputPath, 'r');
  try {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: [input, 'pipe', 'pipe'], env: { ...process.env, ...env }, maxBuffer: 1 << 30, encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
    return { seconds, lines: result.stdout.split('\n').filter(Boolean).length };
  } finally {
    closeSync(input);
  }
}

installPeers();
const work = mkdtempSync(join(tmpdir(), 'bench-extract-'));
try {
  const inputPath = join(work, 'in.jsonl');
  const emitted = spawnSync(process.execPath, [join(tools, 'score-extraction.mjs'), '--emit-input', bench], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (emitted.status !== 0) throw new Error(emitted.stderr);
  writeFileSync(inputPath, emitted.stdout);
  const pages = emitted.stdout.split('\n').filter(Boolean).length;
  const peerEnv = { NODE_PATH: join(scratch, 'node_modules') };
  const contenders = [
    { name: 'ours (newsctl extract)', args: [newsctl, 'extract', '--jsonl'], env: {} },
    { name: 'peer (Readability + linkedom)', args: [peer, '--dom', 'linkedom'], env: peerEnv },
    ...(withJsdom ? [{ name: 'peer (Readability + jsdom)', args: [peer, '--dom', 'jsdom'], env: peerEnv }] : []),
  ];
  const totals = contenders.map(() => 0);
  for (let round = 1; round <= rounds; round++) {
    // Alternate the order so neither side always runs on a warmer (or busier) machine.
    const order = round % 2 ? contenders.map((_, i) => i) : contenders.map((_, i) => i).reverse();
    const line = [];
    for (const i of order) {
      const contender = contenders[i];
      const { seconds, lines } = timeProcess(contender.args, inputPath, contender.env);
      if (lines !== pages) throw new Error(`${contender.name} wrote ${lines} lines for ${pages} pages`);
      totals[i] += seconds;
      line.push(`${contender.name} ${seconds.toFixed(2)} s`);
    }
    console.log(`round ${round}: ${line.join(', ')}`);
  }
  const rates = totals.map((total) => (pages * rounds) / total);
  contenders.forEach((contender, i) => console.log(`${contender.name}: ${rates[i].toFixed(1)} pages/s`));
  if (withJsdom) console.log(`ours / jsdom peer: ${(rates[0] / rates[2]).toFixed(2)}x`);
  console.log(`ours ${rates[0].toFixed(1)} pages/s  peer ${rates[1].toFixed(1)} pages/s  ratio ${(rates[0] / rates[1]).toFixed(2)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
