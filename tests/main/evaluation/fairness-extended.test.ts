/**
 * The fairness numbers added for issue 7: TPR/FPR gaps, EOD (mean), accuracy/AUC gaps, sensitivity
 * at a fixed specificity (clinical operating point) and the per-job bootstrap intervals.
 * Expected values are worked out by hand in the comments (sources named there).
 */
import { describe, expect, it } from 'vitest'
import { fairnessMetrics } from '../../../src/main/evaluation/fairness'
import { quantileSorted, withBootstrapCi } from '../../../src/main/evaluation/fairness-bootstrap'
import { sensitivityAtSpecificity, sensitivityAtSpecificityProbs } from '../../../src/main/evaluation/operating-point'

const binaryProbs = (p1: number[]) => Float32Array.from(p1.flatMap((p) => [1 - p, p]))

describe('gaps on the fairlearn user-guide example (docs/user_guide/assessment/common_fairness_metrics.rst)', () => {
  // Same data as tests/main/evaluation/fairness.test.ts. By hand (a=0, b=1, c=2):
  //   TPR a 1/2, b 3/5, c 2/5 → TPR gap 0.6 − 0.4 = 0.2; FPR a 1, b 0, c 2/3 → FPR gap 1.
  //   fairlearn: equalized_odds_difference → 1.0 (worst_case); agg='mean' → (0.2 + 1)/2 = 0.6.
  //   Accuracy a: y 1,1,0,0 ŷ 1,0,1,1 → 1/4; b: y 0,1,1,1,1,1 ŷ 0,0,0,1,1,1 → 4/6;
  //   c: y 0,1,0,0,1,1,1,1 ŷ 1,1,0,1,0,0,1,0 → 3/8. Accuracy gap 2/3 − 1/4 = 5/12, worst 1/4.
  const yTrue = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1]
  const yPred = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0]
  const sf = [1, 1, 0, 1, 1, 2, 2, 2, 0, 0, 2, 0, 1, 2, 2, 1, 2, 2]
  const f = fairnessMetrics({ yTrue, probs: binaryProbs(yPred.map((p) => (p ? 0.7 : 0.3))), numClasses: 2, attribute: { name: 'sf', groups: ['a', 'b', 'c'], values: sf } })

  it('splits EOD into its TPR and FPR gaps and gives the mean aggregation', () => {
    expect(f.tprGap).toBeCloseTo(0.2, 12)
    expect(f.fprGap).toBe(1)
    expect(f.eod).toBe(1)
    expect(f.eodMean).toBeCloseTo(0.6, 12)
  })

  it('gives the accuracy gap and the worst-group accuracy', () => {
    expect(f.accuracyGap).toBeCloseTo(5 / 12, 12)
    expect(f.worstGroupAccuracy).toBe(0.25)
  })
})

