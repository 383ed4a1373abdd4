/** experiments:check — validates like a run would (field names, dataset, protocol, compositions) without running anything. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callService } from '../../../../src/main/services/service-api'
import { createRun, listRuns, type Workspace } from '../../../../src/main/services/workspace'
import { configHash } from '../../../../src/main/services/runs/job-plan'
import { parseExperimentConfig } from '../../../../src/main/services/runs/run-experiment'
import { tempDir, tinyExperiment, workspaceWithDemo } from '../../../helpers/temp-workspace'
import { recordingContext } from '../service-context'

describe('experiments:check', () => {
  const tmp = tempDir()
  let ws: Workspace
  beforeAll(async () => {
    ws = await workspaceWithDemo(tmp.dir)
  })
  afterAll(async () => {
    await ws.close()
    tmp.cleanup()
  })

  const check = (config: unknown) => callService('experiments:check', { config }, recordingContext(ws))

  it('counts the jobs (arms × seeds × folds) of a valid config and starts nothing', async () => {
    const r = await check(tinyExperiment({ seeds: [1, 2] }))
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.jobs).toBe(2 * 2 * 3)
    expect(r.value.warnings).toEqual([])
    const repeated = await check(tinyExperiment({ protocol: { kind: 'repeated-kfold', folds: 2, repeats: 3 } }))
    expect(repeated.ok && repeated.value.jobs).toBe(2 * 1 * 6)
    expect(await listRuns(ws)).toHaveLength(0)
  })

  it('explains a composition conflict: CONFLICT naming the arm and the clash', async () => {
    const r = await check(
      tinyExperiment({ arms: [{ name: 'base', methods: [] }, { name: 'both', methods: [{ method: 'weighted-ce' }, { method: 'focal-loss' }] }] }),
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('CONFLICT')
    expect(r.error.message).toMatch(/arms\[1\] \("both"\)/)
    expect(r.error.message).toMatch(/loss/)
    expect(r.error.location?.field).toBe('arms[1].methods')
  })

  it('names the field of an invalid config, a missing dataset, and a protocol the data cannot support', async () => {
    const bad = await check({ ...tinyExperiment(), training: { epochs: 0 } })
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION')
    expect(bad.ok ? '' : bad.error.message).toMatch(/training\.epochs/)
    const noData = await check(tinyExperiment({ dataset: 'nope' }))
    expect(noData.ok ? null : noData.error).toMatchObject({ code: 'NOT_FOUND', location: { field: 'dataset' } })
    const folds = await check(tinyExperiment({ protocol: { kind: 'kfold', folds: 40 } }))
    expect(folds.ok ? null : folds.error.code).toBe('VALIDATION')
    expect(folds.ok ? '' : folds.error.message).toMatch(/fold/i)
    const unknownMethod = await check(tinyExperiment({ arms: [{ name: 'x', methods: [{ method: 'no-such-method' }] }] }))
    expect(unknownMethod.ok).toBe(false)
    expect(await listRuns(ws)).toHaveLength(0)
  })

  it('says when starting would resume an unfinished run of the same config', async () => {
    const input = tinyExperiment({ name: 'resumable' })
    const config = parseExperimentConfig(input)
    const hash = configHash(config, 'tiny')
    await createRun(ws, { runId: 'r-1', experimentName: 'resumable', configHash: hash, config, datasetId: 'tiny', backend: 'auto', environment: {} })
    const r = await check(input)
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.warnings.join('\n')).toMatch(/r-1.*0 of 6 jobs committed.*resumes it/)
  })
})
