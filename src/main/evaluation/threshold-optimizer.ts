/**
 * Post-processing for equalized odds: per-group randomised thresholds on a binary score, after
 * fairlearn's `ThresholdOptimizer(constraints="equalized_odds")` (Hardt, Price & Srebro 2016,
 * "Equality of Opportunity in Supervised Learning"; fairlearn
 * fairlearn/postprocessing/_threshold_optimizer.py `_threshold_optimization_equalized_odds`).
 *
 * Fit (on the validation part):
 * 1. per group g, the ROC points of its scores (`score ≥ t` positive, all distinct thresholds plus
 *    (0, 0) and (1, 1)) and their upper convex hull H_g: every point on or under H_g and above the
 *    diagonal is attainable by randomising between two thresholds and a coin;
 * 2. on a grid x_0..x_K of K + 1 equally spaced FPRs in [0, 1] (fairlearn's grid_size = K = 1000),
 *    y(x) = min_g H_g(x) is a (FPR, TPR) pair every group can attain;
 * 3. choose the grid point maximising the objective: accuracy = (n⁺·y + n⁻·(1 − x)) / n, or
 *    balanced accuracy = (y + 1 − x) / 2 (first maximum wins);
 * 4. per group, reach (x*, y*) by mixing: with probability p_ignore predict positive with
 *    probability x* (a point on the diagonal), otherwise use the hull point at x* — itself a mix of
 *    the two hull vertices around x* (threshold t_0 with probability p_0, t_1 with 1 − p_0).
 *    p_ignore = (H_g(x*) − y*) / (H_g(x*) − x*), 0 when the hull point is already y*.
 *
 * Apply (on the test part): each sample draws its randomisation from a seeded stream, so the same
 * seed gives the same predictions. Samples whose group is unknown, or whose group could not be
 * fitted (absent from the validation part or with one class there), keep the base prediction
 * (argmax = 1[p ≥ 0.5] up to ties) and are counted.
 */
import type { Rng } from '../util/rng'

export interface HullPoint {
  x: number
  y: number
  /** Predict positive when score ≥ threshold (+Infinity: never; −Infinity: always). */
  threshold: number
}

/** One group's fitted rule. */
export interface GroupRule {
  /** Probability of the diagonal (coin) component. */
  pIgnore: number
  /** Probability of predicting positive in the coin component (= x*). */
  coin: number
  /** The two hull vertices around x*, mixed with probabilities p0 / 1 − p0. */
  t0: number
  t1: number
  p0: number
}

export interface ThresholdFit {
  /** Shared operating point (FPR, TPR) on the validation part. */
  fpr: number
  tpr: number
  objective: 'accuracy' | 'balanced_accuracy'
  /** Rule per group code; null where the group could not be fitted. */
  rules: (GroupRule | null)[]
}

/** ROC points (x = FPR, y = TPR) of `score ≥ threshold` for every distinct score, with (0,0) and (1,1). */
export function rocPoints(yBinary: ArrayLike<number>, scores: ArrayLike<number>): HullPoint[] | null {
  const n = yBinary.length
  let pos = 0
  for (let i = 0; i < n; i++) if (yBinary[i]) pos++
  const neg = n - pos
  if (pos === 0 || neg === 0) return null
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number))
  const points: HullPoint[] = [{ x: 0, y: 0, threshold: Infinity }]
  let tp = 0
  let fp = 0
  for (let k = 0; k < n; k++) {
    const i = order[k]!
    if (yBinary[i]) tp++
    else fp++
    const next = order[k + 1]
    if (next === undefined || scores[next] !== scores[i]) points.push({ x: fp / neg, y: tp / pos, threshold: scores[i] as number })
  }
  points.push({ x: 1, y: 1, threshold: -Infinity })
  return points
}

/** Upper convex hull of ROC points, from (0, 0) to (1, 1), x increasing (Andrew's monotone chain). */
export function upperHull(points: readonly HullPoint[]): HullPoint[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || b.y - a.y)
  const hull: HullPoint[] = []
  for (const p of sorted) {
    if (hull.length > 0 && hull[hull.length - 1]!.x === p.x) continue // same x: the higher y came first
    while (hull.length >= 2) {
      const a = hull[hull.length - 2]!
      const b = hull[hull.length - 1]!
      // Drop b when it lies on or below the segment a → p.
      if ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) >= 0) hull.pop()
      else break
    }
    hull.push(p)
  }
  return hull
}

