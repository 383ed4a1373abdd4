import { describe, expect, it } from 'vitest'
import {
  demographicParityDifference,
  equalizedOddsDifference,
  equityScaled,
  fairnessMetrics,
} from '../../../src/main/evaluation/fairness'

/** Rows [1 − p, p] of a binary probability matrix (float32, as the trainer hands them over). */
const binaryProbs = (p1: number[]) => Float32Array.from(p1.flatMap((p) => [1 - p, p]))
/** Multiclass rows with 0.6 on the predicted class and the rest spread evenly. */
const predictedProbs = (pred: number[], C: number) =>
  Float32Array.from(pred.flatMap((p) => Array.from({ length: C }, (_, c) => (c === p ? 0.6 : 0.4 / (C - 1)))))

describe('fairlearn documented example (user guide, "Common fairness metrics")', () => {
  // fairlearn docs/user_guide/assessment/common_fairness_metrics.rst:
  //   y_true  = [0,1,1,1,1,0,1,0,1,0,0,0,1,1,1,1,1,1]
  //   y_pred  = [0,0,1,0,1,1,1,0,0,1,1,1,1,0,0,1,1,0]
  //   sf_data = [b,b,a,b,b,c,c,c,a,a,c,a,b,c,c,b,c,c]
  //   demographic_parity_difference → 0.25, equalized_odds_difference → 1.0
  // By hand (a=0, b=1, c=2):
  //   a: rows 2,8,9,11   y 1,1,0,0   ŷ 1,0,1,1  → SR 3/4, TPR 1/2, FPR 2/2 = 1
  //   b: rows 0,1,3,4,12,15  y 0,1,1,1,1,1  ŷ 0,0,0,1,1,1 → SR 3/6, TPR 3/5, FPR 0/1 = 0
  //   c: rows 5,6,7,10,13,14,16,17  y 0,1,0,0,1,1,1,1  ŷ 1,1,0,1,0,0,1,0 → SR 4/8, TPR 2/5, FPR 2/3
  //   DPD = 0.75 − 0.5 = 0.25; TPR gap 0.6 − 0.4 = 0.2, FPR gap 1 − 0 = 1 → EOD = max = 1.0;
  //   agg='mean' → (0.2 + 1)/2 = 0.6.
  const yTrue = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1]
  const yPred = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0]
  const sf = [1, 1, 0, 1, 1, 2, 2, 2, 0, 0, 2, 0, 1, 2, 2, 1, 2, 2]

  it('gives DPD 0.25 and EOD 1.0 (worst_case) / 0.6 (mean)', () => {
    expect(demographicParityDifference(yPred, sf, 2)).toBe(0.25)
    expect(equalizedOddsDifference(yTrue, yPred, sf, 2)).toBe(1)
    expect(equalizedOddsDifference(yTrue, yPred, sf, 2, { agg: 'mean' })).toBeCloseTo(0.6, 15)
    // Every group has both labels, so fairlearn's 0-for-undefined convention changes nothing.
    expect(equalizedOddsDifference(yTrue, yPred, sf, 2, { undefinedRates: 'zero' })).toBe(1)
  })

  it('gives the per-group rates through fairnessMetrics', () => {
    // Probabilities whose argmax reproduces y_pred.
    const probs = binaryProbs(yPred.map((p) => (p === 1 ? 0.7 : 0.3)))
    const f = fairnessMetrics({ yTrue, probs, numClasses: 2, attribute: { name: 'sf', groups: ['a', 'b', 'c'], values: sf } })
    expect(f.groups.map((g) => [g.group, g.count, g.selectionRate, g.tpr, g.fpr])).toEqual([
      ['a', 4, 0.75, 0.5, 1],
      ['b', 6, 0.5, 0.6, 0],
      ['c', 8, 0.5, 0.4, 2 / 3],
    ])
    expect(f.dpd).toBe(0.25)
    expect(f.eod).toBe(1)
  })
})

