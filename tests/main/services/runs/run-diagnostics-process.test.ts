/** Diagnostics end to end: real trainer processes compute them, progress carries per-modality extras, the workspace stores them, runs:diagnostics aggregates. */
import { describe, expect, it } from 'vitest'
import type { JobProgress } from '../../../../src/shared/training/job'
import { runDiagnostics } from '../../../../src/main/services/runs/run-diagnostics'
import { runExperiment } from '../../../../src/main/services/runs/run-experiment'
import { tinyExperiment } from '../../../helpers/temp-workspace'
import { demoWorkspace } from './fixture'

describe('diagnostics through a run', () => {
  const fx = demoWorkspace()

  it('streams probe extras live and aggregates stored diagnostics per arm (demo data: 3 modalities, a sensitive attribute)', async () => {
    const progress: JobProgress[] = []
    const cfg = tinyExperiment({ arms: [{ name: 'baseline', methods: [] }], training: { epochs: 3, batchSize: 32, patience: 0 }, diagnostics: { noiseLevels: [1] } })
    const outcome = await runExperiment(fx.ws, cfg, { backend: 'wasm', fresh: true, poolSize: 1, events: { onProgress: (p) => progress.push(p) } })
    expect(outcome.jobsDone).toBe(3)
    expect(progress.some((p) => p.extras !== undefined && 'probe.0.valAccuracy' in p.extras)).toBe(true)
    const d = await runDiagnostics(fx.ws, outcome.runId)
    expect(d.jobsWithout).toBe(0)
    const [arm] = d.arms
    expect(arm!.arm).toBe('baseline')
    expect(arm!.jobs).toBe(3)
    expect(arm!.modalities).toHaveLength(3)
    expect(arm!.unimodalSource).toBe('probe')
    expect(arm!.perGroup.length).toBeGreaterThan(0)
    // Pooled group sizes cover the test samples with a known group: every sample is tested once over 3 folds.
    const attr = arm!.perGroup[0]!
    expect(attr.groups.reduce((s, g) => s + g.n, 0)).toBeLessThanOrEqual(240)
    expect(attr.groups.reduce((s, g) => s + g.n, 0)).toBeGreaterThan(200)
    expect(arm!.robustness.noiseLevels).toEqual([1])
  }, 180_000)
})
