/** The limitations list is computed from the run's data: each check fires on a hand-built report and stays quiet when it should. */
import { describe, expect, it } from 'vitest'
import type { DatasetMeta } from '../../../../src/shared/dataset'
import { ExperimentConfig } from '../../../../src/shared/experiment'
import type { ArmSummary, MeanStd } from '../../../../src/shared/runs'
import { limitations } from '../../../../src/main/services/reports/limitations'
import type { ArmReport, ReportData } from '../../../../src/main/services/reports/report-data'
import type { JobRow, RunRow } from '../../../../src/main/services/workspace'

const ms = (mean: number, n = 5): MeanStd => ({ mean, std: 0.01, n })

function arm(name: string, minCount: number, aucN = 5): ArmReport {
  const metrics = { accuracy: ms(0.7), balancedAccuracy: ms(0.6), weightedF1: ms(0.7), macroF1: ms(0.6), auc: ms(0.8, aucN), ece: ms(0.05) }
  const summary: ArmSummary = { arm: name, jobs: 5, failed: 0, metrics, perClassRecall: [], fairness: [] }
  const g = (group: string, min: number) => ({ group, count: ms(40), minCount: min, accuracy: ms(0.7), tpr: ms(0.5), fpr: ms(0.1), auc: ms(0.8), selectionRate: ms(0.3) })
  return { arm: name, methods: [], summary, confusion: [], roc: [], internals: [], groups: [{ attribute: 'sex', excluded: 0, groups: [g('F', minCount), g('M', 60)] }] }
}

function data(over: { heads?: boolean; diagnostics?: { enabled?: boolean; shapley?: boolean }; seeds?: number[]; kind?: 'kfold' | 'predefined'; classes?: number[]; minGroup?: number; failed?: boolean; aucN?: number; unknown?: number }): ReportData {
  const config = ExperimentConfig.parse({
    version: 1,
    name: 'x',
    dataset: 'd',
    seeds: over.seeds ?? [1, 2, 3],
    protocol: { kind: over.kind ?? 'kfold', folds: 5 },
    model: { unimodalHeads: over.heads ?? true },
    training: { patience: 5 },
    ...(over.diagnostics ? { diagnostics: over.diagnostics } : {}),
    arms: [{ name: 'a' }, { name: 'b' }],
  })
  const classes = (over.classes ?? [50, 40]).map((count, i) => ({ name: `c${i}`, count }))
  const dataset: DatasetMeta = {
    id: 'd',
    name: 'd',
    source: 'file.csv',
    format: 'csv',
    createdAt: '',
    samples: classes.reduce((s, c) => s + c.count, 0),
    classes,
    modalities: [{ name: 'm', features: 3, missing: 0 }],
    attributes: [{ name: 'sex', groups: [{ name: 'F', count: 40 }, { name: 'M', count: 50 }], unknown: over.unknown ?? 0 }],
    hasSplit: false,
    hasGroups: true,
    imbalanceRatio: Math.max(...classes.map((c) => c.count)) / Math.min(...classes.map((c) => c.count)),
  }
  const jobs = (over.failed ? [{ status: 'failed', error: 'NaN loss' }] : []) as JobRow[]
  return {
    run: { status: 'completed', datasetId: 'd' } as RunRow,
    config,
    dataset,
    detail: null,
    summary: { runId: 'r', experimentName: 'x', status: 'completed', backend: 'cpu', aggregation: '', arms: [] },
    jobs,
    classNames: classes.map((c) => c.name),
    attributes: ['sex'],
    arms: [arm('a', over.minGroup ?? 30, over.aucN), arm('b', over.minGroup ?? 30)],
    comparison: null,
    comparisonNote: null,
    generatedAt: '',
  }
}

describe('limitations', () => {
  it('finds nothing to say about a sound protocol on real data (except the missing external test set)', () => {
    expect(limitations(data({}))).toEqual([expect.stringMatching(/^No predefined \(external\) test set/)])
  })

  it('flags small classes, small groups, a single seed, failed jobs, undefined AUCs and unknown attribute values', () => {
    const items = limitations(data({ seeds: [7], classes: [80, 7], minGroup: 14, failed: true, aucN: 3, unknown: 4 })).join('\n')
    expect(items).toContain('Class c1 has only 7 samples (fewer than 10)')
    expect(items).toContain('strongly imbalanced (largest/smallest = 11.4)')
    expect(items).toContain('Group F of sex has as few as 14 samples in a test part (fewer than 20)')
    expect(items).toContain('A single seed')
    expect(items).toContain('1 job failed and is left out of every number (NaN loss)')
    expect(items).toContain('AUC of a is undefined in 2 of 5 jobs')
    expect(items).toContain('4 samples with an unknown sex are left out')
    expect(items).not.toContain('Group M')
  })

  it('describes a predefined split as one test set', () => {
    expect(limitations(data({ kind: 'predefined' })).join('\n')).toContain('One predefined test set')
  })

  it('says how modality imbalance was measured: probes without heads, nothing when diagnostics are off', () => {
    expect(limitations(data({ heads: false })).join('\n')).toContain('linear probe on the frozen encoder features')
    const off = limitations(data({ heads: false, diagnostics: { enabled: false } })).join('\n')
    expect(off).toContain('Modality diagnostics were off')
    expect(off).not.toContain('linear probe')
    expect(limitations(data({ diagnostics: { shapley: false } })).join('\n')).toContain('Shapley contributions were off')
  })
})