describe('ES-AUC / ES-ACC worked example (Harvard FairCLIP definition, alpha = 1)', () => {
  // Group A (0): y = [0,0,1,1], p1 = [0.1,0.4,0.35,0.8] → AUC 0.75 (the scikit-learn docs example).
  // Group B (1): y = [0,1,0,1], p1 = [0.2,0.9,0.3,0.7] → positives 0.9, 0.7 beat 0.2, 0.3: AUC 1.
  // Two samples with unknown group (-1): y = [1,0], p1 = [0.05,0.95], both wrong; excluded.
  // Overall on the 8 known samples: positives {0.35,0.8,0.9,0.7}, negatives {0.1,0.4,0.2,0.3}:
  //   0.35 beats 3 of 4, the others beat all 4 → 15/16 = 0.9375.
  //   ES-AUC = 0.9375 / (1 + |0.75 − 0.9375| + |1 − 0.9375|) = 0.9375 / 1.25 = 0.75.
  // Accuracy (ŷ = 1[p1 ≥ 0.5]): A → ŷ 0,0,0,1, correct 3/4; B → ŷ 0,1,0,1, correct 4/4; overall 7/8.
  //   ES-ACC = 0.875 / (1 + 0.125 + 0.125) = 0.7.
  // DPD: SR_A = 1/4, SR_B = 2/4 → 0.25. TPR_A = 1/2, TPR_B = 1; FPR_A = FPR_B = 0 → EOD 0.5.
  const yTrue = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0]
  const p1 = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.3, 0.7, 0.05, 0.95]
  const values = [0, 0, 0, 0, 1, 1, 1, 1, -1, -1]
  const f = fairnessMetrics({ yTrue, probs: binaryProbs(p1), numClasses: 2, attribute: { name: 'sex', groups: ['A', 'B'], values } })

  it('computes the group metrics and the equity-scaled numbers', () => {
    expect(f.groups.map((g) => [g.group, g.count, g.accuracy, g.auc])).toEqual([
      ['A', 4, 0.75, 0.75],
      ['B', 4, 1, 1],
    ])
    expect(f.esAuc).toBeCloseTo(0.75, 12)
    expect(f.esAcc).toBeCloseTo(0.7, 12)
    expect(f.dpd).toBe(0.25)
    expect(f.eod).toBe(0.5)
    expect(f.worstGroupAccuracy).toBe(0.75)
  })

  it('excludes and counts unknown values; "overall" inside ES-* is on the known samples only', () => {
    expect(f.excluded).toBe(2)
    expect(f.groups.reduce((s, g) => s + g.count, 0)).toBe(8)
    // Were the two unknown samples included, overall accuracy would be 7/10 and ES-ACC differ.
    expect(equityScaled(0.875, [0.75, 1])).toBeCloseTo(0.7, 12)
  })

  it('leaves a one-class group out of the ES-AUC sum and reports its AUC as null', () => {
    // Add group C (2) with two positives, p1 = [0.6, 0.3]: AUC undefined, accuracy 1/2.
    // Overall (10 known): positives {.35,.8,.9,.7,.6,.3}, negatives {.1,.4,.2,.3}:
    //   .35 → 3, .8/.9/.7/.6 → 4 each, .3 → beats .1,.2 and ties .3 → 2.5; total 21.5/24 = 0.8958333.
    //   ES-AUC = 0.8958333 / (1 + |0.75 − 0.8958333| + |1 − 0.8958333|) = 0.8958333 / 1.25 = 0.7166667.
    // EOD: group C has no negatives → no FPR, left out: TPR gap = 1 − 0.5 = 0.5, FPR gap 0 → 0.5.
    const g = fairnessMetrics({
      yTrue: [...yTrue.slice(0, 8), 1, 1],
      probs: binaryProbs([...p1.slice(0, 8), 0.6, 0.3]),
      numClasses: 2,
      attribute: { name: 'x', groups: ['A', 'B', 'C'], values: [0, 0, 0, 0, 1, 1, 1, 1, 2, 2] },
    })
    expect(g.groups[2]).toMatchObject({ group: 'C', count: 2, accuracy: 0.5, auc: null, tpr: 0.5, fpr: null })
    expect(g.esAuc).toBeCloseTo(21.5 / 24 / 1.25, 6)
    expect(g.eod).toBe(0.5)
    expect(g.worstGroupAccuracy).toBe(0.5)
  })

  it('lists only groups with samples, and returns NaN/null when no value is known', () => {
    const none = fairnessMetrics({ yTrue: [0, 1], probs: binaryProbs([0.2, 0.8]), numClasses: 2, attribute: { name: 'x', groups: ['A', 'B'], values: [-1, -1] } })
    expect(none).toMatchObject({ groups: [], excluded: 2, esAuc: null, eod: null })
    expect(none.esAcc).toBeNaN()
    expect(none.dpd).toBeNaN()
    expect(none.worstGroupAccuracy).toBeNaN()
    const oneGroup = fairnessMetrics({ yTrue: [0, 1], probs: binaryProbs([0.2, 0.8]), numClasses: 2, attribute: { name: 'x', groups: ['A', 'B'], values: [1, 1] } })
    expect(oneGroup.groups.map((g) => g.group)).toEqual(['B'])
    expect(oneGroup).toMatchObject({ esAuc: 1, esAcc: 1, dpd: 0, eod: 0 })
  })
})