/** The hull's TPR at `x`, with the two vertices around it and the weight p0 of the left one. */
export function hullAt(hull: readonly HullPoint[], x: number): { y: number; left: HullPoint; right: HullPoint; p0: number } {
  let k = 0
  while (k + 1 < hull.length - 1 && hull[k + 1]!.x <= x) k++
  const left = hull[k]!
  const right = hull[k + 1] ?? left
  if (right.x === left.x) return { y: Math.max(left.y, right.y), left, right, p0: 1 }
  const p0 = (right.x - x) / (right.x - left.x)
  return { y: p0 * left.y + (1 - p0) * right.y, left, right, p0 }
}

/**
 * Fits per-group rules on binary labels, scores P(y = 1) and group codes (-1 = unknown, skipped).
 * @returns null when no group can be fitted (every group lacks a class)
 */
export function fitEqualizedOddsThresholds(
  yBinary: ArrayLike<number>,
  scores: ArrayLike<number>,
  groupCodes: ArrayLike<number>,
  numGroups: number,
  options: { objective?: 'accuracy' | 'balanced_accuracy'; gridSize?: number } = {},
): ThresholdFit | null {
  const objective = options.objective ?? 'accuracy'
  const K = options.gridSize ?? 1000
  const hulls: (HullPoint[] | null)[] = []
  let nPos = 0
  let nNeg = 0
  for (let g = 0; g < numGroups; g++) {
    const y: number[] = []
    const s: number[] = []
    for (let i = 0; i < groupCodes.length; i++) {
      if (groupCodes[i] !== g) continue
      y.push(yBinary[i] ? 1 : 0)
      s.push(scores[i] as number)
    }
    const points = rocPoints(y, s)
    hulls.push(points ? upperHull(points) : null)
    if (!points) continue
    for (const v of y) {
      if (v) nPos++
      else nNeg++
    }
  }
  const fitted = hulls.filter((h): h is HullPoint[] => h !== null)
  if (fitted.length === 0) return null
  const n = nPos + nNeg
  let best = { x: 0, y: 0, value: -Infinity }
  for (let k = 0; k <= K; k++) {
    const x = k / K
    const y = Math.min(...fitted.map((h) => hullAt(h, x).y))
    const value = objective === 'accuracy' ? (nPos * y + nNeg * (1 - x)) / n : (y + 1 - x) / 2
    if (value > best.value) best = { x, y, value }
  }
  const rules = hulls.map((h): GroupRule | null => {
    if (!h) return null
    const at = hullAt(h, best.x)
    const pIgnore = at.y - best.y <= 1e-12 || at.y === best.x ? 0 : (at.y - best.y) / (at.y - best.x)
    return { pIgnore, coin: best.x, t0: at.left.threshold, t1: at.right.threshold, p0: at.p0 }
  })
  return { fpr: best.x, tpr: best.y, objective, rules }
}

/**
 * Randomised predictions (0/1) of the fitted rules; `base` (the unprocessed prediction) where the
 * group is unknown or unfitted. Draws three uniforms per sample, in sample order, from `rng`.
 */
export function applyThresholds(fit: ThresholdFit, scores: ArrayLike<number>, groupCodes: ArrayLike<number>, base: ArrayLike<number>, rng: Rng): { yPred: Int32Array; fallback: number } {
  const n = scores.length
  const yPred = new Int32Array(n)
  let fallback = 0
  for (let i = 0; i < n; i++) {
    const u1 = rng.next()
    const u2 = rng.next()
    const u3 = rng.next()
    const g = groupCodes[i] as number
    const rule = g >= 0 ? fit.rules[g] : undefined
    if (!rule) {
      yPred[i] = base[i] as number
      fallback++
      continue
    }
    const s = scores[i] as number
    if (u1 < rule.pIgnore) yPred[i] = u2 < rule.coin ? 1 : 0
    else yPred[i] = s >= (u3 < rule.p0 ? rule.t0 : rule.t1) ? 1 : 0
  }
  return { yPred, fallback }
}
