/**
 * compareAcrossDatasets (`runs:compare-datasets`): three runs on three datasets with hand-set
 * accuracies; ranks, Friedman χ², p and the Nemenyi CD worked out by hand (Demšar 2006, §3.2.2).
 */
import { describe, expect, it } from 'vitest'
import { summarizeDataset } from '../../../../src/shared/dataset'
import { ExperimentConfig } from '../../../../src/shared/experiment'
import { DatasetsComparison } from '../../../../src/shared/statistics'
import type { EvaluationReport } from '../../../../src/shared/metrics'
import { generateDemoDataset } from '../../../../src/main/data/synthetic'
import { compareAcrossDatasets } from '../../../../src/main/services/runs/compare-datasets'
import { callService } from '../../../../src/main/services/service-api'
import { saveDataset, type Workspace } from '../../../../src/main/services/workspace'
import { tinyExperiment } from '../../../helpers/temp-workspace'
import { recordingContext } from '../service-context'
import { committedRun, demoWorkspace } from './fixture'

const report = (acc: number): EvaluationReport => ({
  classification: { accuracy: acc, balancedAccuracy: acc, weightedF1: acc, macroF1: acc, auc: acc, ece: 0.1, perClass: [], confusion: [] },
  fairness: [],
})

/** A run on `dataset` whose arms have these accuracies on each of 2 folds (the mean is what is ranked). */
async function fakeRun(ws: Workspace, runId: string, dataset: string, arms: Record<string, [number, number]>): Promise<void> {
  const config = ExperimentConfig.parse({ ...tinyExperiment(), name: `exp ${runId}`, dataset, arms: Object.keys(arms).map((name) => ({ name })) })
  await committedRun(ws, runId, config, Object.fromEntries(Object.entries(arms).map(([arm, folds]) => [arm, folds.map(report)])))
}

describe('compareAcrossDatasets', () => {
  const fx = demoWorkspace(60, async (ws) => {
    for (const id of ['d2', 'd3']) {
      const data = generateDemoDataset({ seed: 9, samples: 60 })
      await saveDataset(ws, summarizeDataset(data, { id, name: `data ${id}`, source: 'test', format: 'synthetic' }), data)
    }
    // Means: run 1 A .90 B .80 C .70 → ranks 1 2 3; run 2 A .85 B .75 C .80 → 1 3 2; run 3 A .70 B .72 C .60 → 2 1 3.
    await fakeRun(ws, 'r1', 'tiny', { A: [0.89, 0.91], B: [0.8, 0.8], C: [0.7, 0.7], extra: [0.5, 0.5] })
    await fakeRun(ws, 'r2', 'd2', { A: [0.85, 0.85], B: [0.74, 0.76], C: [0.8, 0.8] })
    await fakeRun(ws, 'r3', 'd3', { A: [0.7, 0.7], B: [0.72, 0.72], C: [0.6, 0.6] })
  })

  it('ranks the shared arms per run and gives Friedman χ², p and the Nemenyi CD as computed by hand', async () => {
    const c = await compareAcrossDatasets(fx.ws, ['r1', 'r2', 'r3'], { metric: 'accuracy' })
    expect(DatasetsComparison.parse(c)).toEqual(c)
    expect(c.arms).toEqual(['A', 'B', 'C'])
    expect(c.runs.map((r) => [r.runId, r.datasetName])).toEqual([
      ['r1', 'tiny'],
      ['r2', 'data d2'],
      ['r3', 'data d3'],
    ])
    expect(c.scores[1]![1]).toBeCloseTo(0.75, 12)
    expect(c.warnings[0]).toContain('extra')
    const f = c.friedman!
    // Average ranks A 4/3, B 2, C 8/3; χ²_F = 12·3/(3·4) · (116/9 − 12) = 8/3; with 2 df, p = exp(−χ²/2).
    expect(f.averageRanks.map((r) => +r.toFixed(6))).toEqual([1.333333, 2, 2.666667])
    expect(f.chi2).toBeCloseTo(8 / 3, 9)
    expect(f.df).toBe(2)
    expect(f.p).toBeCloseTo(Math.exp(-4 / 3), 9)
    // Nemenyi: q(k = 3, α = 0.05) = 2.343 (Demšar Table 5a); CD = 2.343 · √(3·4 / (6·3)).
    expect(f.q).toBe(2.343)
    expect(f.cd).toBeCloseTo(2.343 * Math.sqrt(12 / 18), 9)
    expect(f.cliques).toEqual([[0, 1, 2]])
  })

  it('warns about shared datasets, explains too few shared arms, and serves the channel', async () => {
    await fakeRun(fx.ws, 'r4', 'tiny', { A: [0.6, 0.6], Z: [0.5, 0.5] })
    const c = await compareAcrossDatasets(fx.ws, ['r1', 'r4'])
    expect(c.metric).toBe('balancedAccuracy')
    expect(c.friedman).toBeNull()
    expect(c.note).toContain('Fewer than two arms')
    expect(c.warnings.some((w) => w.includes('same dataset'))).toBe(true)

    const ctx = recordingContext(fx.ws)
    const ok = await callService('runs:compare-datasets', { runIds: ['r1', 'r2', 'r3'], alpha: 0.1 }, ctx)
    expect(ok.ok && ok.value.friedman?.q).toBe(2.052)
    const bad = await callService('runs:compare-datasets', { runIds: ['r1'] }, ctx)
    expect(bad.ok ? '' : bad.error.code).toBe('VALIDATION')
    const twice = await callService('runs:compare-datasets', { runIds: ['r1', 'r1'] }, ctx)
    expect(twice.ok ? '' : twice.error.message).toContain('listed twice')
    const missing = await callService('runs:compare-datasets', { runIds: ['r1', 'nope'] }, ctx)
    expect(missing.ok ? '' : missing.error.code).toBe('NOT_FOUND')
  })
})
