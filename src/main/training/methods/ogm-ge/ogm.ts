/**
 * OGM-GE maths as pure functions (Peng, Wei, Deng, Wang, Hu. "Balanced Multimodal Learning via
 * On-the-fly Gradient Modulation", CVPR 2022; code GeWu-Lab/OGM-GE_CVPR2022 main.py `train_epoch`).
 */

/**
 * Batch score of one modality, s_m = Σ_i Σ_c t_ic · softmax(z_m,i)_c. With one-hot targets this is
 * the code's `sum([softmax(out_m)[i][label[i]] for i in batch])`; soft targets (mixing methods)
 * weight each class by its target share.
 *
 * @param logits b × C row-major unimodal logits z_m
 * @param targets b × C row-major targets
 */
export function modalityScore(logits: Float32Array, targets: Float32Array, numClasses: number): number {
  const b = logits.length / numClasses
  let s = 0
  for (let i = 0; i < b; i++) {
    let max = -Infinity
    for (let c = 0; c < numClasses; c++) max = Math.max(max, logits[i * numClasses + c]!)
    let z = 0
    for (let c = 0; c < numClasses; c++) z += Math.exp(logits[i * numClasses + c]! - max)
    for (let c = 0; c < numClasses; c++) s += (targets[i * numClasses + c]! * Math.exp(logits[i * numClasses + c]! - max)) / z
  }
  return s
}

/**
 * Discrepancy ratios generalised to M modalities: ρ_m = s_m / min_k s_k (BalanceMM's rule for
 * M > 2; for M = 2 it gives the paper's ρ = s_dominant / s_weak and 1 for the weak modality).
 * A zero minimum is replaced by 1e-12 so that ratios stay finite.
 */
export function scoreRatios(scores: readonly number[]): number[] {
  const min = Math.max(Math.min(...scores), 1e-12)
  return scores.map((s) => s / min)
}

/**
 * Modulation coefficient k_m (paper Eq. 10 as implemented):
 * - `paper`: 1 − tanh(α · ρ_m) when ρ_m > 1, else 1 (k jumps from 1 to 1 − tanh(α) at ρ = 1);
 * - `continuous`: 1 − tanh(α · (ρ_m − 1)) when ρ_m > 1, else 1 (no jump; OPM-style shift).
 */
export function ogmCoefficient(ratio: number, alpha: number, form: 'paper' | 'continuous'): number {
  if (!(ratio > 1)) return 1
  return 1 - Math.tanh(alpha * (form === 'paper' ? ratio : ratio - 1))
}

/** Whether 1-based `epoch` lies in the inclusive window [start, end] (the code's intent; its test is inverted). */
export const inWindow = (epoch: number, start: number, end: number): boolean => epoch >= start && epoch <= end

/** Sample (n − 1) standard deviation, as torch's `Tensor.std()`; 0 for fewer than 2 values. */
export function sampleStd(values: Float32Array): number {
  const n = values.length
  if (n < 2) return 0
  let mean = 0
  for (const v of values) mean += v
  mean /= n
  let ss = 0
  for (const v of values) ss += (v - mean) * (v - mean)
  return Math.sqrt(ss / (n - 1))
}
