/** View pieces the e2e tests rely on: the compare table's cells and best markers, the import wizard's spec. */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeApi } from '../helpers/fake-api'
import { datasetMeta, summary } from '../helpers/fixtures'
import CompareTable from '@renderer/features/compare/CompareTable.vue'
import ImportWizard from '@renderer/features/datasets/ImportWizard.vue'
import { bestArms, TABLE_METRICS } from '@renderer/utils/compare-data'

vi.mock('@renderer/services/api', async (importOriginal) => ({ ...(await importOriginal<object>()), api: (await import('../helpers/fake-api')).fakeApi }))

beforeEach(() => {
  setActivePinia(createPinia())
  fakeApi.reset()
})

describe('CompareTable', () => {
  it('shows "mean ± std" cells like the CLI, "—" when missing, and marks the best arms', () => {
    const s = summary()
    const best = Object.fromEntries(TABLE_METRICS.map((m) => [m.key, bestArms(s, m.key)]))
    const w = mount(CompareTable, { props: { summary: s, best } })
    expect(w.get('[data-testid="cell-baseline-accuracy"]').text()).toBe('81.5 ± 2.1')
    expect(w.get('[data-testid="cell-focal-accuracy"]').text()).toBe('84.0 ± 2.1')
    expect(w.get('[data-testid="cell-wce-auc"]').text()).toBe('—')
    const marked = w.findAll('[data-testid="best-marker"]').map((m) => m.element.parentElement!.querySelector('span')!.getAttribute('data-testid'))
    expect(marked.filter((id) => id?.endsWith('-accuracy')).sort()).toEqual(['cell-focal-accuracy', 'cell-wce-accuracy'])
    expect(marked.some((id) => id?.startsWith('cell-baseline'))).toBe(false)
    expect(marked.some((id) => id?.endsWith('-auc'))).toBe(false)
  })
})

describe('ImportWizard', () => {
  it('previews, maps columns and imports the spec; a bad-input error shows inline', async () => {
    fakeApi.handle('datasets:preview', () => ({
      columns: [
        { name: 'id', inferred: 'categorical' },
        { name: 'sex', inferred: 'categorical' },
        { name: 'omics__g1', inferred: 'numeric' },
        { name: 'omics__g2', inferred: 'numeric' },
        { name: 'diagnosis', inferred: 'categorical' },
      ],
      rows: [['p1', 'f', '0.1', '0.2', 'A']],
      delimiter: ',',
    }))
    fakeApi.fail('datasets:import', { code: 'BAD_INPUT', message: 'x.csv: row 3, column omics__g2: "abc" is not a number' })
    const w = mount(ImportWizard)
    await w.get('[data-testid="import-path"]').setValue('/data/x.csv')
    expect((w.get('[data-testid="import-name"]').element as HTMLInputElement).value).toBe('x')
    await w.get('[data-testid="import-preview"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="preview-table"]').text()).toContain('omics__g1')
    expect((w.get('[data-testid="map-id"]').element as HTMLSelectElement).value).toBe('id')
    expect((w.get('[data-testid="map-label"]').element as HTMLSelectElement).value).toBe('diagnosis')
    expect((w.get('[data-testid="map-modalities"]').element as HTMLSelectElement).value).toBe('prefix')
    await w.get('[data-testid="map-attr-sex"]').setValue(true)
    await w.get('[data-testid="import-name"]').setValue('brca')
    await w.get('[data-testid="import-submit"]').trigger('click')
    await flushPromises()
    expect(fakeApi.callsOf('datasets:import')).toEqual([
      { spec: { format: 'csv', name: 'brca', file: '/data/x.csv', idColumn: 'id', labelColumn: 'diagnosis', attributes: ['sex'], modalities: [{ name: 'omics', prefix: 'omics__' }] } },
    ])
    expect(w.get('[data-testid="import-error"]').text()).toContain('row 3, column omics__g2')

    fakeApi.handle('datasets:import', () => ({ meta: datasetMeta({ name: 'brca' }), warnings: [] }))
    fakeApi.handle('datasets:list', () => [datasetMeta({ name: 'brca' })])
    await w.get('[data-testid="import-submit"]').trigger('click')
    await flushPromises()
    expect(w.emitted('imported')).toHaveLength(1)
    expect(w.find('[data-testid="import-error"]').exists()).toBe(false)
  })
})
