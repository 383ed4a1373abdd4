/**
 * Sensitivity at a fixed specificity (a clinical operating point), read off a ROC curve.
 *
 * Rule: with target FPR f = 1 − specificity, take the ROC points of `rocCurve` (all points, no
 * dropping), the last point with FPR ≤ f (the highest TPR reachable without exceeding f) and, when
 * its FPR is below f, interpolate linearly towards the next point. Linear interpolation between
 * two ROC points is what a randomised mix of their two thresholds achieves, so the value is an
 * attainable sensitivity at exactly that specificity.
 */
import { rocCurve } from './auc'

/**
 * @param yBinary non-zero = positive
 * @param scores higher = more likely positive
 * @param specificity in (0, 1)
 * @returns null when undefined (no positive or no negative sample)
 * @example sensitivityAtSpecificity([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.9) // 0.5
 */
export function sensitivityAtSpecificity(yBinary: ArrayLike<number>, scores: ArrayLike<number>, specificity: number): number | null {
  const curve = rocCurve(yBinary, scores, { dropIntermediate: false })
  if (!curve) return null
  const target = 1 - specificity
  const { fpr, tpr } = curve
  let k = 0
  while (k + 1 < fpr.length && fpr[k + 1]! <= target) k++
  const x0 = fpr[k]!
  const y0 = tpr[k]!
  if (x0 >= target || k + 1 >= fpr.length) return y0
  const x1 = fpr[k + 1]!
  const y1 = tpr[k + 1]!
  return y0 + ((y1 - y0) * (target - x0)) / (x1 - x0)
}

/**
 * Sensitivity at `specificity` for an n × C probability matrix: binary = class 1's column;
 * multiclass = macro mean over the classes (one-vs-rest, column c vs y = c) where it is defined.
 * @returns null when no class gives a defined value
 */
export function sensitivityAtSpecificityProbs(yTrue: ArrayLike<number>, probs: ArrayLike<number>, numClasses: number, specificity: number): number | null {
  const n = yTrue.length
  const classes = numClasses === 2 ? [1] : Array.from({ length: numClasses }, (_, c) => c)
  const values: number[] = []
  for (const c of classes) {
    const y = new Int32Array(n)
    const s = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      y[i] = yTrue[i] === c ? 1 : 0
      s[i] = probs[i * numClasses + c] as number
    }
    const v = sensitivityAtSpecificity(y, s, specificity)
    if (v !== null) values.push(v)
  }
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length
}
