/**
 * Every kind of bad input is refused with an `AppFailure` (BAD_INPUT for a malformed file,
 * VALIDATION for a spec that does not fit) whose message names file, row (1-based line,
 * header = 1) and column where that applies. One test per case, each on its own small files.
 */
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DatasetData } from '../../../../../src/shared/dataset'
import type { ImportSpecInput } from '../../../../../src/shared/import'
import { checkClassSizes, importDataset } from '../../../../../src/main/services/datasets/import'
import { failure, lines, scratch, type Scratch } from './helpers'

let s: Scratch
beforeEach(() => {
  s = scratch()
})
afterEach(() => s.cleanup())

/** A csv spec over `data.csv` with columns id, y, sex, g1..g3. */
const csvSpec = (over: Partial<Extract<ImportSpecInput, { format: 'csv' }>> = {}): ImportSpecInput => ({
  format: 'csv',
  name: 't',
  file: path.join(s.dir, 'data.csv'),
  idColumn: 'id',
  labelColumn: 'y',
  attributes: ['sex'],
  modalities: [{ name: 'm', range: { from: 'g1', to: 'g3' } }],
  ...over,
})

const good = ['id,y,sex,g1,g2,g3', 'a,0,F,1,2,3', 'b,1,M,4,5,6', 'c,0,M,7,8,9', 'd,1,F,1,1,1']

/** `good` with row `k` (0 = header) replaced. */
const withRow = (k: number, row: string): string => lines(...good.map((r, i) => (i === k ? row : r)))

