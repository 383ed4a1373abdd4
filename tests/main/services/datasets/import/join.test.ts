/** `join` imports: files keyed by an id column (TCGA-like), attributes from one-hot columns, missing ids. */
import { cpSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportSpecInput } from '../../../../../src/shared/import'
import { importDataset } from '../../../../../src/main/services/datasets/import'
import { failure, fixturesDir, lines, scratch, type Scratch } from './helpers'

let s: Scratch
beforeEach(() => {
  s = scratch()
  cpSync(path.join(fixturesDir, 'join-tiny'), s.dir, { recursive: true })
})
afterEach(() => s.cleanup())

type JoinSpec = Extract<ImportSpecInput, { format: 'join' }>
const spec = (over: Partial<JoinSpec> = {}): JoinSpec => ({
  format: 'join',
  name: 'tiny',
  folder: s.dir,
  files: [
    { path: 'omics.csv', idColumn: '', role: 'modality', name: 'mRNA' },
    { path: 'clinical.csv', idColumn: 'Patient_ID', role: 'modality' },
    { path: 'target.csv', idColumn: 'Patient_ID', role: 'table' },
  ],
  labelFrom: { file: 'target.csv', column: 'target' },
  labelNames: { '0': 'alive', '1': 'deceased' },
  attributes: [
    { file: 'clinical.csv', column: 'gender_male', name: 'sex', groupNames: { '0': 'female', '1': 'male' } },
    { file: 'clinical', name: 'race', oneHot: { race_asian: 'asian', race_black: 'black', race_white: 'white', race_nan: null }, none: 'other' },
  ],
  ...over,
})

describe('join import', () => {
  it('joins on ids in the label file order, whatever the order of the other files', async () => {
    const { data, warnings } = await importDataset(spec())
    expect(data.ids).toEqual(['TCGA-AA-0001', 'TCGA-AA-0002', 'TCGA-AA-0003', 'TCGA-AA-0004', 'TCGA-AA-0005', 'TCGA-AA-0006', 'TCGA-AA-0007', 'TCGA-AA-0008'])
    expect(data.classNames).toEqual(['alive', 'deceased'])
    expect(Array.from(data.labels)).toEqual([0, 1, 0, 1, 0, 1, 0, 0])
    const [mrna, clinical] = data.modalities
    expect(mrna!.name).toBe('mRNA')
    expect(mrna!.featureNames).toEqual(['GENE_1', 'GENE_2', 'GENE_3'])
    // omics.csv lists TCGA-AA-0004 first; it is sample 4 here
    expect(Array.from(mrna!.values.subarray(3 * 3, 4 * 3))).toEqual([8.6805, 0.1894, 8.0502].map(Math.fround))
    expect(Array.from(mrna!.values.subarray(0, 3))).toEqual([6.8961, 4.0328, 5.6099].map(Math.fround))
    // sensitive attributes are never features
    expect(clinical!.name).toBe('clinical')
    expect(clinical!.featureNames).toEqual(['years_to_birth', 'karnofsky'])
    expect(warnings.join('\n')).toMatch(/"gender_male" \(attribute "sex"\)/)
    expect(data.attributes[0]).toMatchObject({ name: 'sex', groups: ['female', 'male'] })
    expect(Array.from(data.attributes[0]!.values)).toEqual([1, 0, 1, 1, 0, 0, 1, 0])
    expect(data.attributes[1]).toMatchObject({ name: 'race', groups: ['asian', 'black', 'other', 'white'] })
    expect(Array.from(data.attributes[1]!.values)).toEqual([3, 1, 3, 0, 3, -1, 2, 3])
    expect(data.split).toBeUndefined()
    expect(data.groups).toBeUndefined()
  })

  it('drops samples absent from a file with missingIds: "drop" (warning)', async () => {
    s.write('omics.csv', lines(',GENE_1', 'TCGA-AA-0001,1', 'TCGA-AA-0002,2', 'TCGA-AA-0003,3', 'TCGA-AA-0004,4', 'TCGA-AA-0005,5', 'TCGA-AA-0008,8'))
    const { data, warnings } = await importDataset(spec({ missingIds: 'drop' }))
    expect(data.ids).toEqual(['TCGA-AA-0001', 'TCGA-AA-0002', 'TCGA-AA-0003', 'TCGA-AA-0004', 'TCGA-AA-0005', 'TCGA-AA-0008'])
    expect(Array.from(data.modalities[0]!.values)).toEqual([1, 2, 3, 4, 5, 8])
    expect(warnings.join('\n')).toMatch(/Dropped 2 samples absent from some file: .*omics\.csv lacks 2 labelled ids \("TCGA-AA-0006", "TCGA-AA-0007"\)/)
  })

  it('keeps them with that modality NaN with missingIds: "keep"', async () => {
    s.write('omics.csv', lines(',GENE_1', 'TCGA-AA-0001,1', 'TCGA-AA-0002,2', 'TCGA-AA-0003,3', 'TCGA-AA-0004,4', 'TCGA-AA-0005,5', 'TCGA-AA-0006,6', 'TCGA-AA-0008,8'))
    const { data, warnings } = await importDataset(spec({ missingIds: 'keep', missing: 'keep' }))
    expect(Array.from(data.modalities[0]!.values)).toEqual([1, 2, 3, 4, 5, 6, NaN, 8])
    expect(warnings.join('\n')).toMatch(/id "TCGA-AA-0007" has no row in this file/)
  })

  it('refuses missingIds: "keep" without missing: "keep"', async () => {
    const err = await failure(importDataset(spec({ missingIds: 'keep' })), 'VALIDATION')
    expect(err.message).toMatch(/missingIds: "keep" leaves NaN/)
  })

  it('refuses a reference to a file that is not listed', async () => {
    const err = await failure(importDataset(spec({ labelFrom: { file: 'labels.csv', column: 'target' } })), 'VALIDATION')
    expect(err.message).toMatch(/labelFrom\.file: "labels\.csv" is not the path or name of an entry of "files"/)
  })

  it('refuses duplicate ids within a file', async () => {
    s.write('target.csv', lines('Patient_ID,target', 'TCGA-AA-0001,0', 'TCGA-AA-0002,1', 'TCGA-AA-0001,1'))
    const err = await failure(importDataset(spec()), 'BAD_INPUT')
    expect(err.message).toMatch(/target\.csv, row 4, column "Patient_ID": duplicate id "TCGA-AA-0001" \(also on row 2\)/)
  })

  it('reads group and split columns from any file', async () => {
    s.write('extra.csv', lines('pid,site,part', ...['1', '2', '3', '4', '5', '6', '7', '8'].map((k, i) => `TCGA-AA-000${k},S${i % 3},${i < 6 ? 'train' : 'test'}`)))
    const base = spec()
    const { data } = await importDataset({
      ...base,
      files: [...base.files, { path: 'extra.csv', idColumn: 'pid', role: 'table' }],
      groupFrom: { file: 'extra.csv', column: 'site' },
      splitFrom: { file: 'extra.csv', column: 'part' },
    })
    expect(data.groups).toEqual(['S0', 'S1', 'S2', 'S0', 'S1', 'S2', 'S0', 'S1'])
    expect(Array.from(data.split!)).toEqual([0, 0, 0, 0, 0, 0, 1, 1])
  })
})
