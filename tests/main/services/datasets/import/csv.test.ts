/** `csv` imports: the column → role mapping, encodings, delimiters, compression, quoting, missing values. */
import { readFileSync, statSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportSpecInput } from '../../../../../src/shared/import'
import { importDataset } from '../../../../../src/main/services/datasets/import'
import { failure, lines, scratch, type Scratch } from './helpers'

let s: Scratch
beforeEach(() => {
  s = scratch()
})
afterEach(() => s.cleanup())

const table = lines(
  'pid,visit,age,sex,race,g1,g2,g3,lab_a,lab_b,ward,outcome,part',
  'p1,v1,61,F,white,0.5,1.5,-2,7,8,A,yes,train',
  'p1,v2,62,F,white,0.25,1,0,6,5,B,no,train',
  'p2,v3,45,M,black,1e-3,2.5e1,3,1,2,A,yes,test',
  'p3,v4,70,M,,4,5,6,0,0,C,no,train',
  'p4,v5,38,F,asian,7,8,9,1,1,A,no,test',
  'p5,v6,52,M,white,1,1,1,2,3,B,yes,train',
)

const spec = (over: Partial<Extract<ImportSpecInput, { format: 'csv' }>> = {}): Extract<ImportSpecInput, { format: 'csv' }> => ({
  format: 'csv',
  name: 'clinic',
  file: 'clinic.csv',
  idColumn: 'visit',
  labelColumn: 'outcome',
  attributes: ['sex', 'race'],
  groupColumn: 'pid',
  splitColumn: 'part',
  modalities: [
    { name: 'omics', prefix: 'g' },
    { name: 'labs', range: { from: 'lab_a', to: 'lab_b' } },
  ],
  ...over,
})

