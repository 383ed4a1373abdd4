/**
 * MultiFair's loss terms as tensors. `paper-intent` versions are differentiable (methods.md §3.6);
 * the `code-faithful` ones are plain numbers added as constants, exactly as the reference code
 * adds them (no gradient: §3.5 items 1–2).
 */
import * as tf from '@tensorflow/tfjs'

/** The classes scored one-vs-rest: [1] for binary, all for multiclass (see statistics.ts). */
const scoredClasses = (C: number): number[] => (C === 2 ? [1] : Array.from({ length: C }, (_, c) => c))

/**
 * Differentiable pairwise-logistic surrogate AUC of a group on the fused head:
 *   SAUC_g = mean_c [ 1 − Σ_{i∈pos, j∈neg} log(1 + exp(−(p_ic − p_jc))) / (|pos| |neg|) ]
 * over the one-vs-rest classes c with both sides in the group (pairs as a constant 0/1 weight matrix).
 * @param probs [b, C] softmax of the fused logits; @returns undefined when no class has both sides
 */
export function surrogateAucTensor(probs: tf.Tensor2D, y: ArrayLike<number>, rows: readonly number[]): tf.Scalar | undefined {
  const [b, C] = probs.shape
  const terms: tf.Scalar[] = []
  for (const c of scoredClasses(C)) {
    const pos = rows.filter((i) => y[i] === c)
    const neg = rows.filter((i) => y[i] !== c)
    if (pos.length === 0 || neg.length === 0) continue
    const pairs = new Float32Array(b * b)
    for (const i of pos) for (const j of neg) pairs[i * b + j] = 1 / (pos.length * neg.length)
    const p = tf.reshape(tf.slice(probs, [0, c], [b, 1]), [b])
    const diff = tf.sub(tf.reshape(p, [b, 1]), tf.reshape(p, [1, b]))
    const surrogateLoss = tf.sum(tf.mul(tf.tensor2d(pairs, [b, b]), tf.softplus(tf.neg(diff))))
    terms.push(tf.sub(1, surrogateLoss) as tf.Scalar)
  }
  return terms.length === 0 ? undefined : (tf.div(tf.addN(terms), terms.length) as tf.Scalar)
}

/**
 * Paper-intent group-gap penalty (methods.md §3.6 ii): mean_g |SAUC_g − mean_g' SAUC_g'| over the
 * groups with a defined surrogate AUC (K groups). undefined with fewer than two such groups.
 */
export function groupGapPenalty(logits: tf.Tensor2D, y: ArrayLike<number>, groupRows: readonly number[][]): tf.Scalar | undefined {
  const probs = tf.softmax(logits) as tf.Tensor2D
  const saucs = groupRows.filter((r) => r.length >= 2).flatMap((r) => surrogateAucTensor(probs, y, r) ?? [])
  if (saucs.length < 2) return undefined
  const stacked = tf.stack(saucs) as tf.Tensor1D
  return tf.mean(tf.abs(tf.sub(stacked, tf.mean(stacked)))) as tf.Scalar
}

/** cos(a, b) of two flattened tensors, differentiable. */
function cosine(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  const dot = tf.sum(tf.mul(a, b))
  return tf.div(dot, tf.add(tf.mul(tf.norm(a), tf.norm(b)), 1e-8)) as tf.Scalar
}

/**
 * Direction term L_gm = (Σ_m |coeff_m| − Σ_m coeff_m · cos(W_uni_m, W_fus_m)) / M on classifier
 * **weights** (CGGM style, methods.md §6.2), differentiable in both weight sets.
 * @param pairs per modality the unimodal head's W [h, C] and the fusion classifier's block for m [h, C]
 */
export function directionTerm(coeff: readonly number[], pairs: readonly { uni: tf.Tensor; fusion: tf.Tensor }[]): tf.Scalar {
  const M = pairs.length
  const absSum = coeff.reduce((s, c) => s + Math.abs(c), 0)
  const aligned = tf.addN(pairs.map((p, m) => tf.mul(coeff[m] ?? 0, cosine(p.uni, p.fusion))))
  return tf.div(tf.sub(absSum, aligned), M) as tf.Scalar
}