describe('equalizedOddsDifference with undefined rates', () => {
  it('leaves a group without positives out of the TPR gap; fairlearn counts its TPR as 0', () => {
    // Group 0: y = [1,1,0,0], ŷ = [1,1,0,0] → TPR 1, FPR 0.
    // Group 1: y = [0,0],     ŷ = [1,0]     → no positives (TPR undefined), FPR 1/2.
    // exclude: TPR gap over group 0 alone = 0; FPR gap = 0.5 → EOD 0.5.
    // zero (fairlearn: sklearn confusion_matrix(normalize='true') turns 0/0 into 0):
    //   TPR_1 = 0 → TPR gap 1 → EOD 1.
    const y = [1, 1, 0, 0, 0, 0]
    const p = [1, 1, 0, 0, 1, 0]
    const g = [0, 0, 0, 0, 1, 1]
    expect(equalizedOddsDifference(y, p, g, 2)).toBe(0.5)
    expect(equalizedOddsDifference(y, p, g, 2, { undefinedRates: 'zero' })).toBe(1)
    expect(equalizedOddsDifference(y, p, g, 2, { agg: 'mean' })).toBe(0.25)
  })
})

describe('multiclass: one-vs-rest per class, then macro (per group) / mean of per-class differences', () => {
  // C = 3. Group 0: y = [0,1,2,0], ŷ = [0,1,1,2]. Group 1: y = [0,1,2,2], ŷ = [0,0,2,2].
  // Per class c (ŷ = c vs not, y = c vs not), group 0 | group 1:
  //   class 0: SR 1/4 | 2/4, TPR 1/2 | 1, FPR 0/2 | 1/3  → DPD 0.25, TPR gap 0.5, FPR gap 1/3 → EOD 0.5
  //   class 1: SR 2/4 | 0,   TPR 1   | 0, FPR 1/3 | 0    → DPD 0.5,  TPR gap 1,   FPR gap 1/3 → EOD 1
  //   class 2: SR 1/4 | 2/4, TPR 0   | 1, FPR 1/3 | 0    → DPD 0.25, TPR gap 1,   FPR gap 1/3 → EOD 1
  // DPD = (0.25 + 0.5 + 0.25)/3 = 1/3; EOD = (0.5 + 1 + 1)/3 = 5/6;
  // EOD(agg='mean') = mean over classes of (TPR gap + FPR gap)/2 = (5/12 + 2/3 + 2/3)/3 = 7/12.
  // Group TPR = macro over classes = (1/2 + 1 + 0)/3 = 1/2 | (1 + 0 + 1)/3 = 2/3 (the group's
  // balanced accuracy); group FPR = (0 + 1/3 + 1/3)/3 = 2/9 | (1/3 + 0 + 0)/3 = 1/9;
  // selection rate = (SR_0 + SR_1 + SR_2)/3 = 1/3 in every group. Accuracy 2/4 | 3/4.
  const yTrue = [0, 1, 2, 0, 0, 1, 2, 2]
  const yPred = [0, 1, 1, 2, 0, 0, 2, 2]
  const values = [0, 0, 0, 0, 1, 1, 1, 1]

  it('computes DPD and EOD as means over classes', () => {
    expect(demographicParityDifference(yPred, values, 3)).toBeCloseTo(1 / 3, 15)
    expect(equalizedOddsDifference(yTrue, yPred, values, 3)).toBeCloseTo(5 / 6, 15)
    expect(equalizedOddsDifference(yTrue, yPred, values, 3, { agg: 'mean' })).toBeCloseTo(7 / 12, 15)
  })

  it('macro-averages the per-group rates', () => {
    const f = fairnessMetrics({ yTrue, probs: predictedProbs(yPred, 3), numClasses: 3, attribute: { name: 'g', groups: ['g0', 'g1'], values } })
    const [g0, g1] = f.groups
    expect(g0!.tpr).toBeCloseTo(1 / 2, 15)
    expect(g1!.tpr).toBeCloseTo(2 / 3, 15)
    expect(g0!.fpr).toBeCloseTo(2 / 9, 15)
    expect(g1!.fpr).toBeCloseTo(1 / 9, 15)
    expect(g0!.selectionRate).toBeCloseTo(1 / 3, 15)
    expect([g0!.accuracy, g1!.accuracy]).toEqual([0.5, 0.75])
    expect(f.dpd).toBeCloseTo(1 / 3, 15)
    expect(f.eod).toBeCloseTo(5 / 6, 15)
    expect(f.worstGroupAccuracy).toBe(0.5)
  })

  it('gives the binary numbers for C = 2: class 0 as the positive class has the same gaps as class 1', () => {
    // SR₀ = 1 − SR₁, TPR₀ = 1 − FPR₁ and FPR₀ = 1 − TPR₁ in every group, so the gaps are the same and
    // the mean over both classes equals the binary (class 1) value. Checked on the fairlearn example
    // by swapping the labels 0 ↔ 1 in y and ŷ.
    const y = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1]
    const p = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0]
    const sf = [1, 1, 0, 1, 1, 2, 2, 2, 0, 0, 2, 0, 1, 2, 2, 1, 2, 2]
    const flip = (a: number[]) => a.map((v) => 1 - v)
    expect(demographicParityDifference(flip(p), sf, 2)).toBeCloseTo(demographicParityDifference(p, sf, 2), 15)
    expect(equalizedOddsDifference(flip(y), flip(p), sf, 2)).toBeCloseTo(equalizedOddsDifference(y, p, sf, 2)!, 15)
  })

  it('reports a group AUC only where the group has at least two classes', () => {
    // Group 1 of a 3-class problem holding class 2 only → AUC null.
    const f = fairnessMetrics({
      yTrue: [0, 1, 2, 2, 2],
      probs: predictedProbs([0, 1, 2, 2, 0], 3),
      numClasses: 3,
      attribute: { name: 'g', groups: ['g0', 'g1'], values: [0, 0, 0, 1, 1] },
    })
    expect(f.groups[1]!.auc).toBeNull()
    expect(f.groups[0]!.auc).toBe(1)
  })
})

describe('equityScaled', () => {
  it('is overall / (1 + Σ|group − overall|), a sum over groups', () => {
    // 0.8 / (1 + 0.1 + 0.1 + 0.2) = 0.8 / 1.4
    expect(equityScaled(0.8, [0.9, 0.7, 0.6])).toBeCloseTo(0.8 / 1.4, 15)
    expect(equityScaled(0.8, [])).toBe(0.8)
  })
})