describe('import refuses bad input', () => {
  it('sanity: the unmodified fixture imports', async () => {
    s.write('data.csv', lines(...good))
    const { data } = await importDataset(csvSpec())
    expect(data.ids).toEqual(['a', 'b', 'c', 'd'])
  })

  it('missing file', async () => {
    const err = await failure(importDataset(csvSpec({ file: path.join(s.dir, 'nope.csv') })), 'BAD_INPUT')
    expect(err.message).toContain(path.join(s.dir, 'nope.csv'))
    expect(err.message).toMatch(/not found/)
    expect(err.location?.file).toBe(path.join(s.dir, 'nope.csv'))
  })

  it('empty file', async () => {
    s.write('data.csv', '')
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.message).toMatch(/data\.csv: the file is empty/)
  })

  it('header without data rows', async () => {
    s.write('data.csv', lines(good[0]!))
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.message).toMatch(/header row but no data rows/)
  })

  it('non-numeric feature cell', async () => {
    s.write('data.csv', withRow(2, 'b,1,M,4,five,6'))
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.location).toMatchObject({ row: 3, column: 'g2' })
    expect(err.message).toMatch(/data\.csv, row 3, column "g2": "five" is not a number/)
  })

  it('NaN in a numeric cell', async () => {
    s.write('data.csv', withRow(3, 'c,0,M,7,8,NaN'))
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.location).toMatchObject({ row: 4, column: 'g3' })
    expect(err.message).toMatch(/"NaN" \(NaN or infinity\)/)
    expect(err.message).toMatch(/missingTokens/)
  })

  it('Inf in a numeric cell (literal or overflowing)', async () => {
    s.write('data.csv', withRow(1, 'a,0,F,-inf,2,3'))
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.location).toMatchObject({ row: 2, column: 'g1' })
    expect(err.message).toMatch(/NaN or infinity/)
    s.write('data.csv', withRow(1, 'a,0,F,1e999,2,3'))
    const err2 = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err2.message).toMatch(/row 2, column "g1": "1e999" \(NaN or infinity\)/)
  })

  it('a value beyond float32 range', async () => {
    s.write('data.csv', withRow(4, 'd,1,F,1,1e39,1'))
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.location).toMatchObject({ row: 5, column: 'g2' })
    expect(err.message).toMatch(/32-bit floats/)
  })

  it('ragged row', async () => {
    s.write('data.csv', withRow(3, 'c,0,M,7,8'))
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.location).toMatchObject({ row: 4 })
    expect(err.message).toMatch(/row 4: ragged row: 5 fields where the header has 6/)
  })

  it('unterminated quote', async () => {
    s.write('data.csv', withRow(2, 'b,1,"M,4,5,6'))
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.message).toMatch(/row 3: a quoted field is never closed/)
  })

  it('row counts that disagree between MOGONET files', async () => {
    s.write('mo/labels_tr.csv', lines('0', '1', '0', '1'))
    s.write('mo/labels_te.csv', lines('0', '1'))
    s.write('mo/1_tr.csv', lines('1,2', '3,4', '5,6'))
    s.write('mo/1_te.csv', lines('1,2', '3,4'))
    const err = await failure(importDataset({ format: 'mogonet', name: 't', folder: path.join(s.dir, 'mo') }), 'BAD_INPUT')
    expect(err.message).toMatch(/row counts disagree/)
    expect(err.message).toMatch(/1_tr\.csv has 3 rows but labels_tr\.csv has 4/)
  })

  it('missing files in a MOGONET folder are each named', async () => {
    s.write('mo/labels_tr.csv', lines('0', '1'))
    s.write('mo/3_te.csv', lines('1,2'))
    const err = await failure(importDataset({ format: 'mogonet', name: 't', folder: path.join(s.dir, 'mo') }), 'BAD_INPUT')
    for (const f of ['labels_te.csv', '1_tr.csv', '1_te.csv', '2_tr.csv', '2_te.csv', '3_tr.csv']) expect(err.message).toContain(f)
    expect(err.message).not.toContain('3_te.csv,')
    expect(err.details).toHaveLength(6)
  })

  it('duplicate ids', async () => {
    s.write('data.csv', withRow(4, 'b,1,F,1,1,1'))
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.location).toMatchObject({ row: 5, column: 'id' })
    expect(err.message).toMatch(/duplicate id "b" \(also on row 3\)/)
  })

  it('missing label', async () => {
    s.write('data.csv', withRow(2, 'b,,M,4,5,6'))
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.location).toMatchObject({ row: 3, column: 'y' })
    expect(err.message).toMatch(/missing label/)
  })

  it('unknown id in a join', async () => {
    s.write('omics.csv', lines(',g1,g2', 'a,1,2', 'b,3,4', 'zz,5,6', 'c,7,8'))
    s.write('target.csv', lines('pid,y', 'a,0', 'b,1', 'c,0'))
    const spec: ImportSpecInput = {
      format: 'join',
      name: 't',
      folder: s.dir,
      files: [
        { path: 'omics.csv', idColumn: '', role: 'modality' },
        { path: 'target.csv', idColumn: 'pid', role: 'table' },
      ],
      labelFrom: { file: 'target.csv', column: 'y' },
    }
    const err = await failure(importDataset(spec), 'BAD_INPUT')
    expect(err.location).toMatchObject({ file: path.join(s.dir, 'omics.csv'), row: 4 })
    expect(err.message).toMatch(/omics\.csv, row 4, column "": unknown id in a join: "zz" is not in the label file/)
  })

  it('a labelled id absent from a modality file (missingIds: reject)', async () => {
    s.write('omics.csv', lines(',g1', 'a,1', 'c,7'))
    s.write('target.csv', lines('pid,y', 'a,0', 'b,1', 'c,0', 'd,1'))
    const spec: ImportSpecInput = {
      format: 'join',
      name: 't',
      folder: s.dir,
      files: [
        { path: 'omics.csv', idColumn: '', role: 'modality' },
        { path: 'target.csv', idColumn: 'pid', role: 'table' },
      ],
      labelFrom: { file: 'target.csv', column: 'y' },
    }
    const err = await failure(importDataset(spec), 'BAD_INPUT')
    expect(err.message).toMatch(/omics\.csv lacks 2 labelled ids \("b", "d"\)/)
    expect(err.message).toMatch(/missingIds/)
  })

  it('label with a single class', async () => {
    s.write('data.csv', lines('id,y,sex,g1,g2,g3', 'a,1,F,1,2,3', 'b,1,M,4,5,6', 'c,1,M,7,8,9'))
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.location).toMatchObject({ column: 'y' })
    expect(err.message).toMatch(/single class \("1", all 3 samples\)/)
  })

  it('a class with fewer than 2 samples', async () => {
    s.write('data.csv', lines(...good, 'e,2,M,0,0,0'))
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.message).toMatch(/class "2": 1 sample/)
  })

  it('checkClassSizes reports every class under the minimum', () => {
    const data: DatasetData = {
      ids: ['a', 'b', 'c', 'd', 'e'],
      classNames: ['x', 'y', 'z'],
      labels: Int32Array.from([0, 0, 0, 1, 1]),
      modalities: [],
      attributes: [],
    }
    expect(() => checkClassSizes(data, 2)).toThrow(/class "z": 0 samples/)
    expect(() => checkClassSizes(data, 3)).toThrow(/2 classes have fewer than 3 samples \(class "y": 2 samples; class "z": 0 samples\)/)
    expect(() => checkClassSizes(data, 2)).not.toThrow(/class "y"/)
  })

  it('a sensitive attribute with only one group', async () => {
    s.write('data.csv', lines('id,y,sex,g1,g2,g3', 'a,0,F,1,2,3', 'b,1,F,4,5,6', 'c,0,,7,8,9', 'd,1,F,1,1,1'))
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.location).toMatchObject({ column: 'sex' })
    expect(err.message).toMatch(/sensitive attribute "sex" has only one group \("F"\) and 1 unknown/)
  })

  it('a mapping that names a missing column', async () => {
    s.write('data.csv', lines(...good))
    const err = await failure(importDataset(csvSpec({ labelColumn: 'Y' })), 'VALIDATION')
    expect(err.location).toMatchObject({ field: 'labelColumn' })
    expect(err.message).toMatch(/field "labelColumn".*no column named "Y"; did you mean "y"\?/)
    const err2 = await failure(importDataset(csvSpec({ modalities: [{ name: 'm', range: { from: 'g1', to: 'g9' } }] })), 'VALIDATION')
    expect(err2.location).toMatchObject({ field: 'modalities[0].range.to' })
  })

  it('a modality with zero columns', async () => {
    s.write('data.csv', lines(...good))
    const err = await failure(importDataset(csvSpec({ modalities: [{ name: 'm', range: { from: 'id', to: 'sex' } }] })), 'VALIDATION')
    expect(err.location).toMatchObject({ field: 'modalities[0]' })
    expect(err.message).toMatch(/modality "m" has no columns \(its selection holds only role columns/)
  })

  it('an attribute named as a feature column', async () => {
    s.write('data.csv', lines(...good))
    const err = await failure(importDataset(csvSpec({ modalities: [{ name: 'm', columns: ['g1', 'sex'] }] })), 'VALIDATION')
    expect(err.message).toMatch(/column "sex" is attribute "sex"; it cannot also be a feature/)
  })

  it('non-UTF-8 text', async () => {
    const text = Buffer.from(lines('id,y,sex,g1,g2,g3', 'a,0,F,1,2,3', 'b,1,M,4,5,6', 'c,0,M,7,8,9', 'd,1,F,1,1,1'), 'utf8')
    const latin1 = Buffer.concat([text.subarray(0, 33), Buffer.from([0xe9]), text.subarray(33)]) // inside row 3
    s.write('data.csv', latin1)
    const err = await failure(importDataset(csvSpec()), 'BAD_INPUT')
    expect(err.location).toMatchObject({ row: 3 })
    expect(err.message).toMatch(/row 3: the file is not valid UTF-8 text \(bytes 0xE9/)
    expect(err.message).toMatch(/"charset"/)
  })

  it('missing values with missing: "reject" (count and first location)', async () => {
    s.write('data.csv', lines('id,y,sex,g1,g2,g3', 'a,0,F,1,?,3', 'b,1,M,4,5,6', 'c,0,M,,8,9', 'd,1,F,1,1,?'))
    const err = await failure(importDataset(csvSpec({ missingTokens: ['', '?'] })), 'BAD_INPUT')
    expect(err.location).toMatchObject({ row: 2, column: 'g2' })
    expect(err.message).toMatch(/row 2, column "g2": 3 missing feature values \(first one here\)/)
  })

  it('a spec that fails its schema', async () => {
    const err = await failure(importDataset({ ...csvSpec(), labelColum: 'y' } as unknown as ImportSpecInput), 'VALIDATION')
    expect(err.message).toMatch(/labelColum/)
  })
})
