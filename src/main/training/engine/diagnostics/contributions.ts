/**
 * Modality contributions and robustness of any predictor, in plain TypeScript (no tensors):
 *
 * - coalitions: for every modality subset S (bit mask), the predictor sees the test inputs with the
 *   modalities outside S replaced by their training-part mean (0 after standardisation); per sample
 *   we keep whether the prediction is right and the probability of the true class;
 * - Shapley values (shapley.ts) of two value functions on any set of samples: accuracy and mean
 *   true-class probability. Both are means over samples, so φ on a union of samples is the
 *   n-weighted mean of φ on its parts (per class, per group, pooled over jobs);
 * - robustness: accuracy with one modality mean-replaced, or with Gaussian noise σ·std added.
 */
import type { ShapleyEntry } from '../../../../shared/diagnostics'
import { createRng, deriveSeed } from '../../../util/rng'
import { shapleyValues } from './shapley'

/** n × C probabilities of n rows given one n × d_m block per modality. */
export type Predictor = (x: Float32Array[], n: number) => Float32Array

export interface CoalitionOutcomes {
  M: number
  /** Per coalition mask: 1 where the prediction is right. */
  correct: Uint8Array[]
  /** Per coalition mask: probability of the true class per sample. */
  trueClassProb: Float32Array[]
}

/** Per-feature mean and standard deviation of an n × d block (population std; 0 for n = 0). */
export function columnStats(x: Float32Array, d: number): { mean: Float32Array; std: Float32Array } {
  const n = d === 0 ? 0 : x.length / d
  const mean = new Float64Array(d)
  const sq = new Float64Array(d)
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x[i * d + j]!
  for (let j = 0; j < d; j++) mean[j] = n ? mean[j]! / n : 0
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sq[j]! += (x[i * d + j]! - mean[j]!) ** 2
  return { mean: Float32Array.from(mean), std: Float32Array.from(sq, (s) => (n ? Math.sqrt(s / n) : 0)) }
}

/** n rows of the vector `row`. */
function repeatRow(row: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n * row.length)
  for (let i = 0; i < n; i++) out.set(row, i * row.length)
  return out
}

function scoreRows(probs: Float32Array, y: Int32Array, C: number): { correct: Uint8Array; trueClassProb: Float32Array } {
  const n = y.length
  const correct = new Uint8Array(n)
  const trueClassProb = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    let best = 0
    for (let c = 1; c < C; c++) if (probs[i * C + c]! > probs[i * C + best]!) best = c
    correct[i] = best === y[i] ? 1 : 0
    trueClassProb[i] = probs[i * C + y[i]!]!
  }
  return { correct, trueClassProb }
}

/**
 * Runs the predictor on all 2^M coalitions of the test inputs.
 * @param means per modality the training-part feature means (the "absent" value)
 */
export function coalitionOutcomes(predict: Predictor, x: Float32Array[], y: Int32Array, means: Float32Array[], C: number): CoalitionOutcomes {
  const M = x.length
  const n = y.length
  const absent = means.map((m) => repeatRow(m, n))
  const correct: Uint8Array[] = []
  const trueClassProb: Float32Array[] = []
  for (let mask = 0; mask < 1 << M; mask++) {
    const inputs = x.map((xm, m) => (mask & (1 << m) ? xm : absent[m]!))
    const s = scoreRows(predict(inputs, n), y, C)
    correct.push(s.correct)
    trueClassProb.push(s.trueClassProb)
  }
  return { M, correct, trueClassProb }
}

const meanOver = (values: ArrayLike<number>, rows: readonly number[]): number => {
  let s = 0
  for (const i of rows) s += values[i]!
  return rows.length ? s / rows.length : Number.NaN
}

/** Value of each coalition on `rows` (both value functions). */
export function coalitionValues(o: CoalitionOutcomes, rows: readonly number[]): { accuracy: number[]; trueClassProb: number[] } {
  return { accuracy: o.correct.map((c) => meanOver(c, rows)), trueClassProb: o.trueClassProb.map((p) => meanOver(p, rows)) }
}

/** Shapley values of the modalities on the samples `rows` (NaN entries when `rows` is empty). */
export function shapleyOn(o: CoalitionOutcomes, rows: readonly number[]): ShapleyEntry {
  if (rows.length === 0) return { n: 0, accuracy: new Array<number>(o.M).fill(Number.NaN), trueClassProb: new Array<number>(o.M).fill(Number.NaN) }
  const v = coalitionValues(o, rows)
  return { n: rows.length, accuracy: shapleyValues(v.accuracy, o.M), trueClassProb: shapleyValues(v.trueClassProb, o.M) }
}

/**
 * Accuracy with each modality mean-replaced, and with noise N(0, (σ·std_j)²) added to each of its
 * features j, per noise level σ. The noise stream is `deriveSeed(seed, 'diagnostics', 'noise', m, k)`.
 */
export function robustnessCurves(
  predict: Predictor,
  x: Float32Array[],
  y: Int32Array,
  stats: { mean: Float32Array; std: Float32Array }[],
  noiseLevels: readonly number[],
  C: number,
  seed: number,
): { baseline: number; perModality: { dropped: number; noised: number[] }[] } {
  const n = y.length
  const acc = (inputs: Float32Array[]): number => meanOver(scoreRows(predict(inputs, n), y, C).correct, Array.from({ length: n }, (_, i) => i))
  const baseline = acc(x)
  const perModality = x.map((xm, m) => {
    const { mean, std } = stats[m]!
    const d = mean.length
    const dropped = acc(x.map((v, k) => (k === m ? repeatRow(mean, n) : v)))
    const noised = noiseLevels.map((sigma, level) => {
      const rng = createRng(deriveSeed(seed, 'diagnostics', 'noise', m, level))
      const noisy = Float32Array.from(xm, (v, idx) => v + sigma * std[idx % d]! * rng.normal())
      return acc(x.map((v, k) => (k === m ? noisy : v)))
    })
    return { dropped, noised }
  })
  return { baseline, perModality }
}
