import { describe, expect, it } from 'vitest'
import { binaryAuc, oneVsRestAucs, rocAuc, rocCurve, trapezoidArea } from '../../../src/main/evaluation/auc'
import { createRng } from '../../../src/main/util/rng'

/** Rows [1 − p, p] of a binary probability matrix, as the trainer hands them over (float32). */
const binaryProbs = (p1: number[]) => Float32Array.from(p1.flatMap((p) => [1 - p, p]))

// Three-class example used below (rows sum to 1), true labels [0,0,1,1,2,2].
const Y3 = [0, 0, 1, 1, 2, 2]
const P3 = Float32Array.from([
  [0.6, 0.3, 0.1],
  [0.3, 0.4, 0.3],
  [0.2, 0.5, 0.3],
  [0.5, 0.3, 0.2],
  [0.1, 0.2, 0.7],
  [0.3, 0.3, 0.4],
].flat())

describe('binaryAuc', () => {
  it('matches the scikit-learn roc_auc_score docs example (0.75)', () => {
    // scikit-learn user guide, "Receiver operating characteristic (ROC)" / roc_auc_score:
    // y_true=[0,0,1,1], y_scores=[0.1,0.4,0.35,0.8] → 0.75. By hand: of the 4 (pos, neg) pairs,
    // 0.35 beats 0.1 but loses to 0.4, 0.8 beats both → 3/4.
    expect(binaryAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75)
  })

  it('counts tied (positive, negative) pairs as one half, like the trapezoidal ROC', () => {
    // y=[1,0,1,0,1,0], s=[0.8,0.8,0.5,0.5,0.5,0.2]; positives {0.8,0.5,0.5}, negatives {0.8,0.5,0.2}.
    // Pair by pair: pos 0.8 → tie 0.8 (½) + beats 0.5, 0.2 = 2.5; each pos 0.5 → loses to 0.8,
    // ties 0.5 (½), beats 0.2 = 1.5. Total 2.5 + 1.5 + 1.5 = 5.5 of 9 pairs = 0.6111.
    // scikit-learn roc_auc_score gives the same value (trapezoid over the tied step = ½ per tie).
    expect(binaryAuc([1, 0, 1, 0, 1, 0], [0.8, 0.8, 0.5, 0.5, 0.5, 0.2])).toBeCloseTo(5.5 / 9, 15)
    // All scores tied: every pair is a tie → 0.5.
    expect(binaryAuc([0, 1, 1, 0, 1], [0.3, 0.3, 0.3, 0.3, 0.3])).toBe(0.5)
  })

  it('is 1 for a perfect ranking, 0 for a reversed one, and null with one class only', () => {
    expect(binaryAuc([0, 0, 1], [0.1, 0.2, 0.9])).toBe(1)
    expect(binaryAuc([1, 1, 0], [0.1, 0.2, 0.9])).toBe(0)
    expect(binaryAuc([1, 1, 1], [0.1, 0.2, 0.9])).toBeNull()
    expect(binaryAuc([0, 0], [0.1, 0.2])).toBeNull()
  })

  it('refuses NaN scores (scikit-learn raises on them too)', () => {
    expect(() => binaryAuc([0, 1], [0.1, NaN])).toThrow(RangeError)
  })
})

