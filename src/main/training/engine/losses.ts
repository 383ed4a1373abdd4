/** Differentiable classification losses shared by the trainer and the loss methods. */
import * as tf from '@tensorflow/tfjs'

/**
 * Per-sample softmax cross-entropy with (possibly soft) targets: ℓ_i = −Σ_c t_ic · log softmax(z_i)_c.
 * Uses logSoftmax (stable; has gradients on cpu, wasm and tfjs-node).
 *
 * @param logits [b, C]
 * @param targets [b, C], rows summing to 1
 * @returns [b]
 */
export function softmaxCrossEntropyPerSample(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1)) as tf.Tensor1D)
}

/**
 * Weighted mean Σ_i w_i ℓ_i / Σ_i w_i (PyTorch's weighted-mean reduction). When every weight is 0
 * the result is 0, not NaN.
 *
 * @param perSample [b]
 * @param weights [b], non-negative; treated as constants
 */
export function weightedMean(perSample: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.div(tf.sum(tf.mul(perSample, weights)), tf.maximum(tf.sum(weights), 1e-12)) as tf.Scalar)
}

/**
 * The default classification loss: softmax cross-entropy, averaged with the batch's sample weights.
 *
 * @param logits [b, C]; @param targets [b, C]; @param weights [b]
 */
export function weightedCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D, weights: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => weightedMean(softmaxCrossEntropyPerSample(logits, targets), weights))
}
