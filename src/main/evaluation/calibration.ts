/**
 * Top-label calibration: reliability bins and expected calibration error (ECE), the definition
 * of Guo et al. 2017, "On Calibration of Modern Neural Networks" (ICML), Eq. 3:
 *
 *     ECE = Σ_b (|B_b| / n) · |acc(B_b) − conf(B_b)|
 *
 * where a sample's confidence is its highest class probability, its prediction the argmax (ties
 * → lowest index), and B_b the samples whose confidence falls in bin b of M equal-width bins
 * (lo, hi] = (b/M, (b+1)/M], b = 0..M-1 (M = 15 by default, as in Guo et al.'s code). A
 * confidence of exactly 0 falls in no bin (impossible for a normalised row, whose top
 * probability is ≥ 1/C).
 */
import { argmaxRows } from './classification'

export interface CalibrationBin {
  lo: number
  hi: number
  count: number
  /** Share of correct predictions in the bin; null when the bin is empty. */
  accuracy: number | null
  /** Mean top-label confidence in the bin; null when the bin is empty. */
  confidence: number | null
}

/** Default number of bins (Guo et al. 2017). */
export const ECE_BINS = 15

/** Reliability-diagram bins of top-label confidence (see the module docblock for the binning). */
export function calibrationBins(yTrue: ArrayLike<number>, probs: ArrayLike<number>, numClasses: number, bins = ECE_BINS): CalibrationBin[] {
  const n = yTrue.length
  const pred = argmaxRows(probs, numClasses)
  const edges = Array.from({ length: bins + 1 }, (_, b) => b / bins)
  const count = new Float64Array(bins)
  const correct = new Float64Array(bins)
  const confSum = new Float64Array(bins)
  for (let i = 0; i < n; i++) {
    const conf = probs[i * numClasses + pred[i]!] as number
    if (!(conf > 0)) continue
    // First guess from the arithmetic, then settle against the exact edges: lo < conf <= hi.
    let b = Math.min(bins - 1, Math.max(0, Math.ceil(conf * bins) - 1))
    while (b > 0 && conf <= edges[b]!) b--
    while (b < bins - 1 && conf > edges[b + 1]!) b++
    count[b]!++
    confSum[b]! += conf
    if (pred[i] === yTrue[i]) correct[b]!++
  }
  return Array.from({ length: bins }, (_, b) => ({
    lo: edges[b]!,
    hi: edges[b + 1]!,
    count: count[b]!,
    accuracy: count[b]! > 0 ? correct[b]! / count[b]! : null,
    confidence: count[b]! > 0 ? confSum[b]! / count[b]! : null,
  }))
}

/**
 * Expected calibration error over `bins` equal-width top-label confidence bins (default 15).
 *
 * @example
 * // one sample, p = [0.3, 0.7], label 1: conf 0.7 in bin (0.667, 0.733], acc 1 → ECE = |1 − 0.7| = 0.3
 * expectedCalibrationError([1], [0.3, 0.7], 2) // 0.3
 */
export function expectedCalibrationError(yTrue: ArrayLike<number>, probs: ArrayLike<number>, numClasses: number, bins = ECE_BINS): number {
  const n = yTrue.length
  let ece = 0
  for (const bin of calibrationBins(yTrue, probs, numClasses, bins)) {
    if (bin.count > 0) ece += (bin.count / n) * Math.abs(bin.accuracy! - bin.confidence!)
  }
  return ece
}
