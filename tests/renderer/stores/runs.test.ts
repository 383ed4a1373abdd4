/** The runs store: progress from runs:* events, throttled live curves, job outcomes, cancel and resume. */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeApi } from '../helpers/fake-api'
import { job, report } from '../helpers/fixtures'
import { useNotificationsStore } from '@renderer/stores/notifications'
import { CURVE_INTERVAL_MS, useRunsStore } from '@renderer/stores/runs'
import { etaMs, jobsDone } from '@renderer/utils/run-progress'

vi.mock('@renderer/services/api', async (importOriginal) => ({ ...(await importOriginal<object>()), api: (await import('../helpers/fake-api')).fakeApi }))

const key = { arm: 'base', seed: 1, fold: 0 }
const progress = (epoch: number, k = key) => ({ runId: 'r1', key: k, epoch, totalEpochs: 100, trainLoss: 1 / epoch, valLoss: 1.2 / epoch, valAccuracy: 0.5 })

beforeEach(() => {
  setActivePinia(createPinia())
  fakeApi.reset()
  fakeApi.handle('runs:active', () => [])
  fakeApi.handle('runs:list', () => [{ runId: 'old', experimentName: 'old exp', status: 'interrupted', backend: 'cpu', datasetId: 'd', createdAt: '2025-01-01T00:00:00Z' }])
  fakeApi.handle('runs:jobs', () => [job('base', 0, report(0.8, [[1]]))])
  fakeApi.handle('runs:config', () => ({ config: { version: 1, name: 'old exp', dataset: 'd', protocol: { kind: 'kfold', folds: 3, repeats: 1 }, seeds: [1, 2], arms: [{ name: 'base' }, { name: 'b2' }] } }))
})
afterEach(() => vi.useRealTimers())

