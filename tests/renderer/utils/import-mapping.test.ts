/** The import wizard's mapping → import spec. */
import { describe, expect, it } from 'vitest'
import { ImportSpec } from '@shared/import'
import { buildTabularSpec, mappingProblem, planModalities, type ColumnMapping } from '@renderer/utils/import-mapping'

const columns = ['id', 'sex', 'age', 'omics__g1', 'omics__g2', 'clin__bmi', 'label']
const base: ColumnMapping = { format: 'csv', path: '/data/x.csv', name: 'x', idColumn: 'id', labelColumn: 'label', attributes: ['sex'], modalities: 'prefix' }

describe('import mapping', () => {
  it('groups feature columns by the text before "__"; other columns form one more modality', () => {
    expect(planModalities(columns, base)).toEqual([
      { name: 'omics', columns: ['omics__g1', 'omics__g2'], prefix: 'omics__' },
      { name: 'clin', columns: ['clin__bmi'], prefix: 'clin__' },
      { name: 'other', columns: ['age'] },
    ])
    expect(planModalities(columns, { ...base, modalities: 'single' })).toEqual([{ name: 'features', columns: ['age', 'omics__g1', 'omics__g2', 'clin__bmi'] }])
  })

  it('builds a spec the shared ImportSpec schema accepts', () => {
    const spec = buildTabularSpec(columns, { ...base, missingTokens: ['NA'] })
    expect(spec).toEqual({
      format: 'csv',
      name: 'x',
      file: '/data/x.csv',
      idColumn: 'id',
      labelColumn: 'label',
      attributes: ['sex'],
      missingTokens: ['', 'NA'],
      modalities: [
        { name: 'omics', prefix: 'omics__' },
        { name: 'clin', prefix: 'clin__' },
        { name: 'other', columns: ['age'] },
      ],
    })
    expect(ImportSpec.safeParse(spec).success).toBe(true)
    const single = buildTabularSpec(columns, { ...base, idColumn: null, modalities: 'single' })
    expect(single).not.toHaveProperty('idColumn')
    expect(ImportSpec.safeParse(single).success).toBe(true)
  })

  it('explains what is missing before import', () => {
    expect(mappingProblem(columns, base)).toBeNull()
    expect(mappingProblem(columns, { ...base, labelColumn: '' })).toMatch(/label/)
    expect(mappingProblem(columns, { ...base, idColumn: 'label' })).toMatch(/differ/)
    expect(mappingProblem(['a', 'b', 'y'], { ...base, idColumn: null, labelColumn: 'y', attributes: [] })).toMatch(/prefix/)
    expect(mappingProblem(['id', 'y'], { ...base, labelColumn: 'y', attributes: [] })).toMatch(/No feature columns/)
  })
})
