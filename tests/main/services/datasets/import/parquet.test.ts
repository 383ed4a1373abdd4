/** `parquet` imports (hyparquet) with the same mapping as CSV; the test files are written by DuckDB. */
import { DuckDBInstance } from '@duckdb/node-api'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importDataset, previewFile } from '../../../../../src/main/services/datasets/import'
import { failure, scratch, type Scratch } from './helpers'

let s: Scratch
beforeEach(() => {
  s = scratch()
})
afterEach(() => s.cleanup())

async function writeParquet(file: string, select: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:')
  const con = await db.connect()
  try {
    await con.run(`COPY (${select}) TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`)
  } finally {
    con.closeSync()
    db.closeSync()
  }
}

const rows = `SELECT * FROM (VALUES
  ('a', 'F', 0, 1.5::DOUBLE, 10::INTEGER, 'x'),
  ('b', 'M', 1, NULL, 20, 'y'),
  ('c', 'F', 1, 2.5, 30, 'x'),
  ('d', 'M', 0, 3.5, 40, NULL)
) t(id, sex, y, f1, f2, cat)`

describe('parquet import', () => {
  it('maps columns like CSV; null is missing; rows are record numbers', async () => {
    const file = path.join(s.dir, 'd.parquet')
    await writeParquet(file, rows)
    const { data, warnings } = await importDataset({
      format: 'parquet',
      name: 'p',
      file: 'd.parquet',
      idColumn: 'id',
      labelColumn: 'y',
      attributes: ['sex'],
      missing: 'keep',
      modalities: [
        { name: 'num', columns: ['f1', 'f2'] },
        { name: 'cat', columns: ['cat'], encoding: 'onehot', missingIndicator: true },
      ],
    }, s.dir)
    expect(data.ids).toEqual(['a', 'b', 'c', 'd'])
    expect(data.classNames).toEqual(['0', '1'])
    expect(Array.from(data.labels)).toEqual([0, 1, 1, 0])
    expect(data.attributes[0]).toMatchObject({ name: 'sex', groups: ['F', 'M'] })
    expect(Array.from(data.modalities[0]!.values)).toEqual([1.5, 10, NaN, 20, 2.5, 30, 3.5, 40])
    expect(data.modalities[1]!.featureNames).toEqual(['cat=x', 'cat=y', 'cat=(missing)'])
    expect(warnings[0]).toMatch(/1 missing feature value kept as NaN \(first: .*d\.parquet, row 2, column "f1"\)/)
    const err = await failure(
      importDataset({ format: 'parquet', name: 'p', file, labelColumn: 'y', modalities: [{ name: 'm', columns: ['f1', 'sex'] }], attributes: [] }),
      'BAD_INPUT',
    )
    expect(err.message).toMatch(/d\.parquet, row 1, column "sex": "F" is not a number/)
  })

  it('refuses a file that is not Parquet', async () => {
    s.write('fake.parquet', 'y,a\n0,1\n')
    const err = await failure(importDataset({ format: 'parquet', name: 'p', file: 'fake.parquet', labelColumn: 'y', modalities: [{ name: 'm' }] }, s.dir), 'BAD_INPUT')
    expect(err.message).toMatch(/not a Parquet file/)
  })

  it('previews a Parquet file', async () => {
    const file = path.join(s.dir, 'd.parquet')
    await writeParquet(file, rows)
    const p = await previewFile(file, 2)
    expect(p.delimiter).toBe('')
    expect(p.totalRowsEstimate).toBe(4)
    expect(p.columns).toEqual([
      { name: 'id', inferred: 'categorical' },
      { name: 'sex', inferred: 'categorical' },
      { name: 'y', inferred: 'numeric' },
      { name: 'f1', inferred: 'numeric' },
      { name: 'f2', inferred: 'numeric' },
      { name: 'cat', inferred: 'categorical' },
    ])
    expect(p.rows).toEqual([
      ['a', 'F', '0', '1.5', '10', 'x'],
      ['b', 'M', '1', '', '20', 'y'],
    ])
  })
})
