/**
 * Equalized-odds thresholds (fairlearn ThresholdOptimizer idea; Hardt et al. 2016) on a tiny case
 * worked out by hand.
 *
 * Group 0: y [0,0,1,1], s [0.1,0.4,0.35,0.8] (the scikit-learn roc_curve example).
 *   ROC points (FPR, TPR, threshold): (0,0,+∞) (0,0.5,0.8) (0.5,0.5,0.4) (0.5,1,0.35) (1,1,0.1) (1,1,−∞).
 *   Upper hull: (0,0.5,0.8) → (0.5,1,0.35) → (1,1,0.1)   [(0.5,0.5) lies under it].
 * Group 1: y [0,1,0,1], s [0.2,0.9,0.3,0.7]: perfectly ranked; hull (0,1,0.7) → (1,1,0.2).
 * min_g H_g(x) = 0.5 + x on [0, 0.5], 1 after. Accuracy with n⁺ = n⁻ = 4 is (y + 1 − x)/2:
 *   0.75 on all of [0, 0.5] and less after → first maximum x* = 0, y* = 0.5.
 * Group 0 at x = 0: hull point (0, 0.5) itself → no coin (p_ignore 0), threshold 0.8 (p0 = 1).
 * Group 1 at x = 0: hull gives TPR 1 → p_ignore = (1 − 0.5)/(1 − 0) = 0.5 with coin rate x* = 0,
 *   otherwise threshold 0.7. Expected: TPR 0.5 and FPR 0 in both groups.
 */
import { describe, expect, it } from 'vitest'
import { applyThresholds, fitEqualizedOddsThresholds, hullAt, rocPoints, upperHull } from '../../../src/main/evaluation/threshold-optimizer'
import { createRng } from '../../../src/main/util/rng'

const y = [0, 0, 1, 1, 0, 1, 0, 1]
const s = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.3, 0.7]
const g = [0, 0, 0, 0, 1, 1, 1, 1]

describe('ROC convex hull', () => {
  it('drops the points under the hull', () => {
    const hull = upperHull(rocPoints([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])!)
    expect(hull.map((p) => [p.x, p.y, p.threshold])).toEqual([
      [0, 0.5, 0.8],
      [0.5, 1, 0.35],
      [1, 1, 0.1],
    ])
    expect(hullAt(hull, 0.25).y).toBeCloseTo(0.75, 12)
    expect(hullAt(hull, 0.25).p0).toBeCloseTo(0.5, 12)
  })
})

describe('fitEqualizedOddsThresholds', () => {
  const fit = fitEqualizedOddsThresholds(y, s, g, 2)!

  it('finds the shared operating point and the per-group mixtures by hand', () => {
    expect(fit.fpr).toBe(0)
    expect(fit.tpr).toBeCloseTo(0.5, 12)
    expect(fit.rules[0]).toMatchObject({ pIgnore: 0, t0: 0.8, p0: 1 })
    expect(fit.rules[1]).toMatchObject({ pIgnore: 0.5, coin: 0, t0: 0.7, p0: 1 })
  })

  it('equalises TPR and FPR across the groups when applied (expected rates, many draws)', () => {
    // 2000 copies of the data: empirical rates within ±0.03 of the expected 0.5 / 0.
    const reps = 2000
    const ys = Array.from({ length: reps }, () => y).flat()
    const ss = Array.from({ length: reps }, () => s).flat()
    const gs = Array.from({ length: reps }, () => g).flat()
    const { yPred, fallback } = applyThresholds(fit, ss, gs, new Array<number>(ss.length).fill(0), createRng(3))
    expect(fallback).toBe(0)
    for (const group of [0, 1]) {
      let tp = 0
      let pos = 0
      let fp = 0
      let neg = 0
      ys.forEach((yi, i) => {
        if (gs[i] !== group) return
        if (yi) {
          pos++
          tp += yPred[i]!
        } else {
          neg++
          fp += yPred[i]!
        }
      })
      expect(Math.abs(tp / pos - 0.5)).toBeLessThan(0.03)
      expect(fp / neg).toBe(0)
    }
  })

  it('keeps the base prediction for unknown or unfitted groups, and is seeded', () => {
    const withUnfitted = fitEqualizedOddsThresholds([...y, 1, 1], [...s, 0.5, 0.6], [...g, 2, 2], 3)!
    expect(withUnfitted.rules[2]).toBeNull()
    const a = applyThresholds(withUnfitted, [0.9, 0.5, 0.1], [2, -1, 1], [1, 0, 1], createRng(1))
    expect([a.yPred[0], a.yPred[1]]).toEqual([1, 0])
    expect(a.fallback).toBe(2)
    const b = applyThresholds(withUnfitted, [0.9, 0.5, 0.1], [2, -1, 1], [1, 0, 1], createRng(1))
    expect(b.yPred).toEqual(a.yPred)
  })

  it('returns null when no group holds both labels', () => {
    expect(fitEqualizedOddsThresholds([1, 1, 0], [0.2, 0.3, 0.4], [0, 0, 1], 2)).toBeNull()
  })
})
