/** Multiclass softmax focal loss (Lin et al. 2017), differentiable, with optional per-class α. */
import * as tf from '@tensorflow/tfjs'

/**
 * Per-sample focal loss FL_i = −Σ_c α_c · t_ic · (1 − p_ic)^γ · log p_ic with p = softmax(z).
 * For one-hot targets this is the paper's FL(p_t) = −α_t (1 − p_t)^γ log p_t (Lin et al. 2017,
 * "Focal Loss for Dense Object Detection", Eq. 5), written in its softmax multiclass form.
 * γ = 0 and α = 1 give softmax cross-entropy.
 * (1 − p) is clipped to [1e-7, 1] so that d/dp (1 − p)^γ stays finite for 0 < γ < 1.
 *
 * @param logits [b, C]; @param targets [b, C]; @param gamma γ ≥ 0; @param alpha [C] or undefined (all 1)
 * @returns [b]
 */
export function focalLossPerSample(logits: tf.Tensor2D, targets: tf.Tensor2D, gamma: number, alpha?: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const logP = tf.logSoftmax(logits)
    let terms = tf.mul(targets, logP)
    if (gamma > 0) {
      const oneMinusP = tf.clipByValue(tf.sub(1, tf.exp(logP)), 1e-7, 1)
      terms = tf.mul(terms, tf.pow(oneMinusP, gamma))
    }
    if (alpha) terms = tf.mul(terms, alpha)
    return tf.neg(tf.sum(terms, 1)) as tf.Tensor1D
  })
}

/** Plain-number reference of the one-hot focal loss of one sample, for checks: −α (1 − p_y)^γ log p_y. */
export function focalLossOfProbs(probs: readonly number[], y: number, gamma: number, alpha = 1): number {
  const p = probs[y] ?? Number.NaN
  return -alpha * Math.pow(1 - p, gamma) * Math.log(p)
}
