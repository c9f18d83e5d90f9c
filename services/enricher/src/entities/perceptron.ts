// A first-order structured perceptron over BIO labels: Viterbi decoding with the BIO constraint
// (I-X only after B-X or I-X), averaged weights for training, and a compact binary weight file
// (feature hashes + int16 weights, gzipped) for shipping.
import { gunzipSync, gzipSync } from 'node:zlib';

export const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export const LABEL_COUNT = LABELS.length;
const L = LABEL_COUNT;
const START = L; // row of the transition table used before the first token

/** 0 where the BIO constraint allows label after prev (I-X only after B-X or I-X), else -Infinity. */
const ALLOWED = new Float64Array((L + 1) * L);
for (let prev = 0; prev <= L; prev++) {
  LABELS.forEach((label, y) => {
    const ok = !label.startsWith('I-') || (prev < L && LABELS[prev]!.slice(2) === label.slice(2));
    ALLOWED[prev * L + y] = ok ? 0 : -Infinity;
  });
}

/** Read-only weights: an open-addressing table from feature hash to a row of L weights. */
export interface Weights {
  slots: Int32Array; // pairs (key, row) side by side, one cache line per probe; key 0 = empty (hash 0 is remapped to 1)
  mask: number; // slot count - 1
  values: Float32Array; // row * L + label
  transitions: Float32Array; // (prev in 0..L) * L + label, prev = L for the start
}

/** The row of a feature's weights (values[row * L .. row * L + L)), or -1 when the model lacks it. */
export function rowOf(w: Weights, feature: number): number {
  const { slots, mask } = w;
  const key = (feature || 1) | 0;
  for (let slot = key & mask; ; slot = (slot + 1) & mask) {
    const found = slots[2 * slot]!;
    if (found === key) return slots[2 * slot + 1]!;
    if (found === 0) return -1;
  }
}

/** Adds the weights of `count` features to emit[at .. at + L). */
export function addFeatureWeights(w: Weights, features: Uint32Array, count: number, emit: Float32Array, at: number): void {
  const { values } = w;
  for (let k = 0; k < count; k++) {
    const row = rowOf(w, features[k]!);
    if (row < 0) continue;
    const base = row * L;
    for (let y = 0; y < L; y++) emit[at + y]! += values[base + y]!;
  }
}

/** Best label sequence for a sentence given each token's feature hashes. */
export function viterbi(w: Weights, features: Uint32Array[]): number[] {
  const n = features.length;
  const emit = new Float32Array(n * L);
  for (let i = 0; i < n; i++) addFeatureWeights(w, features[i]!, features[i]!.length, emit, i * L);
  return bestPath(emit, w.transitions, n);
}

let score = new Float64Array(64 * L);
let back = new Uint8Array(64 * L);

/** Labels that may only follow their own B- or I- label (I-X); ALLOWED says the same. */
const INSIDE = Uint8Array.from(LABELS, (label) => (label.startsWith('I-') ? 1 : 0));
// The layout bestPath relies on: each I-X comes right after its B-X.
LABELS.forEach((label, y) => {
  if (INSIDE[y] && LABELS[y - 1] !== `B-${label.slice(2)}`) throw new Error(`label ${label} must follow its B- label`);
});

/**
 * Viterbi over emission scores emit[i * L + y] with first-order transitions and the BIO constraint.
 * Of equal scores the lower previous label wins. (This runs for every token of every article: the
 * two cases are written out rather than looped over a list of allowed labels, 7 % of tagging.)
 */
