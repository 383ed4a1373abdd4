/** Class weights for weighted cross-entropy and the weighted loss itself (pure maths + one tfjs function). */
import * as tf from '@tensorflow/tfjs'
import { balancedClassWeights } from '../../engine/class-weights'
import { softmaxCrossEntropyPerSample } from '../../engine/losses'

export type WeightNormalization = 'none' | 'samples' | 'classes'

/**
 * Per-class weights w_c = (N / (C · n_c))^power (sklearn 'balanced' for power 1), then optionally
 * rescaled: 'samples' → Σ_c n_c w_c = N (the average training sample keeps weight 1, so the loss
 * scale and learning rate stay comparable to plain CE); 'classes' → mean_c w_c = 1.
 * Absent classes (n_c = 0) get 0.
 *
 * @example classWeights([6, 3, 1]) // → [0.5556, 1.1111, 3.3333]  (10/18, 10/9, 10/3)
 */
export function classWeights(counts: readonly number[], power = 1, normalize: WeightNormalization = 'none'): number[] {
  const w = balancedClassWeights(counts, power)
  if (normalize === 'none') return w
  const n = counts.reduce((s, c) => s + c, 0)
  const denom = normalize === 'samples' ? w.reduce((s, wc, c) => s + wc * (counts[c] ?? 0), 0) / n : w.reduce((s, wc) => s + wc, 0) / w.length
  return denom > 0 ? w.map((wc) => wc / denom) : w
}

/**
 * Class-weighted softmax cross-entropy with PyTorch's `CrossEntropyLoss(weight=w)` reduction:
 * Σ_i s_i ℓ_i / Σ_i s_i with s_i = b_i · (t_i · w) (b_i: the batch's sample weight, t_i the target
 * row; for one-hot targets t_i · w = w_{y_i}). With reduction 'mean' the denominator is Σ_i b_i instead.
 *
 * @param logits [b, C]; @param targets [b, C]; @param sampleWeights [b]; @param weights [C]
 */
export function weightedCrossEntropy(
  logits: tf.Tensor2D,
  targets: tf.Tensor2D,
  sampleWeights: tf.Tensor1D,
  weights: tf.Tensor1D,
  reduction: 'weighted-mean' | 'mean' = 'weighted-mean',
): tf.Scalar {
  return tf.tidy(() => {
    const classWeightPerSample = tf.sum(tf.mul(targets, weights), 1)
    const s = tf.mul(sampleWeights, classWeightPerSample)
    const numerator = tf.sum(tf.mul(s, softmaxCrossEntropyPerSample(logits, targets)))
    const denominator = reduction === 'weighted-mean' ? tf.sum(s) : tf.sum(sampleWeights)
    return tf.div(numerator, tf.maximum(denominator, 1e-12)) as tf.Scalar
  })
}
