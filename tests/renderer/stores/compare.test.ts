/** The compare store: loads summary, jobs and ROC of a run; best arms; summed confusion; the last selection wins. */
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeApi } from '../helpers/fake-api'
import { comparison, job, report, summary } from '../helpers/fixtures'
import { useCompareStore } from '@renderer/stores/compare'
import { useNotificationsStore } from '@renderer/stores/notifications'

vi.mock('@renderer/services/api', async (importOriginal) => ({ ...(await importOriginal<object>()), api: (await import('../helpers/fake-api')).fakeApi }))

beforeEach(() => {
  setActivePinia(createPinia())
  fakeApi.reset()
  fakeApi.handle('runs:summary', () => summary())
  fakeApi.handle('runs:jobs', () => [
    job('baseline', 0, report(0.8, [[3, 1], [0, 2]], [{ group: 'f', accuracy: 0.9 }, { group: 'm', accuracy: 0.7 }])),
    job('baseline', 1, report(0.7, [[2, 0], [1, 1]], [{ group: 'f', accuracy: 0.7 }, { group: 'm', accuracy: 0.5 }])),
    job('focal', 0, null, 'failed'),
  ])
  fakeApi.handle('runs:roc', () => [{ arm: 'baseline', curves: [{ className: 'b', fpr: [0, 1], tpr: [0, 1], auc: 0.5 }] }])
  fakeApi.handle('runs:compare', (input) => ({ ...comparison(), reference: input.reference ?? 'baseline', alpha: input.alpha ?? 0.05 }))
})

describe('compare store', () => {
  it('loads a run and derives best arms, confusion sums and per-group accuracy', async () => {
    const s = useCompareStore()
    await s.select('run-1')
    expect(s.summary?.arms).toHaveLength(3)
    expect(s.roc).toHaveLength(1)
    expect([...s.best.accuracy!].sort()).toEqual(['focal', 'wce'])
    expect(s.best.auc!.size).toBe(0)
    const base = s.confusion.find((c) => c.arm === 'baseline')!.matrix!
    expect(base.counts).toEqual([
      [5, 1],
      [1, 3],
    ])
    expect(base.jobs).toBe(2)
    expect(s.confusion.find((c) => c.arm === 'focal')!.matrix).toBeNull()
    const g = s.groupSeries('sex')
    expect(g.groups).toEqual(['f', 'm'])
    expect(g.arms[0]!.values[0]).toBeCloseTo(0.8)
    expect(g.arms[0]!.values[1]).toBeCloseTo(0.6)
    expect(s.tradeoff('sex', 'eod').map((p) => [p.arm, p.x])).toEqual([
      ['baseline', 0.3],
      ['focal', 0.2],
      ['wce', 0.1],
    ])
  })

  it('shows the tables even when the ROC fails, and reports it', async () => {
    fakeApi.fail('runs:roc', { code: 'NOT_FOUND', message: 'no predictions' })
    const s = useCompareStore()
    await s.select('run-1')
    expect(s.summary).not.toBeNull()
    expect(s.roc).toEqual([])
    expect(useNotificationsStore().items[0]?.title).toBe('Could not load the ROC curves')
  })

  it('keeps only the latest selection', async () => {
    const s = useCompareStore()
    const first = s.select('run-1')
    fakeApi.handle('runs:summary', () => ({ ...summary(), runId: 'run-2' }))
    const second = s.select('run-2')
    await Promise.all([first, second])
    expect(s.runId).toBe('run-2')
    expect(s.summary?.runId).toBe('run-2')
  })

  it('loads the statistics after the summary and recomputes them with another reference, α and test', async () => {
    const s = useCompareStore()
    await s.select('run-1')
    expect(fakeApi.callsOf('runs:compare')).toEqual([{ runId: 'run-1', alpha: 0.05, test: 'corrected-t' }])
    expect(s.comparison?.reference).toBe('baseline')
    await s.configure({ reference: 'wce', alpha: 0.1, test: 'wilcoxon' })
    expect(fakeApi.callsOf('runs:compare').at(-1)).toEqual({ runId: 'run-1', reference: 'wce', alpha: 0.1, test: 'wilcoxon' })
    expect(s.comparison).toMatchObject({ reference: 'wce', alpha: 0.1 })
    // Another run starts again from its own first arm.
    await s.select('run-2')
    expect(fakeApi.callsOf('runs:compare').at(-1)).toEqual({ runId: 'run-2', alpha: 0.1, test: 'wilcoxon' })
  })

  it('writes the report and the export with the view\'s settings and keeps their paths', async () => {
    fakeApi.handle('reports:create', () => ({ path: '/ws/reports/run-1.pdf' }))
    fakeApi.handle('exports:create', () => ({ dir: '/ws/reports/run-1-export', files: ['a.csv', 'b.parquet'] }))
    const s = useCompareStore()
    await s.select('run-1')
    await s.configure({ reference: 'focal' })
    expect(await s.createReport()).toBe('/ws/reports/run-1.pdf')
    expect(fakeApi.callsOf('reports:create')).toEqual([{ runId: 'run-1', reference: 'focal', alpha: 0.05, test: 'corrected-t' }])
    expect(await s.createExport()).toBe('/ws/reports/run-1-export')
    expect([s.reportPath, s.exportDir, s.writing]).toEqual(['/ws/reports/run-1.pdf', '/ws/reports/run-1-export', null])
    expect(useNotificationsStore().items.map((n) => n.title)).toEqual(['Report written', 'Export written'])
    fakeApi.fail('reports:create', { code: 'NOT_FOUND', message: 'No run' })
    expect(await s.createReport()).toBeNull()
    expect(useNotificationsStore().items.at(-1)).toMatchObject({ level: 'error', title: 'Could not write the report' })
  })

  it('compares runs across datasets once two are chosen', async () => {
    const answer = { metric: 'accuracy', label: 'Accuracy', higherIsBetter: true, alpha: 0.05, runs: [], arms: [], scores: [], rule: 'r', testName: 't', friedman: null, note: 'n', warnings: [] }
    fakeApi.handle('runs:compare-datasets', () => answer as never)
    const s = useCompareStore()
    await s.compareDatasets({ runs: ['r1'] })
    expect(fakeApi.callsOf('runs:compare-datasets')).toHaveLength(0)
    expect(s.acrossDatasets).toBeNull()
    await s.compareDatasets({ runs: ['r1', 'r2'], metric: 'accuracy' })
    expect(fakeApi.callsOf('runs:compare-datasets')).toEqual([{ runIds: ['r1', 'r2'], metric: 'accuracy', alpha: 0.05 }])
    expect(s.acrossDatasets).toEqual(answer)
  })
})