export function bestPath(emit: Float32Array, transitions: Float32Array, n: number): number[] {
  if (n === 0) return [];
  if (score.length < n * L) {
    score = new Float64Array(n * L * 2);
    back = new Uint8Array(n * L * 2);
  }
  for (let y = 0; y < L; y++) score[y] = emit[y]! + transitions[START * L + y]! + ALLOWED[START * L + y]!;
  for (let i = 1; i < n; i++) {
    const prevBase = (i - 1) * L;
    const base = i * L;
    for (let y = 0; y < L; y++) {
      let best: number;
      let arg: number;
      if (INSIDE[y]) {
        // I-X follows B-X (y - 1) or I-X (y) only.
        const afterBegin = score[prevBase + y - 1]! + transitions[(y - 1) * L + y]!;
        const afterInside = score[prevBase + y]! + transitions[y * L + y]!;
        best = afterInside > afterBegin ? afterInside : afterBegin;
        arg = afterInside > afterBegin ? y : y - 1;
      } else {
        best = score[prevBase]! + transitions[y]!;
        arg = 0;
        for (let p = 1; p < L; p++) {
          const s = score[prevBase + p]! + transitions[p * L + y]!;
          if (s > best) {
            best = s;
            arg = p;
          }
        }
      }
      score[base + y] = best + emit[base + y]!;
      back[base + y] = arg;
    }
  }
  let y = 0;
  for (let k = 1; k < L; k++) if (score[(n - 1) * L + k]! > score[(n - 1) * L + y]!) y = k;
  const path = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    path[i] = y;
    y = back[i * L + y]!;
  }
  return path;
}

// ---- training ----------------------------------------------------------------------------------

export interface TrainingSentence {
  features: Uint32Array[];
  labels: number[];
}

/**
 * Averaged structured perceptron. Deterministic: the sentence order is shuffled with a fixed seed
 * (options.seed, default 12345).
 * Returns the averaged weights for every feature seen in training.
 */
export function trainPerceptron(
  data: TrainingSentence[],
  options: { epochs: number; minCount: number; seed?: number },
  onEpoch?: (epoch: number, errors: number, averaged: () => TrainedModel) => void,
): TrainedModel {
  const { epochs, minCount } = options;
  // Features seen fewer than minCount times are left out: they mostly memorise single sentences.
  const counts = new Map<number, number>();
  for (const s of data) for (const f of s.features) for (const h of f) counts.set(h || 1, (counts.get(h || 1) ?? 0) + 1);
  const rowByHash = new Map<number, number>();
  for (const [h, c] of counts) if (c >= minCount) rowByHash.set(h, rowByHash.size);
  const rows = rowByHash.size;
  const w = new Float64Array(rows * L);
  const u = new Float64Array(rows * L); // sum of step * update, for averaging
  const tw = new Float64Array((L + 1) * L);
  const tu = new Float64Array((L + 1) * L);
  const featureRows = data.map((s) => s.features.map((f) => Int32Array.from(f.filter((h) => rowByHash.has(h || 1)), (h) => rowByHash.get(h || 1)!)));
  let step = 1;
  let seed = options.seed ?? 12345;
  const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const order = data.map((_, i) => i);
  const emit = new Float32Array(512 * L);
  const transitions = new Float32Array((L + 1) * L);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const index of order) {
      const sentence = data[index]!;
      const feats = featureRows[index]!;
      const n = feats.length;
      if (n === 0) continue;
      const e = n * L <= emit.length ? emit.subarray(0, n * L) : new Float32Array(n * L);
      e.fill(0);
      for (let t = 0; t < n; t++) {
        for (const row of feats[t]!) for (let y = 0; y < L; y++) e[t * L + y]! += w[row * L + y]!;
      }
      for (let k = 0; k < tw.length; k++) transitions[k] = tw[k]!;
      const guess = bestPath(e, transitions, n);
      const gold = sentence.labels;
      let wrong = false;
      for (let t = 0; t < n; t++) {
        const g = gold[t]!;
        const p = guess[t]!;
        const gPrev = t === 0 ? START : gold[t - 1]!;
        const pPrev = t === 0 ? START : guess[t - 1]!;
        if (g !== p) {
          wrong = true;
          for (const row of feats[t]!) {
            w[row * L + g]! += 1;
            u[row * L + g]! += step;
            w[row * L + p]! -= 1;
            u[row * L + p]! -= step;
          }
        }
        if (g !== p || gPrev !== pPrev) {
          tw[gPrev * L + g]! += 1;
          tu[gPrev * L + g]! += step;
          tw[pPrev * L + p]! -= 1;
          tu[pPrev * L + p]! -= step;
        }
      }
      if (wrong) errors++;
      step++;
    }
    onEpoch?.(epoch, errors, averaged);
  }
  return averaged();

  function averaged(): TrainedModel {
    const values = new Float32Array(rows * L);
    for (let k = 0; k < values.length; k++) values[k] = w[k]! - u[k]! / step;
    const avgTransitions = new Float32Array(tw.length);
    for (let k = 0; k < tw.length; k++) avgTransitions[k] = tw[k]! - tu[k]! / step;
    const hashes = new Array<number>(rows);
    for (const [hash, row] of rowByHash) hashes[row] = hash;
    return { hashes, values, transitions: avgTransitions };
  }
}

