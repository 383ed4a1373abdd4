/** The datasets store: list, import errors kept inline, delete, demo. */
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeApi } from '../helpers/fake-api'
import { datasetMeta } from '../helpers/fixtures'
import { useDatasetsStore } from '@renderer/stores/datasets'
import { useNotificationsStore } from '@renderer/stores/notifications'

vi.mock('@renderer/services/api', async (importOriginal) => ({ ...(await importOriginal<object>()), api: (await import('../helpers/fake-api')).fakeApi }))

beforeEach(() => {
  setActivePinia(createPinia())
  fakeApi.reset()
})

describe('datasets store', () => {
  it('loads the list', async () => {
    fakeApi.handle('datasets:list', () => [datasetMeta()])
    const s = useDatasetsStore()
    await s.load()
    expect(s.list.map((d) => d.name)).toEqual(['demo'])
  })

  it('reports a failed list through the error funnel', async () => {
    fakeApi.fail('datasets:list', { code: 'WORKSPACE_BUSY', message: 'workspace in use by another process' })
    const s = useDatasetsStore()
    await s.load()
    const notes = useNotificationsStore().items
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ level: 'error', message: 'workspace in use by another process', title: 'Could not list the datasets' })
  })

  it('keeps an import error for inline display (no toast) and stores nothing', async () => {
    fakeApi.fail('datasets:import', { code: 'BAD_INPUT', message: 'data.csv: row 3, column omics__g2: "abc" is not a number' })
    fakeApi.handle('datasets:list', () => [])
    const s = useDatasetsStore()
    const meta = await s.importDataset({ format: 'csv', name: 'x', file: '/d.csv', labelColumn: 'y', modalities: [{ name: 'omics', prefix: 'omics__' }] })
    expect(meta).toBeNull()
    expect(s.importError?.code).toBe('BAD_INPUT')
    expect(s.importError?.message).toContain('row 3, column omics__g2')
    expect(useNotificationsStore().items).toHaveLength(0)
    expect(fakeApi.callsOf('datasets:list')).toHaveLength(0)
  })

  it('imports, notifies with warnings and refreshes the list', async () => {
    fakeApi.handle('datasets:import', () => ({ meta: datasetMeta({ name: 'brca' }), warnings: ['2 columns are constant'] }))
    fakeApi.handle('datasets:list', () => [datasetMeta({ name: 'brca' })])
    const s = useDatasetsStore()
    const meta = await s.importDataset({ format: 'mogonet', name: 'brca', folder: '/data/brca' })
    expect(meta?.name).toBe('brca')
    expect(fakeApi.callsOf('datasets:import')).toEqual([{ spec: { format: 'mogonet', name: 'brca', folder: '/data/brca' } }])
    expect(s.list).toHaveLength(1)
    expect(useNotificationsStore().items.map((n) => n.level)).toEqual(['info', 'warning'])
  })

  it('previews a file; a failure lands in importError', async () => {
    fakeApi.handle('datasets:preview', ({ path }) => ({ columns: [{ name: 'id', inferred: 'categorical' }], rows: [[path]], delimiter: ',' }))
    const s = useDatasetsStore()
    const p = await s.previewFile('/a.csv')
    expect(p?.rows).toEqual([['/a.csv']])
    fakeApi.fail('datasets:preview', { code: 'NOT_FOUND', message: 'No such file: /b.csv' })
    expect(await s.previewFile('/b.csv')).toBeNull()
    expect(s.preview).toBeNull()
    expect(s.importError?.message).toBe('No such file: /b.csv')
  })

  it('deletes a dataset and drops it from list and details', async () => {
    fakeApi.handle('datasets:list', () => [datasetMeta(), datasetMeta({ id: 'ds-2', name: 'other' })])
    fakeApi.handle('datasets:delete', ({ id }) => ({ deleted: id }))
    const s = useDatasetsStore()
    await s.load()
    expect(await s.remove('ds-1')).toBe(true)
    expect(s.list.map((d) => d.id)).toEqual(['ds-2'])
  })

  it('adds the demo dataset', async () => {
    fakeApi.handle('datasets:demo', () => datasetMeta())
    fakeApi.handle('datasets:list', () => [datasetMeta()])
    const s = useDatasetsStore()
    expect((await s.addDemo())?.id).toBe('ds-1')
    expect(s.list).toHaveLength(1)
  })
})
