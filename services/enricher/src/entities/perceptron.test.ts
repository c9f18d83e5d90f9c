import { describe, expect, it } from 'vitest';
import { bestPath, LABEL_COUNT, LABELS } from './perceptron.js';

const L = LABEL_COUNT;

/** Viterbi as the textbook writes it: every previous label, the BIO rule tested per pair. */
function referencePath(emit: Float32Array, transitions: Float32Array, n: number): number[] {
  const allowed = (prev: number, y: number) => !LABELS[y]!.startsWith('I-') || (prev < L && LABELS[prev]!.slice(2) === LABELS[y]!.slice(2));
  const score: number[][] = [];
  const back: number[][] = [];
  score.push(LABELS.map((_, y) => (allowed(L, y) ? emit[y]! + transitions[L * L + y]! : -Infinity)));
  for (let i = 1; i < n; i++) {
    score.push([]);
    back.push([]);
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowed(p, y)) continue;
        const s = score[i - 1]![p]! + transitions[p * L + y]!;
        if (s > best) [best, arg] = [s, p];
      }
      score[i]![y] = best + emit[i * L + y]!;
      back[i - 1]![y] = arg;
    }
  }
  const last = score[n - 1]!;
  let y = last.indexOf(Math.max(...last));
  const path = [y];
  for (let i = n - 1; i > 0; i--) path.unshift((y = back[i - 1]![y]!));
  return path;
}

describe('bestPath', () => {
  it('finds the path the textbook Viterbi finds, ties included', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let run = 0; run < 300; run++) {
      const n = 1 + Math.floor(random() * 30);
      // Small whole numbers, so that equal scores (ties) are common.
      const emit = Float32Array.from({ length: n * L }, () => Math.floor(random() * 5) - 2);
      const transitions = Float32Array.from({ length: (L + 1) * L }, () => Math.floor(random() * 3) - 1);
      const path = bestPath(emit, transitions, n);
      expect(path).toEqual(referencePath(emit, transitions, n));
      // Never I-X after anything but B-X or I-X.
      path.forEach((y, i) => {
        if (LABELS[y]!.startsWith('I-')) expect(i > 0 && LABELS[path[i - 1]!]!.slice(2)).toBe(LABELS[y]!.slice(2));
      });
    }
  });
});
