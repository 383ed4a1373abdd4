/** runExperiment with real trainer processes and a real workspace file. */
import { describe, expect, it } from 'vitest'
import { runExperiment } from '../../../../src/main/services/runs/run-experiment'
import { listJobs, listRuns } from '../../../../src/main/services/workspace'
import { asyncFailure as failure } from '../../../helpers/failure'
import { tinyExperiment } from '../../../helpers/temp-workspace'
import { demoWorkspace } from './fixture'

describe('runExperiment', () => {
  const fx = demoWorkspace()

  it('refuses an invalid config with messages naming the field, before creating a run', async () => {
    const bad = { ...tinyExperiment(), training: { epochs: -3 }, arms: [{ name: 'a', methods: [{ options: {} }] }] }
    const e = await failure(runExperiment(fx.ws, bad))
    expect(e.error.code).toBe('VALIDATION')
    expect(e.error.message).toMatch(/training\.epochs/)
    expect(e.error.message).toMatch(/arms\[0\]\.methods\[0\]\.method/)
    expect(await listRuns(fx.ws)).toHaveLength(0)
  })

  it('refuses an incompatible composition before anything runs, saying why', async () => {
    const cfg = tinyExperiment({
      arms: [{ name: 'both', methods: [{ method: 'weighted-ce', options: {} }, { method: 'focal-loss', options: {} }] }],
    })
    const e = await failure(runExperiment(fx.ws, cfg))
    expect(e.error.code).toBe('CONFLICT')
    expect(e.error.message).toMatch(/arms\[0\] \("both"\)/)
    expect(e.error.message).toMatch(/loss/)
    expect(await listRuns(fx.ws)).toHaveLength(0)
  })

  it('refuses a protocol the data cannot support (more folds than samples of a class)', async () => {
    const e = await failure(runExperiment(fx.ws, tinyExperiment({ protocol: { kind: 'kfold', folds: 40 } })))
    expect(e.error.code).toBe('VALIDATION')
    expect(e.error.message).toMatch(/fold/i)
  })

  it('gives identical metrics for the same seed on the same backend, and different ones for another seed', async () => {
    const cfg = tinyExperiment({ arms: [{ name: 'baseline', methods: [] }] })
    const a = await runExperiment(fx.ws, cfg, { backend: 'wasm', fresh: true })
    const b = await runExperiment(fx.ws, cfg, { backend: 'wasm', fresh: true })
    const c = await runExperiment(fx.ws, { ...cfg, seeds: [2] }, { backend: 'wasm', fresh: true })
    expect(a.runId).not.toBe(b.runId)
    expect(a.backend).toBe('wasm')
    const metrics = async (runId: string) => (await listJobs(fx.ws, runId)).map((j) => [j.fold, j.metrics?.classification.accuracy, j.metrics?.classification.auc])
    const [ma, mb, mc] = await Promise.all([metrics(a.runId), metrics(b.runId), metrics(c.runId)])
    expect(ma).toHaveLength(3)
    expect(mb).toEqual(ma)
    expect(mc).not.toEqual(ma)
  }, 180_000)
})
