/**
 * CGGM maths (Guo, Jin, Chen, Zhao. "Classifier-guided Gradient Modulation for Enhanced Multimodal
 * Learning", NeurIPS 2024; code zrguo/CGGM src/foodtrain.py, src/msatrain.py, src/eval_metrics.py).
 */
import * as tf from '@tensorflow/tfjs'

/** The code's denominator: 1e-8 added to the (signed or absolute) sum of accuracy changes. */
export const CGGM_EPS = 1e-8

/**
 * Magnitude coefficients from the per-modality accuracy changes Δ_m = acc_m(t) − acc_m(t−1):
 * - `signed` (CGGM code): S = Σ_k Δ_k + 1e-8, B_m = (S − Δ_m) / S. When Σ Δ ≈ 0 the coefficients
 *   explode and can turn negative (e.g. Δ = (0.1, −0.1) gives B ≈ (−1e7, 1e7)); the code relies on
 *   gradient clipping afterwards.
 * - `absolute` (MultiFair's variant): B_m = (Σ_k |Δ_k| − |Δ_m|) / (Σ_k |Δ_k| + 1e-8), in [0, 1].
 * Either way the modality whose classifier improved less gets the larger coefficient.
 */
export function cggmCoefficients(delta: readonly number[], mode: 'signed' | 'absolute'): number[] {
  if (mode === 'signed') {
    const s = delta.reduce((a, d) => a + d, 0) + CGGM_EPS
    return delta.map((d) => (s - d) / s)
  }
  const s = delta.reduce((a, d) => a + Math.abs(d), 0)
  return delta.map((d) => (s - Math.abs(d)) / (s + CGGM_EPS))
}

/**
 * Accuracy of argmax predictions on the rows with a label (≥ 0); synthetic rows (−1) are skipped.
 * @param logits b × C row-major
 * @returns NaN when no row has a label
 */
export function batchAccuracy(logits: Float32Array, labels: Int32Array, numClasses: number): number {
  let hit = 0
  let n = 0
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!
    if (y < 0) continue
    let best = 0
    for (let c = 1; c < numClasses; c++) if (logits[i * numClasses + c]! > logits[i * numClasses + best]!) best = c
    n++
    if (best === y) hit++
  }
  return n ? hit / n : Number.NaN
}

/** cos(a, b) = a·b / max(‖a‖‖b‖, 1e-8) over the flattened tensors (torch F.cosine_similarity on `.view(-1)`). */
export function cosineSimilarity(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const x = tf.reshape(a, [-1])
    const y = tf.reshape(b, [-1])
    return tf.div(tf.sum(tf.mul(x, y)), tf.maximum(tf.mul(tf.norm(x), tf.norm(y)), 1e-8)) as tf.Scalar
  })
}

/**
 * The direction term L_gm = (Σ_m |B_m| − Σ_m B_m · cos_m) / M, with B_m plain numbers (constants)
 * and cos_m = cos(W_unimodal_m, W_fusion_m) differentiable. It is 0 when every fusion block points
 * like its unimodal classifier and grows as they diverge (for B_m > 0).
 */
export function directionLoss(coefficients: readonly number[], cosines: readonly tf.Scalar[]): tf.Scalar {
  return tf.tidy(() => {
    const M = coefficients.length
    const absSum = coefficients.reduce((a, b) => a + Math.abs(b), 0)
    const weighted = tf.addN(cosines.map((c, m) => tf.mul(c, coefficients[m]!)))
    return tf.div(tf.sub(absSum, weighted), M) as tf.Scalar
  })
}