describe('rocAuc', () => {
  it('binary: uses P(class 1), the second column', () => {
    expect(rocAuc([0, 0, 1, 1], binaryProbs([0.1, 0.4, 0.35, 0.8]), 2)).toBeCloseTo(0.75, 15)
    expect(rocAuc([1, 1, 1], binaryProbs([0.1, 0.4, 0.35]), 2)).toBeNull()
  })

  it('multiclass: macro one-vs-rest, checked by hand', () => {
    // Class 0 (column 0 = [.6,.3,.2,.5,.1,.3]; positives .6,.3; negatives .2,.5,.1,.3):
    //   .6 beats all 4; .3 beats .2,.1, ties .3 (½), loses to .5 → 2.5; AUC = 6.5/8 = 0.8125.
    // Class 1 (column 1 = [.3,.4,.5,.3,.2,.3]; positives .5,.3; negatives .3,.4,.2,.3):
    //   .5 beats all 4; .3 beats .2, ties two .3 (1), loses to .4 → 2; AUC = 6/8 = 0.75.
    // Class 2 (column 2 = [.1,.3,.3,.2,.7,.4]; positives .7,.4 beat every negative) → 1.
    // Macro = (0.8125 + 0.75 + 1)/3 = 0.8541667, the value of scikit-learn
    // roc_auc_score(y, p, multi_class='ovr', average='macro') on the same float32 matrix.
    expect(oneVsRestAucs(Y3, P3, 3)).toEqual([0.8125, 0.75, 1])
    expect(rocAuc(Y3, P3, 3)).toBeCloseTo(2.5625 / 3, 15)
  })

  it('multiclass: averages over the classes present in yTrue (a class with no positive is skipped)', () => {
    // First four rows only: y = [0,0,1,1], class 2 absent.
    // Class 0: column [.6,.3,.2,.5]; .6 beats .2,.5; .3 beats .2 → 3/4.
    // Class 1: column [.3,.4,.5,.3]; positives .5,.3 vs negatives .3,.4: .5 → 2; .3 → tie ½ → 2.5/4.
    // Class 2: no positive → undefined, left out. Macro over {0, 1} = (0.75 + 0.625)/2 = 0.6875.
    const p = P3.subarray(0, 12)
    expect(oneVsRestAucs([0, 0, 1, 1], p, 3)).toEqual([0.75, 0.625, null])
    expect(rocAuc([0, 0, 1, 1], p, 3)).toBe(0.6875)
    expect(rocAuc([2, 2], P3.subarray(0, 6), 3)).toBeNull()
  })
})

describe('rocCurve', () => {
  it('matches the scikit-learn roc_curve docs example', () => {
    // sklearn.metrics.roc_curve docstring: y=[1,1,2,2], scores=[0.1,0.4,0.35,0.8], pos_label=2 →
    // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [inf, 0.8, 0.4, 0.35, 0.1]
    // (scikit-learn ≥ 1.3 puts inf first; older versions max + 1).
    const curve = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    expect(curve).toEqual({ fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1], thresholds: [Infinity, 0.8, 0.4, 0.35, 0.1] })
    expect(trapezoidArea(curve!.fpr, curve!.tpr)).toBe(0.75)
  })

  it('drops points inside straight runs of equal steps unless told not to (drop_intermediate)', () => {
    // Scores 0.9 > 0.8 > 0.7 > 0.6 all positive, then 0.1 negative: the cumulative TP go 1,2,3,4,4 and FP
    // 0,0,0,0,1; the points at 0.8 and 0.7 have identical steps on both sides (+1 TP, +0 FP) and go.
    const y = [1, 1, 1, 1, 0]
    const s = [0.9, 0.8, 0.7, 0.6, 0.1]
    expect(rocCurve(y, s)!.thresholds).toEqual([Infinity, 0.9, 0.6, 0.1])
    expect(rocCurve(y, s, { dropIntermediate: false })!.thresholds).toEqual([Infinity, 0.9, 0.8, 0.7, 0.6, 0.1])
    expect(rocCurve([1, 1], [0.2, 0.3])).toBeNull()
  })

  it('has the area of binaryAuc on random data with many ties', () => {
    const rng = createRng(5)
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + rng.int(200)
      const y = Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0))
      const s = y.map((v) => Math.round((rng.next() + v * 0.3) * 8) / 8) // coarse grid → ties
      const auc = binaryAuc(y, s)
      const curve = rocCurve(y, s)
      if (auc === null) {
        expect(curve).toBeNull()
        continue
      }
      expect(trapezoidArea(curve!.fpr, curve!.tpr)).toBeCloseTo(auc, 12)
      expect(trapezoidArea(rocCurve(y, s, { dropIntermediate: false })!.fpr, rocCurve(y, s, { dropIntermediate: false })!.tpr)).toBeCloseTo(auc, 12)
    }
  })
})
