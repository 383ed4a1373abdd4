/** MOGONET folders: discovery of modalities, the shipped split, labels in `%.18e`, feature names. */
import { cpSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importDataset } from '../../../../../src/main/services/datasets/import'
import { failure, fixturesDir, lines, scratch, type Scratch } from './helpers'

let s: Scratch
beforeEach(() => {
  s = scratch()
})
afterEach(() => s.cleanup())

describe('mogonet import', () => {
  it('imports the tiny fixture: split kept, train rows first, names from the spec and featname files', async () => {
    const { data, warnings } = await importDataset(
      { format: 'mogonet', name: 'tiny', folder: 'mogonet-tiny', modalityNames: ['mRNA', 'meth'], classNames: ['a', 'b', 'c'] },
      fixturesDir,
    )
    expect(warnings).toEqual([])
    expect(data.ids).toEqual(['tr-1', 'tr-2', 'tr-3', 'tr-4', 'tr-5', 'tr-6', 'te-1', 'te-2', 'te-3', 'te-4'])
    expect(Array.from(data.split!)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
    expect(Array.from(data.labels)).toEqual([0, 1, 2, 0, 1, 2, 2, 1, 0, 0])
    expect(data.classNames).toEqual(['a', 'b', 'c'])
    expect(data.attributes).toEqual([])
    const [m1, m2] = data.modalities
    expect(m1).toMatchObject({ name: 'mRNA', featureNames: ['GENE1|101', 'GENE2|102', '?|103'] })
    expect(m1!.values).toHaveLength(10 * 3)
    expect(m1!.values[0]).toBe(Math.fround(0.237965))
    expect(m2).toMatchObject({ name: 'meth', featureNames: ['f1', 'f2'] })
    expect(m2!.values).toHaveLength(10 * 2)
  })

  it('uses default modality and class names', async () => {
    const { data } = await importDataset({ format: 'mogonet', name: 'tiny', folder: path.join(fixturesDir, 'mogonet-tiny') })
    expect(data.modalities.map((m) => m.name)).toEqual(['modality1', 'modality2'])
    expect(data.classNames).toEqual(['0', '1', '2'])
  })

  it('refuses a label that is not a class number', async () => {
    cpSync(path.join(fixturesDir, 'mogonet-tiny'), path.join(s.dir, 'mo'), { recursive: true })
    s.write('mo/labels_te.csv', lines('2', '1', '0.5', '0'))
    const err = await failure(importDataset({ format: 'mogonet', name: 't', folder: 'mo' }, s.dir), 'BAD_INPUT')
    expect(err.message).toMatch(/labels_te\.csv, row 3, column 1: label "0.5" is not a class number/)
  })

  it('refuses train and test matrices of different widths, and a wrong number of feature names', async () => {
    cpSync(path.join(fixturesDir, 'mogonet-tiny'), path.join(s.dir, 'mo'), { recursive: true })
    s.write('mo/2_te.csv', lines('1,2,3', '1,2,3', '1,2,3', '1,2,3'))
    const err = await failure(importDataset({ format: 'mogonet', name: 't', folder: 'mo' }, s.dir), 'BAD_INPUT')
    expect(err.message).toMatch(/2_te\.csv, row 1: 3 columns, but 2_tr\.csv has 2/)
    cpSync(path.join(fixturesDir, 'mogonet-tiny'), path.join(s.dir, 'mo'), { recursive: true })
    s.write('mo/2_featname.csv', lines('x'))
    const err2 = await failure(importDataset({ format: 'mogonet', name: 't', folder: 'mo' }, s.dir), 'BAD_INPUT')
    expect(err2.message).toMatch(/2_featname\.csv: 1 feature name for 2 columns/)
  })

  it('refuses more labels than classNames', async () => {
    const err = await failure(importDataset({ format: 'mogonet', name: 't', folder: 'mogonet-tiny', classNames: ['a', 'b'] }, fixturesDir), 'VALIDATION')
    expect(err.message).toMatch(/labels go up to 2 but "classNames" names only 2 classes/)
  })

  it('refuses a folder that does not exist, and one without MOGONET files', async () => {
    const err = await failure(importDataset({ format: 'mogonet', name: 't', folder: 'nowhere' }, s.dir), 'BAD_INPUT')
    expect(err.message).toMatch(/nowhere: MOGONET folder not found/)
    s.write('empty/readme.txt', 'hi')
    const err2 = await failure(importDataset({ format: 'mogonet', name: 't', folder: 'empty' }, s.dir), 'BAD_INPUT')
    expect(err2.message).toMatch(/no MOGONET data files here/)
  })
})
