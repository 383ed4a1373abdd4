/** `previewFile`: header, first rows, delimiter, inferred column kinds, row-count estimate. */
import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { previewFile } from '../../../../../src/main/services/datasets/import'
import { failure, lines, scratch, type Scratch } from './helpers'

let s: Scratch
beforeEach(() => {
  s = scratch()
})
afterEach(() => s.cleanup())

describe('previewFile', () => {
  it('infers numeric / categorical / empty columns and shows the first rows', async () => {
    const file = s.write('p.tsv', lines('id\tage\tsex\tweight\tscore', 'a\t61\tF\t?\t1.5', 'b\t45\tM\t\tNA', 'c\t70\tM\t?\t-2e-3'))
    const p = await previewFile(file, 2)
    expect(p.delimiter).toBe('\t')
    expect(p.columns).toEqual([
      { name: 'id', inferred: 'categorical' },
      { name: 'age', inferred: 'numeric' },
      { name: 'sex', inferred: 'categorical' },
      { name: 'weight', inferred: 'empty' },
      { name: 'score', inferred: 'numeric' },
    ])
    expect(p.rows).toEqual([
      ['a', '61', 'F', '?', '1.5'],
      ['b', '45', 'M', '', 'NA'],
    ])
    expect(p.totalRowsEstimate).toBe(3)
  })

  it('reads gzip and estimates the row count of a large file from its first part', async () => {
    const header = Array.from({ length: 50 }, (_, j) => `c${j}`).join(',')
    const row = (i: number): string => Array.from({ length: 50 }, (_, j) => ((i * 7 + j) % 1000) / 7).map((v) => v.toFixed(4)).join(',')
    const text = lines(header, ...Array.from({ length: 20000 }, (_, i) => row(i)))
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024)
    const plain = await previewFile(s.write('big.csv', text))
    expect(plain.rows).toHaveLength(20)
    expect(plain.columns.every((c) => c.inferred === 'numeric')).toBe(true)
    expect(plain.totalRowsEstimate).toBeGreaterThan(19000)
    expect(plain.totalRowsEstimate).toBeLessThan(21000)
    const gz = await previewFile(s.write('big.csv.gz', gzipSync(text)))
    expect(gz.rows).toEqual(plain.rows)
    expect(gz.totalRowsEstimate).toBe(plain.totalRowsEstimate)
  })

  it('refuses a missing or empty file', async () => {
    await failure(previewFile(`${s.dir}/none.csv`), 'BAD_INPUT')
    await failure(previewFile(s.write('e.csv', '')), 'BAD_INPUT')
  })
})

describe('previewFile without a header', () => {
  it('names columns by number (MOGONET matrices)', async () => {
    const s2 = scratch()
    try {
      const p = await previewFile(s2.write('1_tr.csv', lines('1.0e-01,2.0e-01', '3.0e-01,4.0e-01')), 20, { header: false })
      expect(p.columns).toEqual([
        { name: '1', inferred: 'numeric' },
        { name: '2', inferred: 'numeric' },
      ])
      expect(p.rows).toHaveLength(2)
      expect(p.totalRowsEstimate).toBe(2)
    } finally {
      s2.cleanup()
    }
  })
})