export interface TrainedModel {
  hashes: number[];
  values: Float32Array; // hashes.length * L
  transitions: Float32Array;
}

/** The lookup table for a trained model's weights. */
export function toWeights(hashes: ArrayLike<number>, values: Float32Array, transitions: Float32Array): Weights {
  let size = 1;
  while (size < hashes.length * 2) size *= 2;
  const slots = new Int32Array(size * 2);
  const mask = size - 1;
  for (let r = 0; r < hashes.length; r++) {
    const key = (hashes[r]! || 1) | 0;
    let slot = key & mask;
    while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = key;
    slots[2 * slot + 1] = r;
  }
  return { slots, mask, values, transitions };
}

// ---- the weight file ---------------------------------------------------------------------------
// Layout (then gzipped): "NER1", uint32 header length, JSON header {labels, features, scale},
// float32 transitions[(L+1)*L], uint32 hashes[features], int16 values[features*L].

export function encodeWeights(hashes: number[], values: Float32Array, transitions: Float32Array, minWeight: number): Buffer {
  const keep: number[] = [];
  let max = 0;
  for (let r = 0; r < hashes.length; r++) {
    let rowMax = 0;
    for (let y = 0; y < L; y++) rowMax = Math.max(rowMax, Math.abs(values[r * L + y]!));
    if (rowMax >= minWeight) keep.push(r);
    max = Math.max(max, rowMax);
  }
  const scale = max / 32767 || 1;
  const header = Buffer.from(JSON.stringify({ labels: LABELS, features: keep.length, scale }));
  const parts = [Buffer.from('NER1'), u32(header.length), header, Buffer.from(new Float32Array(transitions).buffer)];
  const hashOut = new Uint32Array(keep.length);
  const valueOut = new Int16Array(keep.length * L);
  keep.forEach((r, k) => {
    hashOut[k] = hashes[r]!;
    for (let y = 0; y < L; y++) valueOut[k * L + y] = Math.round(values[r * L + y]! / scale);
  });
  parts.push(Buffer.from(hashOut.buffer), Buffer.from(valueOut.buffer));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

export function decodeWeights(gz: Buffer): Weights {
  const buf = gunzipSync(gz);
  if (buf.toString('latin1', 0, 4) !== 'NER1') throw new Error('not a NER1 weight file');
  const headerLength = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString('utf8', 8, 8 + headerLength)) as { labels: string[]; features: number; scale: number };
  if (header.labels.join() !== LABELS.join()) throw new Error('weight file labels differ from the tagger');
  let offset = 8 + headerLength;
  const copy = (bytes: number): ArrayBuffer => buf.buffer.slice(buf.byteOffset + offset, buf.byteOffset + (offset += bytes));
  const transitions = new Float32Array(copy((L + 1) * L * 4));
  const hashes = new Uint32Array(copy(header.features * 4));
  const quantised = new Int16Array(copy(header.features * L * 2));
  const values = new Float32Array(quantised.length);
  for (let k = 0; k < quantised.length; k++) values[k] = quantised[k]! * header.scale;
  return toWeights(hashes, values, transitions);
}
