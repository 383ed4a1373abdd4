/** The MM objective on mixed rows: soft-target cross-entropy (default) or per-class BCE with logits. */
import * as tf from '@tensorflow/tfjs'
import { softmaxCrossEntropyPerSample } from '../../engine/losses'

/**
 * Per-row binary cross-entropy against soft targets, averaged over classes:
 * ℓ_i = (1/C) Σ_c [max(z,0) − z·t + log(1 + e^{−|z|})] (the stable form of −t log σ(z) − (1−t) log(1−σ(z))).
 * @returns [b]
 */
export function softBcePerSample(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const l = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, targets)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))))
    return tf.mean(l, 1) as tf.Tensor1D
  })
}

/**
 * L_MM = Σ_i m_i ℓ_i / Σ_i m_i over the rows with mask m_i = 1 (0 when none).
 * @param mask [b] of 0/1 (constant)
 */
export function mixLoss(logits: tf.Tensor2D, targets: tf.Tensor2D, mask: tf.Tensor1D, kind: 'soft-ce' | 'bce'): tf.Scalar {
  return tf.tidy(() => {
    const per = kind === 'bce' ? softBcePerSample(logits, targets) : softmaxCrossEntropyPerSample(logits, targets)
    return tf.div(tf.sum(tf.mul(per, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar
  })
}