describe('sensitivity at a fixed specificity', () => {
  // scikit-learn roc_curve docs example: y [0,0,1,1], s [0.1,0.4,0.35,0.8] → fpr [0,0,0.5,0.5,1], tpr [0,0.5,0.5,1,1].
  // Specificity 0.9 → FPR 0.1: last point with FPR ≤ 0.1 is (0, 0.5), next (0.5, 0.5) → 0.5.
  // Specificity 0.5 → FPR 0.5: last point with FPR ≤ 0.5 is (0.5, 1) → 1.
  // Specificity 0.75 → FPR 0.25: between (0, 0.5) and (0.5, 0.5) → 0.5.
  it('reads the ROC curve as worked out by hand', () => {
    const y = [0, 0, 1, 1]
    const s = [0.1, 0.4, 0.35, 0.8]
    expect(sensitivityAtSpecificity(y, s, 0.9)).toBe(0.5)
    expect(sensitivityAtSpecificity(y, s, 0.5)).toBe(1)
    expect(sensitivityAtSpecificity(y, s, 0.75)).toBe(0.5)
  })

  it('interpolates linearly inside a diagonal ROC segment (tied scores)', () => {
    // y [0,1,0,1] all with score 0.5: one ROC step from (0,0) to (1,1); FPR 0.2 → TPR 0.2.
    expect(sensitivityAtSpecificity([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], 0.8)).toBeCloseTo(0.2, 12)
  })

  it('is null without both classes, and macro one-vs-rest for multiclass', () => {
    expect(sensitivityAtSpecificity([1, 1], [0.2, 0.3], 0.9)).toBeNull()
    // 3 classes, each class column perfectly separates its class → every one-vs-rest value 1.
    const probs = Float32Array.from([0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.7, 0.2, 0.1])
    expect(sensitivityAtSpecificityProbs([0, 1, 2, 0], probs, 3, 0.9)).toBe(1)
  })

  it('is reported per group with its gap (ES-AUC worked example of fairness.test.ts)', () => {
    // Group A: the scikit-learn example above → 0.5 at specificity 0.9.
    // Group B: y [0,1,0,1], s [0.2,0.9,0.3,0.7] separates perfectly → 1. Gap 0.5.
    const f = fairnessMetrics({
      yTrue: [0, 0, 1, 1, 0, 1, 0, 1],
      probs: binaryProbs([0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.3, 0.7]),
      numClasses: 2,
      attribute: { name: 'sex', groups: ['A', 'B'], values: [0, 0, 0, 0, 1, 1, 1, 1] },
    })
    expect(f.groups.map((g) => g.sensitivityAtSpecificity)).toEqual([0.5, 1])
    expect(f.sensitivityGap).toBe(0.5)
    expect(f.operatingPoint).toBe(0.9)
    // The AUC gap: A 0.75, B 1 (scikit-learn docs example and a perfect ranking).
    expect(f.aucGap).toBe(0.25)
  })
})

describe('bootstrap intervals', () => {
  it('quantiles interpolate linearly like numpy.percentile (default method)', () => {
    // numpy.percentile([1, 2, 3, 4], [25, 50, 97.5]) → 1.75, 2.5, 3.925
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75)
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantileSorted([1, 2, 3, 4], 0.975)).toBeCloseTo(3.925, 12)
  })

  // Group A always right, group B right on 6 of 10: resampling within groups keeps A's accuracy at 1.
  const yTrue = Array.from({ length: 20 }, (_, i) => i % 2)
  const correct = (i: number) => i < 10 || i % 10 < 6
  const p1 = yTrue.map((y, i) => (correct(i) ? (y ? 0.8 : 0.2) : y ? 0.2 : 0.8))
  const values = yTrue.map((_, i) => (i < 10 ? 0 : 1))
  const input = { yTrue, probs: binaryProbs(p1), numClasses: 2, attribute: { name: 'g', groups: ['A', 'B'], values } }
  const point = fairnessMetrics(input)

  it('keeps constant group metrics constant and brackets the point estimates', () => {
    const f = withBootstrapCi(input, point, { replicates: 300, seed: 5 })
    expect(f.groups[0]!.ci!.accuracy).toEqual([1, 1])
    const [lo, hi] = f.groups[1]!.ci!.accuracy!
    expect(lo).toBeLessThan(0.6)
    expect(hi).toBeGreaterThan(0.6)
    const [glo, ghi] = f.ci!.accuracyGap!
    expect(glo).toBeLessThanOrEqual(point.accuracyGap!)
    expect(ghi).toBeGreaterThanOrEqual(point.accuracyGap!)
    expect(f.bootstrap).toMatchObject({ replicates: 300, level: 0.95, seed: 5 })
  })

  it('is reproducible for a seed and changes with it; 0 replicates leaves the metrics alone', () => {
    const a = withBootstrapCi(input, point, { replicates: 100, seed: 1 })
    const b = withBootstrapCi(input, point, { replicates: 100, seed: 1 })
    const c = withBootstrapCi(input, point, { replicates: 100, seed: 2 })
    expect(b.ci).toEqual(a.ci)
    expect(c.ci).not.toEqual(a.ci)
    expect(withBootstrapCi(input, point, { replicates: 0, seed: 1 })).toBe(point)
  })
})
