/** The experiment store: method defaults from schemas, the debounced config check, JSON load/save, start. */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { fakeApi } from '../helpers/fake-api'
import { datasetMeta, focalEntry } from '../helpers/fixtures'
import { CHECK_DEBOUNCE_MS, useExperimentStore } from '@renderer/stores/experiment'
import { useMethodsStore } from '@renderer/stores/methods'
import { useNotificationsStore } from '@renderer/stores/notifications'
import { useRunsStore } from '@renderer/stores/runs'

vi.mock('@renderer/services/api', async (importOriginal) => ({ ...(await importOriginal<object>()), api: (await import('../helpers/fake-api')).fakeApi }))

beforeEach(() => {
  setActivePinia(createPinia())
  fakeApi.reset()
  fakeApi.handle('methods:catalog', () => [focalEntry])
  fakeApi.handle('runs:list', () => [])
  fakeApi.handle('runs:jobs', () => [])
})
afterEach(() => vi.useRealTimers())

describe('experiment store', () => {
  it('picks a dataset and adds methods with the defaults of their option schema', async () => {
    await useMethodsStore().load()
    const s = useExperimentStore()
    s.ensureDataset([datasetMeta()])
    expect(s.config.dataset).toBe('ds-1')
    s.addMethod(0, 'focal-loss')
    expect(s.config.arms[0]!.methods).toEqual([{ method: 'focal-loss', options: { gamma: 2, alpha: 'none' } }])
    s.addArm()
    s.addArm()
    expect(s.config.arms.map((a) => a.name)).toEqual(['baseline', 'arm-2', 'arm-3'])
    s.setMethodOptions(0, 0, { gamma: 3, alpha: [1, 2] })
    expect(s.config.arms[0]!.methods[0]!.options).toEqual({ gamma: 3, alpha: [1, 2] })
    s.removeArm(1)
    expect(s.config.arms.map((a) => a.name)).toEqual(['baseline', 'arm-3'])
  })

  it('checks the config once after edits settle, and shows the conflict message', async () => {
    vi.useFakeTimers()
    fakeApi.fail('experiments:check', { code: 'CONFLICT', message: 'arms[0] ("baseline"): focal-loss and weighted-ce both replace the loss' })
    const s = useExperimentStore()
    s.ensureDataset([datasetMeta()])
    await nextTick()
    s.config.training.epochs = 3
    await nextTick()
    s.config.seeds = [1, 2, 3]
    await nextTick()
    expect(fakeApi.callsOf('experiments:check')).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(CHECK_DEBOUNCE_MS + 10)
    const calls = fakeApi.callsOf('experiments:check') as { config: { seeds: number[]; training: { epochs: number } } }[]
    expect(calls).toHaveLength(1)
    expect(calls[0]!.config.seeds).toEqual([1, 2, 3])
    expect(calls[0]!.config.training.epochs).toBe(3)
    expect(s.check).toMatchObject({ state: 'error', code: 'CONFLICT' })
    expect(s.check.state === 'error' && s.check.message).toContain('both replace the loss')
    expect(s.canStart).toBe(false)

    fakeApi.handle('experiments:check', () => ({ warnings: ['arm "x": two gradient methods'], jobs: 9 }))
    s.config.training.epochs = 4
    await vi.advanceTimersByTimeAsync(CHECK_DEBOUNCE_MS + 10)
    expect(s.check).toEqual({ state: 'ok', jobs: 9, warnings: ['arm "x": two gradient methods'] })
    expect(s.canStart).toBe(true)
  })

  it('marks the check pending from the first edit until its answer, so no stale job count is shown', async () => {
    vi.useFakeTimers()
    fakeApi.handle('experiments:check', (input) => ({ warnings: [], jobs: (input.config as { seeds: number[] }).seeds.length * 5 }))
    const s = useExperimentStore()
    s.config.dataset = 'ds-1'
    await s.runCheck()
    expect([s.checkPending, s.check]).toEqual([false, { state: 'ok', jobs: 5, warnings: [] }])
    s.config.seeds = [1, 2]
    await nextTick()
    expect(s.checkPending).toBe(true)
    expect(s.jobs).toBe(10)
    await vi.advanceTimersByTimeAsync(CHECK_DEBOUNCE_MS + 10)
    expect([s.checkPending, s.check]).toEqual([false, { state: 'ok', jobs: 10, warnings: [] }])
  })

  it('keeps only the answer of the latest check', async () => {
    let release: (v: { warnings: string[]; jobs: number }) => void = () => {}
    fakeApi.handle('experiments:check', () => new Promise((r) => (release = r)))
    const s = useExperimentStore()
    s.config.dataset = 'ds-1'
    const first = s.runCheck()
    const releaseFirst = release
    fakeApi.handle('experiments:check', () => ({ warnings: [], jobs: 2 }))
    await s.runCheck()
    releaseFirst({ warnings: ['stale'], jobs: 99 })
    await first
    expect(s.check).toEqual({ state: 'ok', jobs: 2, warnings: [] })
  })

  it('loads the same JSON config it saves (defaults filled), and refuses an invalid one naming the field', () => {
    const s = useExperimentStore()
    s.config.dataset = 'ds-1'
    s.config.arms[0]!.methods.push({ method: 'focal-loss', options: { gamma: 1 } })
    const saved = s.json
    const other = useExperimentStore()
    other.reset()
    expect(other.loadJson(saved)).toBe(true)
    expect(JSON.parse(other.json)).toEqual(JSON.parse(saved))

    expect(s.loadJson(JSON.stringify({ version: 1, name: 'cli', dataset: 'brca', arms: [{ name: 'base' }] }))).toBe(true)
    expect(s.config.protocol).toMatchObject({ kind: 'kfold', folds: 5 })
    expect(s.config.arms[0]!.methods).toEqual([])

    expect(s.loadJson(JSON.stringify({ version: 1, name: 'bad', dataset: 'd', arms: [{ name: 'bad name' }] }), 'bad.json')).toBe(false)
    const note = useNotificationsStore().items[0]
    expect(note?.message).toContain('bad.json is not a valid experiment config')
    expect(note?.message).toContain('arms[0].name')
    expect(s.config.name).toBe('cli')
  })

  it('starts a run with runs:launch and hands it to the runs store', async () => {
    fakeApi.handle('runs:launch', () => ({ runId: 'run-9' }))
    const s = useExperimentStore()
    s.config.dataset = 'ds-1'
    s.config.name = 'my exp'
    expect(await s.start()).toBe('run-9')
    expect(fakeApi.callsOf('runs:launch')).toEqual([{ config: JSON.parse(s.json) }])
    const runs = useRunsStore()
    expect(runs.selectedRunId).toBe('run-9')
    expect(runs.progress['run-9']).toMatchObject({ experimentName: 'my exp', active: true })
  })

  it('shows why a start was refused', async () => {
    fakeApi.fail('runs:launch', { code: 'VALIDATION', message: 'Experiment config is invalid:\n  training.epochs: Too small' })
    const s = useExperimentStore()
    s.config.dataset = 'ds-1'
    expect(await s.start()).toBeNull()
    expect(s.check).toMatchObject({ state: 'error', code: 'VALIDATION' })
    expect(useNotificationsStore().items[0]?.message).toContain('training.epochs')
  })
})