describe('csv import', () => {
  it('maps ids, label, attributes, group, split and modalities (paths relative to baseDir)', async () => {
    s.write('clinic.csv', table)
    const { data, warnings } = await importDataset(spec(), s.dir)
    expect(warnings).toEqual([])
    expect(data.ids).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6'])
    expect(data.classNames).toEqual(['no', 'yes'])
    expect(Array.from(data.labels)).toEqual([1, 0, 1, 0, 0, 1])
    expect(data.groups).toEqual(['p1', 'p1', 'p2', 'p3', 'p4', 'p5'])
    expect(Array.from(data.split!)).toEqual([0, 0, 1, 0, 1, 0])
    expect(data.attributes).toHaveLength(2)
    expect(data.attributes[0]).toMatchObject({ name: 'sex', groups: ['F', 'M'] })
    expect(Array.from(data.attributes[0]!.values)).toEqual([0, 0, 1, 1, 0, 1])
    expect(data.attributes[1]).toMatchObject({ name: 'race', groups: ['asian', 'black', 'white'] })
    expect(Array.from(data.attributes[1]!.values)).toEqual([2, 2, 1, -1, 0, 2])
    const [omics, labs] = data.modalities
    expect(omics!.featureNames).toEqual(['g1', 'g2', 'g3'])
    expect(Array.from(omics!.values.subarray(0, 9))).toEqual([0.5, 1.5, -2, 0.25, 1, 0, Math.fround(1e-3), 25, 3])
    expect(labs!.featureNames).toEqual(['lab_a', 'lab_b'])
    expect(labs!.values).toHaveLength(12)
  })

  it('never modifies the source file', async () => {
    const file = s.write('clinic.csv', table)
    const before = { bytes: readFileSync(file), mtime: statSync(file).mtimeMs }
    await importDataset(spec(), s.dir)
    expect(readFileSync(file).equals(before.bytes)).toBe(true)
    expect(statSync(file).mtimeMs).toBe(before.mtime)
  })

  it('numbers rows as `row-<line>` without an id column', async () => {
    s.write('clinic.csv', table)
    const { data } = await importDataset(spec({ idColumn: undefined }), s.dir)
    expect(data.ids).toEqual(['row-2', 'row-3', 'row-4', 'row-5', 'row-6', 'row-7'])
  })

  it('takes the remaining columns for a modality without a selection, leaving out role columns with a warning for attributes', async () => {
    s.write('clinic.csv', table)
    const { data, warnings } = await importDataset(spec({ modalities: [{ name: 'labs', columns: ['lab_a', 'lab_b'] }, { name: 'rest', exclude: ['ward'] }] }), s.dir)
    expect(data.modalities[1]!.featureNames).toEqual(['age', 'g1', 'g2', 'g3'])
    expect(warnings.join('\n')).toMatch(/"sex" \(attribute "sex"\), "race" \(attribute "race"\) left out of the features/)
  })

  it('one-hot encodes categorical columns (`col=value`), with maxCategories and missing indicators', async () => {
    s.write('clinic.csv', table)
    const { data } = await importDataset(
      spec({
        missingTokens: ['', '?'],
        attributes: ['sex'],
        modalities: [
          { name: 'ward', columns: ['ward'], encoding: 'onehot' },
          { name: 'ward2', columns: ['ward'], encoding: 'onehot', maxCategories: 1 },
          { name: 'mixed', columns: ['age', 'race', 'g1'], encoding: 'auto', missingIndicator: true },
        ],
      }),
      s.dir,
    )
    const [ward, ward2, mixed] = data.modalities
    expect(ward!.featureNames).toEqual(['ward=A', 'ward=B', 'ward=C'])
    expect(Array.from(ward!.values.subarray(0, 6))).toEqual([1, 0, 0, 0, 1, 0])
    expect(ward2!.featureNames).toEqual(['ward=A', 'ward=(other)'])
    expect(Array.from(ward2!.values)).toEqual([1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1])
    expect(mixed!.featureNames).toEqual(['age', 'race=asian', 'race=black', 'race=white', 'race=(missing)', 'g1'])
    expect(Array.from(mixed!.values.subarray(3 * 6, 4 * 6))).toEqual([70, 0, 0, 0, 1, 4])
  })

  it('one-hot without a missing indicator makes the row NaN (kept with missing: "keep")', async () => {
    s.write('clinic.csv', table)
    const { data, warnings } = await importDataset(spec({ attributes: ['sex'], missing: 'keep', modalities: [{ name: 'race', columns: ['race'], encoding: 'onehot' }] }), s.dir)
    expect(Array.from(data.modalities[0]!.values.subarray(9, 12))).toEqual([NaN, NaN, NaN])
    expect(warnings).toEqual([expect.stringMatching(/1 missing feature value kept as NaN \(first: .*clinic\.csv, row 5, column "race"\)/)])
  })

  it('one-hot encodes integer code columns listed in `categorical`', async () => {
    s.write('codes.csv', lines('y,code,x', '0,1,0.5', '1,2,1.5', '0,10,2', '1,2,3'))
    const { data } = await importDataset({ format: 'csv', name: 'c', file: 'codes.csv', labelColumn: 'y', modalities: [{ name: 'm', categorical: ['code'] }] }, s.dir)
    expect(data.modalities[0]!.featureNames).toEqual(['code=1', 'code=2', 'code=10', 'x'])
  })

  it('refuses to one-hot encode a column with more than 1000 values unless maxCategories is set', async () => {
    const rows = Array.from({ length: 1002 }, (_, i) => `${i % 2},id${i}`)
    s.write('wide.csv', lines('y,name', ...rows))
    const s1: ImportSpecInput = { format: 'csv', name: 'w', file: 'wide.csv', labelColumn: 'y', modalities: [{ name: 'm', encoding: 'onehot' }] }
    const err = await failure(importDataset(s1, s.dir), 'VALIDATION')
    expect(err.message).toMatch(/1002 distinct values, too many to one-hot encode; set "maxCategories"/)
  })

  it('keeps missing values as NaN with missing: "keep", and reads a custom token', async () => {
    s.write('m.csv', lines('y,a,b', '0,1,?', '1,,2', '0,3,4', '1,5,6'))
    const { data, warnings } = await importDataset({ format: 'csv', name: 'm', file: 'm.csv', labelColumn: 'y', missingTokens: ['', '?'], missing: 'keep', modalities: [{ name: 'm' }] }, s.dir)
    expect(Array.from(data.modalities[0]!.values)).toEqual([1, NaN, NaN, 2, 3, 4, 5, 6])
    expect(warnings[0]).toMatch(/2 missing feature values kept as NaN \(first: .*m\.csv, row 2, column "b"\)/)
  })

  it('reads gzip by magic bytes (with or without .gz), TSV by extension, and other delimiters from the first line', async () => {
    const text = lines('y,a,b', '0,1,2', '1,3,4', '0,5,6', '1,7,8')
    s.write('a.csv.gz', gzipSync(text))
    s.write('b.csv', gzipSync(text))
    s.write('c.tsv', text.replaceAll(',', '\t'))
    s.write('d.txt', text.replaceAll(',', ';'))
    s.write('e.csv', text.replaceAll(',', '|'))
    for (const file of ['a.csv.gz', 'b.csv', 'c.tsv', 'd.txt', 'e.csv']) {
      const { data } = await importDataset({ format: 'csv', name: 'x', file, labelColumn: 'y', modalities: [{ name: 'm' }] }, s.dir)
      expect(Array.from(data.modalities[0]!.values), file).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    }
    const { data } = await importDataset({ format: 'csv', name: 'x', file: 'd.txt', delimiter: ';', labelColumn: 'y', modalities: [{ name: 'm' }] }, s.dir)
    expect(data.modalities[0]!.featureNames).toEqual(['a', 'b'])
  })

  it('handles quotes, embedded delimiters and newlines, CRLF line ends, a BOM and blank lines', async () => {
    const text = '\uFEFFid,y,"note, free",x\r\n"a""1",0,"line1\r\nline2",1.5\r\n\r\nb,1,plain,"2"\r\nc,0,"q ""x""",3\r\nd,1,,4\r\n'
    s.write('q.csv', text)
    const { data } = await importDataset(
      { format: 'csv', name: 'q', file: 'q.csv', idColumn: 'id', labelColumn: 'y', missing: 'keep', modalities: [{ name: 'n', columns: ['note, free'], encoding: 'onehot' }, { name: 'x', columns: ['x'] }] },
      s.dir,
    )
    expect(data.ids).toEqual(['a"1', 'b', 'c', 'd'])
    expect(data.classNames).toEqual(['0', '1'])
    expect(data.modalities[0]!.featureNames).toEqual(['note, free=line1\r\nline2', 'note, free=plain', 'note, free=q "x"'])
    expect(Array.from(data.modalities[1]!.values)).toEqual([1.5, 2, 3, 4])
    // the row after the two-line quoted field is line 5 (line 4 is blank)
    s.write('q.csv', text.replace('"2"', '"two"'))
    const err = await failure(importDataset({ format: 'csv', name: 'q', file: 'q.csv', labelColumn: 'y', modalities: [{ name: 'x', columns: ['x'] }] }, s.dir), 'BAD_INPUT')
    expect(err.location).toMatchObject({ row: 5, column: 'x' })
  })

  it('orders and names classes with labelOrder / labelNames (numerically equal keys match)', async () => {
    s.write('l.csv', lines('y,a', '1.0,1', '0.0,2', '2.0,3', '1.0,4', '0.0,5', '2.0,6'))
    const { data } = await importDataset(
      { format: 'csv', name: 'l', file: 'l.csv', labelColumn: 'y', labelOrder: ['2', '0', '1'], labelNames: { '0': 'zero', '1': 'one', '2': 'two' }, modalities: [{ name: 'm' }] },
      s.dir,
    )
    expect(data.classNames).toEqual(['two', 'zero', 'one'])
    expect(Array.from(data.labels)).toEqual([2, 1, 0, 2, 1, 0])
    const err = await failure(
      importDataset({ format: 'csv', name: 'l', file: 'l.csv', labelColumn: 'y', labelOrder: ['0', '1'], modalities: [{ name: 'm' }] }, s.dir),
      'BAD_INPUT',
    )
    expect(err.message).toMatch(/row 4, column "y": label "2.0" is not listed in "labelOrder"/)
  })

  it('merges raw label values into classes with labelClasses, and refuses what it does not list', async () => {
    s.write('r.csv', lines('y,a', 'NO,1', '>30,2', '<30,3', 'NO,4', '<30,5', '>30,6'))
    const spec = {
      format: 'csv' as const,
      name: 'r',
      file: 'r.csv',
      labelColumn: 'y',
      labelClasses: [
        { name: 'no <30', values: ['NO', '>30'] },
        { name: '<30', values: ['<30'] },
      ],
      modalities: [{ name: 'm' }],
    }
    const { data } = await importDataset(spec, s.dir)
    expect(data.classNames).toEqual(['no <30', '<30'])
    expect(Array.from(data.labels)).toEqual([0, 0, 1, 0, 1, 0])
    // A value left out: the first row holding it (file row 3 = data line 2) is named.
    const missing = await failure(importDataset({ ...spec, labelClasses: [{ name: 'no', values: ['NO'] }, { name: 'early', values: ['<30'] }] }, s.dir), 'BAD_INPUT')
    expect(missing.message).toMatch(/row 3, column "y": label ">30" is not listed in "labelClasses"/)
    const twice = await failure(importDataset({ ...spec, labelClasses: [{ name: 'a', values: ['NO', '<30'] }, { name: 'b', values: ['<30', '>30'] }] }, s.dir), 'VALIDATION')
    expect(twice.message).toMatch(/"<30" is listed for both "a" and "b"/)
    expect(twice.location).toMatchObject({ field: 'labelClasses[1].values' })
    const both = await failure(importDataset({ ...spec, labelOrder: ['NO', '>30', '<30'] }, s.dir), 'VALIDATION')
    expect(both.message).toMatch(/either "labelClasses" or "labelOrder"/)
    const single = await failure(importDataset({ ...spec, labelClasses: [{ name: 'all', values: ['NO', '>30', '<30'] }, { name: 'none', values: ['x'] }] }, s.dir), 'BAD_INPUT')
    expect(single.message).toMatch(/single class with samples/)
  })

  it('sorts numeric class values numerically', async () => {
    s.write('n.csv', lines('y,a', '10,1', '9,2', '10,3', '9,4', '100,5', '100,6'))
    const { data } = await importDataset({ format: 'csv', name: 'n', file: 'n.csv', labelColumn: 'y', modalities: [{ name: 'm' }] }, s.dir)
    expect(data.classNames).toEqual(['9', '10', '100'])
  })

  it('reads other encodings through "charset"', async () => {
    s.write('l1.csv', Buffer.from(lines('y,sexe,a', '0,fémme,1', '1,homme,2', '0,fémme,3', '1,homme,4'), 'latin1'))
    const { data } = await importDataset({ format: 'csv', name: 'l', file: 'l1.csv', charset: 'latin1', labelColumn: 'y', attributes: ['sexe'], modalities: [{ name: 'm' }] }, s.dir)
    expect(data.attributes[0]!.groups).toEqual(['fémme', 'homme'])
  })

  it('rejects a UTF-16 file with a hint', async () => {
    s.write('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('y,a\n0,1\n', 'utf16le')]))
    const err = await failure(importDataset({ format: 'csv', name: 'u', file: 'u16.csv', labelColumn: 'y', modalities: [{ name: 'm' }] }, s.dir), 'BAD_INPUT')
    expect(err.message).toMatch(/UTF-16.*"charset": "utf-16le"/)
  })

  it('builds attributes from one-hot columns, with group names for raw values', async () => {
    s.write('oh.csv', lines('id,y,male,race_w,race_b,race_nan,x', 'a,0,1.0,1,0,0,1', 'b,1,0.0,0,1,0,2', 'c,0,1.0,0,0,1,3', 'd,1,0.0,0,0,0,4'))
    const { data } = await importDataset(
      {
        format: 'csv',
        name: 'oh',
        file: 'oh.csv',
        idColumn: 'id',
        labelColumn: 'y',
        attributes: [
          { column: 'male', name: 'sex', groupNames: { '1': 'male', '0': 'female' } },
          { name: 'race', oneHot: { race_w: 'white', race_b: 'black', race_nan: null }, none: 'other' },
        ],
        modalities: [{ name: 'm' }],
      },
      s.dir,
    )
    expect(data.attributes[0]).toMatchObject({ name: 'sex', groups: ['female', 'male'] })
    expect(Array.from(data.attributes[0]!.values)).toEqual([1, 0, 1, 0])
    expect(data.attributes[1]).toMatchObject({ name: 'race', groups: ['black', 'other', 'white'] })
    expect(Array.from(data.attributes[1]!.values)).toEqual([2, 0, -1, 1])
    expect(data.modalities[0]!.featureNames).toEqual(['x'])
  })

  it('refuses a one-hot attribute row with two indicators set', async () => {
    s.write('oh.csv', lines('y,w,b,x', '0,1,0,1', '1,1,1,2', '0,0,1,3', '1,0,1,4'))
    const err = await failure(
      importDataset({ format: 'csv', name: 'oh', file: 'oh.csv', labelColumn: 'y', attributes: [{ name: 'race', oneHot: { w: 'white', b: 'black' } }], modalities: [{ name: 'm' }] }, s.dir),
      'BAD_INPUT',
    )
    expect(err.message).toMatch(/row 3: more than one one-hot column of attribute "race" is 1 \("w" and "b"\)/)
  })

  it('reads a numeric missing token (e.g. -999) as missing', async () => {
    s.write('s.csv', lines('y,a', '0,-999', '1,2', '0,3', '1,-999.0'))
    const { data } = await importDataset({ format: 'csv', name: 's', file: 's.csv', labelColumn: 'y', missingTokens: ['', '-999'], missing: 'keep', modalities: [{ name: 'm' }] }, s.dir)
    expect(Array.from(data.modalities[0]!.values)).toEqual([NaN, 2, 3, -999])
  })

  it('refuses a bad split value', async () => {
    s.write('clinic.csv', table.replace('p5,v6,52,M,white,1,1,1,2,3,B,yes,train', 'p5,v6,52,M,white,1,1,1,2,3,B,yes,valid'))
    const err = await failure(importDataset(spec(), s.dir), 'BAD_INPUT')
    expect(err.message).toMatch(/row 7, column "part": split value "valid"; expected "train" or "test"/)
  })
})
