/**
 * A post-processed variant (`baseline+thresholds`) is an arm of the report with its own per-group
 * statistics and confusion matrix, taken from the variant's stored metrics (real workspace).
 */
import { describe, expect, it } from 'vitest'
import type { EvaluationReport } from '../../../../src/shared/metrics'
import { collectReportData } from '../../../../src/main/services/reports/report-data'
import { committedRun, demoWorkspace } from '../runs/fixture'

function report(acc: number, fAcc: number): Omit<EvaluationReport, 'variants'> {
  return {
    classification: {
      accuracy: acc, balancedAccuracy: acc, weightedF1: acc, macroF1: acc, auc: acc, ece: 0.05,
      perClass: [{ name: 'a', precision: 1, recall: 1, f1: 1, support: 2 }, { name: 'b', precision: 1, recall: 1, f1: 1, support: 2 }],
      confusion: [[2, 0], [1, 1]],
    },
    fairness: [{
      attribute: 'sex',
      groups: [
        { group: 'F', count: 10, accuracy: fAcc, auc: null, tpr: null, fpr: null, selectionRate: 0.5 },
        { group: 'M', count: 14, accuracy: acc, auc: null, tpr: null, fpr: null, selectionRate: 0.5 },
      ],
      excluded: 0, esAuc: null, esAcc: acc, dpd: 0.1, eod: 0.1, worstGroupAccuracy: fAcc,
    }],
  }
}

const withVariant = (acc: number, fAcc: number, vAcc: number, vF: number): EvaluationReport => ({
  ...report(acc, fAcc),
  variants: [{ name: 'thresholds', description: 'per-group thresholds', ...report(vAcc, vF) }],
})

describe('report data of a run with a post-processed variant', () => {
  const demo = demoWorkspace(60, (ws) =>
    committedRun(ws, 'rv', { name: 'variants', dataset: 'tiny' }, { baseline: [withVariant(0.8, 0.7, 0.76, 0.74), withVariant(0.9, 0.8, 0.84, 0.82)] }),
  )

  it('gives the variant arm the group accuracies and confusion of its stored metrics', async () => {
    const d = await collectReportData(demo.ws, 'rv')
    const v = d.arms.find((a) => a.arm === 'baseline+thresholds')!
    expect(v).toBeDefined()
    const f = v.groups[0]!.groups.find((g) => g.group === 'F')!
    // Mean of the variant's F accuracies (0.74, 0.82) = 0.78, not the baseline's (0.7, 0.8) = 0.75.
    expect(f.accuracy.mean).toBeCloseTo(0.78, 10)
    expect(f.accuracy.n).toBe(2)
    expect(v.confusion).toEqual([[4, 0], [2, 2]])
    const base = d.arms.find((a) => a.arm === 'baseline')!
    expect(base.groups[0]!.groups.find((g) => g.group === 'F')!.accuracy.mean).toBeCloseTo(0.75, 10)
  })
})