describe('runs store', () => {
  it('loads active runs, the list and done/total of past runs', async () => {
    fakeApi.handle('runs:active', () => [{ runId: 'r1', experimentName: 'live', finished: 2, toRun: 6, totalJobs: 9, backend: 'wasm', startedAt: '2025-01-01T00:00:00Z' }])
    const s = useRunsStore()
    await s.init()
    await vi.waitFor(() => expect(s.totals.old).toBe(12))
    expect(s.progress.r1).toMatchObject({ active: true, backend: 'wasm' })
    expect(jobsDone(s.progress.r1!)).toBe(5)
    expect(s.jobs.old).toHaveLength(1)
    expect(s.list.map((r) => r.runId)).toEqual(['old'])
  })

  it('tracks a run from its events: start, progress, finished jobs with reasons, end', async () => {
    const s = useRunsStore()
    await s.init()
    fakeApi.emit('runs:started', { runId: 'r1', resumed: false, totalJobs: 4, skipped: 1, poolSize: 2, warnings: ['pool size 2'] })
    fakeApi.emit('runs:backend', { runId: 'r1', backend: 'wasm', detail: 'SIMD' })
    fakeApi.emit('runs:progress', progress(1))
    fakeApi.emit('runs:job-finished', { runId: 'r1', key, status: 'failed', reason: 'loss became NaN', finished: 1, toRun: 3 })
    const p = s.progress.r1!
    expect(p).toMatchObject({ totalJobs: 4, toRun: 3, finished: 1, backend: 'wasm', active: true })
    expect(jobsDone(p)).toBe(2)
    expect(p.jobs['base|seed=1|fold=0']).toMatchObject({ status: 'failed', reason: 'loss became NaN', epoch: 1 })
    expect(useNotificationsStore().items.map((n) => n.message)).toEqual(['pool size 2'])

    fakeApi.emit('runs:finished', { runId: 'r1', outcome: { runId: 'r1', status: 'completed', resumed: false, jobsTotal: 4, jobsSkipped: 1, jobsDone: 2, jobsFailed: 1, backend: 'wasm', failures: [] }, error: undefined })
    expect(s.progress.r1!.active).toBe(false)
    // A job still training when the run ended is shown stopped, not running.
    expect(p.jobs['base|seed=1|fold=0']!.status).toBe('failed')
    expect(useNotificationsStore().items.at(-1)).toMatchObject({ level: 'warning', message: 'Run "r1" finished: 2 jobs done, 1 failed.' })
  })

  it('names a run started elsewhere by its experiment (runs:started), not by its id', async () => {
    const s = useRunsStore()
    await s.init()
    // A progress event can arrive before the start event (another window launched the run).
    fakeApi.emit('runs:progress', { ...progress(1), runId: 'r7' })
    expect(s.progress.r7!.experimentName).toBe('r7')
    fakeApi.emit('runs:started', { runId: 'r7', experimentName: 'brca sweep', resumed: false, totalJobs: 2, skipped: 0, poolSize: 1, warnings: [] })
    expect(s.progress.r7!.experimentName).toBe('brca sweep')
    fakeApi.emit('runs:started', { runId: 'r8', experimentName: 'other', resumed: false, totalJobs: 2, skipped: 0, poolSize: 1, warnings: [] })
    expect(s.progress.r8!.experimentName).toBe('other')
  })

  it('publishes live curves at most 10 times a second, without losing points', async () => {
    vi.useFakeTimers()
    const s = useRunsStore()
    await s.init()
    s.selectRun('r1')
    const start = s.curveTick
    // 200 epochs arrive within 500 ms (one every 2.5 ms).
    for (let e = 1; e <= 200; e++) {
      fakeApi.emit('runs:progress', progress(e))
      vi.advanceTimersByTime(2.5)
    }
    vi.advanceTimersByTime(CURVE_INTERVAL_MS)
    const updates = s.curveTick - start
    expect(updates).toBeGreaterThanOrEqual(5)
    expect(updates).toBeLessThanOrEqual(7)
    const c = s.curvesOf('r1', 'base|seed=1|fold=0')!
    expect(c.trainLoss).toHaveLength(200)
    expect(c.valAccuracy.at(-1)).toEqual([200, 0.5])
    // The first job that reports becomes the selected one; its epoch is published with the curves.
    expect(s.selectedJob).toBe('base|seed=1|fold=0')
    expect(s.progress.r1!.jobs['base|seed=1|fold=0']!.epoch).toBe(200)
  })

  it('loads the stored epochs (with method internals) of a finished job', async () => {
    fakeApi.handle('runs:epochs', () => [
      { epoch: 1, trainLoss: 1, valLoss: 1.1, valAccuracy: 0.4, valMacroF1: 0.3, extras: { 'wce.weight.0': 0.7 } },
      { epoch: 2, trainLoss: 0.8, valLoss: 0.9, valAccuracy: 0.5, valMacroF1: 0.4, extras: { 'wce.weight.0': 0.7 } },
    ])
    const s = useRunsStore()
    s.selectRun('old')
    await s.selectJob('base|seed=1|fold=0')
    expect(fakeApi.callsOf('runs:epochs')).toEqual([{ runId: 'old', job: 'base|seed=1|fold=0' }])
    expect(s.curvesOf('old', 'base|seed=1|fold=0')!.extras['wce.weight.0']).toEqual([
      [1, 0.7],
      [2, 0.7],
    ])
  })

  it('cancels, and resumes by launching the stored config again', async () => {
    fakeApi.handle('runs:cancel', () => ({ cancelled: true }))
    fakeApi.handle('runs:launch', () => ({ runId: 'old' }))
    const s = useRunsStore()
    await s.load()
    await s.cancel('r1')
    expect(fakeApi.callsOf('runs:cancel')).toEqual([{ runId: 'r1' }])
    expect(await s.resume('old')).toBe('old')
    const launched = fakeApi.callsOf('runs:launch') as { config: { name: string } }[]
    expect(launched[0]!.config.name).toBe('old exp')
    expect(s.progress.old).toMatchObject({ active: true, experimentName: 'old exp' })
    expect(s.selectedRunId).toBe('old')
  })

  it('estimates the remaining time from finished jobs and running epochs', () => {
    const p = { runId: 'r', experimentName: '', totalJobs: 4, toRun: 4, finished: 1, backend: null, startedAt: 0, endedAt: null, active: true, error: null, jobs: { j: { key, keyString: 'j', status: 'running' as const, epoch: 50, totalEpochs: 100 } } }
    // 1.5 of 4 jobs in 30 s → 50 s left.
    expect(etaMs(p, 30_000)).toBeCloseTo(50_000)
    expect(etaMs({ ...p, finished: 0, jobs: {} }, 30_000)).toBeNull()
    expect(etaMs({ ...p, active: false }, 30_000)).toBeNull()
  })

  it('marks the jobs still training when a run is cancelled as stopped', async () => {
    const s = useRunsStore()
    await s.init()
    fakeApi.emit('runs:started', { runId: 'r1', resumed: false, totalJobs: 2, skipped: 0, poolSize: 1, warnings: [] })
    fakeApi.emit('runs:progress', progress(16))
    fakeApi.emit('runs:finished', { runId: 'r1', outcome: { runId: 'r1', status: 'interrupted', resumed: false, jobsTotal: 2, jobsSkipped: 0, jobsDone: 0, jobsFailed: 0, backend: 'wasm', failures: [] } })
    expect(s.progress.r1!.jobs['base|seed=1|fold=0']).toMatchObject({ status: 'stopped', epoch: 16 })
  })
})
