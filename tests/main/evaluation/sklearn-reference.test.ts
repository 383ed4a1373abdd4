/**
 * `evaluate` against values computed by scikit-learn 1.2.1 (and fairlearn's definitions run on
 * scikit-learn's confusion_matrix) on 24 random small cases with tied scores, unknown attribute
 * values and one-class groups. The fixture and what each reference value comes from are
 * described in tools/reference/sklearn_evaluation_reference.py, which regenerates it.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { rocCurve } from '../../../src/main/evaluation/auc'
import { argmaxRows } from '../../../src/main/evaluation/classification'
import { evaluate } from '../../../src/main/evaluation/evaluate'
import { equalizedOddsDifference } from '../../../src/main/evaluation/fairness'

interface ReferenceCase {
  numClasses: number
  groups: number
  yTrue: number[]
  probs: number[]
  attribute: number[]
  expected: {
    accuracy: number
    balancedAccuracy: number
    macroF1: number
    weightedF1: number
    precision: number[]
    recall: number[]
    f1: number[]
    support: number[]
    confusion: number[][]
    auc: number | null
    ece: number
    roc?: { fpr: number[]; tpr: number[]; thresholds: number[] }
    fairness: {
      excluded: number
      groups: { index: number; count: number; accuracy: number; auc: number | null }[]
      esAcc: number
      esAuc: number | null
      dpd: number
      eod: number | null
      eodFairlearn: number
      eodMeanFairlearn: number
      worstGroupAccuracy: number
    }
  }
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/sklearn-reference.json', import.meta.url), 'utf8')) as { sklearn: string; cases: ReferenceCase[] }

const close = (actual: number | null, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull()
  else expect(actual).toBeCloseTo(expected, 12)
}

describe(`evaluate agrees with scikit-learn ${fixture.sklearn} on random cases`, () => {
  it.each(fixture.cases.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    const C = c.numClasses
    const yTrue = Int32Array.from(c.yTrue)
    const probs = Float32Array.from(c.probs)
    const values = Int32Array.from(c.attribute)
    const groupNames = Array.from({ length: c.groups }, (_, g) => `g${g}`)
    const report = evaluate({ yTrue, probs, classNames: Array.from({ length: C }, (_, k) => `c${k}`), attributes: [{ name: 'a', groups: groupNames, values }] })
    const m = report.classification
    const e = c.expected
    close(m.accuracy, e.accuracy)
    close(m.balancedAccuracy, e.balancedAccuracy)
    close(m.macroF1, e.macroF1)
    close(m.weightedF1, e.weightedF1)
    m.perClass.forEach((pc, k) => {
      close(pc.precision, e.precision[k]!)
      close(pc.recall, e.recall[k]!)
      close(pc.f1, e.f1[k]!)
      expect(pc.support).toBe(e.support[k])
    })
    expect(m.confusion).toEqual(e.confusion)
    close(m.auc, e.auc)
    close(m.ece, e.ece)
    if (e.roc) {
      const curve = rocCurve(c.yTrue, Array.from({ length: c.yTrue.length }, (_, i) => probs[i * 2 + 1]!))!
      expect(curve.fpr).toEqual(e.roc.fpr)
      expect(curve.tpr).toEqual(e.roc.tpr)
      expect(curve.thresholds.slice(1)).toEqual(e.roc.thresholds)
    }

    const f = report.fairness[0]!
    const ef = e.fairness
    expect(f.excluded).toBe(ef.excluded)
    expect(f.groups.map((g) => [g.group, g.count])).toEqual(ef.groups.map((g) => [groupNames[g.index], g.count]))
    f.groups.forEach((g, k) => {
      close(g.accuracy, ef.groups[k]!.accuracy)
      close(g.auc, ef.groups[k]!.auc)
    })
    close(f.esAcc, ef.esAcc)
    close(f.esAuc, ef.esAuc)
    close(f.dpd, ef.dpd)
    close(f.eod, ef.eod)
    close(f.worstGroupAccuracy, ef.worstGroupAccuracy)
    const yPred = argmaxRows(probs, C)
    close(equalizedOddsDifference(yTrue, yPred, values, C, { undefinedRates: 'zero' }), ef.eodFairlearn)
    close(equalizedOddsDifference(yTrue, yPred, values, C, { undefinedRates: 'zero', agg: 'mean' }), ef.eodMeanFairlearn)
  })
})
