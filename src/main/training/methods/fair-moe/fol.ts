/**
 * Fair-MoE's fairness-oriented loss (FOL) terms on a gate matrix O (rows = tokens or samples,
 * columns = experts), methods.md §4.2–4.3 (LinjieT/Fair-MoE…: FairMoEfinetune.py):
 *   load:        −λ · mean_j Var(O[:, j])                       (code only, not in the paper)
 *   dispersion:  code  λ · (mean_j Var(O_g[:, j]) − mean_j Var(O[:, j]))²   per group g
 *                paper λ · Σ_j (Var(O[:, j]) − Var(O_g[:, j]))²            per group g
 * Var is the unbiased (n − 1) variance over rows, as torch.var. Group rows by 0/1 masks.
 */
import * as tf from '@tensorflow/tfjs'
import { stopGradient } from '../../engine/stop-gradient'

/** Unbiased per-column variance of the rows selected by `mask` ([rows] 0/1, count n ≥ 2). @returns [E] */
export function maskedColumnVariance(O: tf.Tensor2D, mask: Float32Array, n: number): tf.Tensor1D {
  const m = tf.tensor2d(mask, [mask.length, 1])
  const mean = tf.div(tf.sum(tf.mul(O, m), 0), n)
  return tf.div(tf.sum(tf.mul(tf.square(tf.sub(O, mean)), m), 0), n - 1) as tf.Tensor1D
}

export interface DispersionResult {
  load: tf.Scalar | undefined
  dispersion: tf.Scalar | undefined
}

/**
 * Load and dispersion terms of one gate matrix, unweighted (the caller multiplies by λ_moe).
 * @param rowGroups group code per row (−1 unknown: in the batch side only)
 * @param detachGroup group side as a constant (reference: group batch under no_grad)
 */
export function dispersionTerms(O: tf.Tensor2D, rowGroups: ArrayLike<number>, numGroups: number, mode: 'code' | 'paper', detachGroup: boolean): DispersionResult {
  const rows = O.shape[0]
  if (rows < 2) return { load: undefined, dispersion: undefined }
  const all = new Float32Array(rows).fill(1)
  const vBatch = maskedColumnVariance(O, all, rows)
  const load = tf.neg(tf.mean(vBatch)) as tf.Scalar
  const side = detachGroup ? stopGradient(O) : O
  const terms: tf.Scalar[] = []
  for (let g = 0; g < numGroups; g++) {
    const mask = new Float32Array(rows)
    let n = 0
    for (let r = 0; r < rows; r++) if (rowGroups[r] === g) {
      mask[r] = 1
      n++
    }
    if (n < 2) continue
    const vGroup = maskedColumnVariance(side, mask, n)
    terms.push(
      (mode === 'code' ? tf.square(tf.sub(tf.mean(vGroup), tf.mean(vBatch))) : tf.sum(tf.square(tf.sub(vBatch, vGroup)))) as tf.Scalar,
    )
  }
  return { load, dispersion: terms.length > 0 ? (tf.addN(terms) as tf.Scalar) : undefined }
}
