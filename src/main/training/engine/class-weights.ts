/** Class-frequency weights shared by the class-imbalance methods (pure arrays, no tensors). */

/**
 * "Balanced" class weights, w_c = (N / (C · n_c))^power, as sklearn's
 * `compute_class_weight('balanced')` for power = 1 (sklearn/utils/class_weight.py).
 * A class absent from training (n_c = 0) gets weight 0: no sample carries it, and an infinite
 * weight would turn a one-hot product into NaN.
 *
 * @param counts n_c per class (length C)
 * @param power exponent (1 = inverse frequency, 0.5 = inverse square root, 0 = uniform)
 * @example balancedClassWeights([6, 3, 1]) // → [10/18, 10/9, 10/3]
 */
export function balancedClassWeights(counts: readonly number[], power = 1): number[] {
  const n = counts.reduce((s, c) => s + c, 0)
  const k = counts.length
  return counts.map((c) => (c > 0 ? Math.pow(n / (k * c), power) : 0))
}

/** Training-part class counts n_c from labels in 0..numClasses-1. */
export function countClasses(labels: ArrayLike<number>, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0)
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number
    if (c >= 0 && c < numClasses) counts[c] = (counts[c] as number) + 1
  }
  return counts
}
