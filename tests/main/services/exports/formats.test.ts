/** CSV quoting, LaTeX escaping and a Parquet round trip of every column type, without a run. */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { afterAll, describe, expect, it } from 'vitest'
import { escapeLatex, tableToCsv, writeParquet, type Table } from '../../../../src/main/services/exports'

const table: Table = {
  name: 't',
  columns: [
    { name: 'name', type: 'VARCHAR' },
    { name: 'n', type: 'INTEGER' },
    { name: 'x', type: 'DOUBLE' },
    { name: 'ok', type: 'BOOLEAN' },
    { name: 'p[sex=F]', type: 'DOUBLE' },
  ],
  rows: [
    ['a, "quoted"\nline', 3, 0.1, true, NaN],
    [null, -2, 1e-20, false, 0.5],
  ],
}

describe('export formats', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'equimodal-formats-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('CSV quotes commas, quotes and newlines; null and non-finite numbers are empty fields', () => {
    expect(tableToCsv(table)).toBe('name,n,x,ok,p[sex=F]\n"a, ""quoted""\nline",3,0.1,true,\n,-2,1e-20,false,0.5\n')
  })

  it('LaTeX escaping covers underscores and the other special characters', () => {
    expect(escapeLatex('weighted_ce & 50% #1 {x} $y ~ ^ \\')).toBe(
      'weighted\\_ce \\& 50\\% \\#1 \\{x\\} \\$y \\textasciitilde{} \\textasciicircum{} \\textbackslash{}',
    )
  })

  it('Parquet keeps the column types and values, NULLs included', async () => {
    const file = path.join(dir, 't.parquet')
    await writeParquet(file, table)
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file) })
    expect(rows).toEqual([
      { name: 'a, "quoted"\nline', n: 3, x: 0.1, ok: true, 'p[sex=F]': null },
      { name: null, n: -2, x: 1e-20, ok: false, 'p[sex=F]': 0.5 },
    ])
  })
})
