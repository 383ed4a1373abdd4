import path from 'node:path'
import { DuckDBConnection } from '@duckdb/node-api'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { summarizeDataset, type DatasetData } from '../../../../src/shared/dataset'
import { generateDemoDataset } from '../../../../src/main/data/synthetic'
import {
  deleteDataset,
  getDatasetMeta,
  listDatasets,
  loadDataset,
  openWorkspace,
  saveDataset,
  type Workspace,
} from '../../../../src/main/services/workspace'
import { tempDir } from '../../../helpers/temp-workspace'

const bytes = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength)

/** Every awkward value a dataset can hold. */
function awkward(opts: { split: boolean; groups: boolean }): DatasetData {
  const n = 6
  const data: DatasetData = {
    ids: ['p-1', 'p 2', 'ümlaut', '"quoted"', 'NaN', ''],
    classNames: ['healthy', 'tumour, stage II', 'rare'],
    labels: Int32Array.from([0, 1, 2, 1, 0, 2]),
    modalities: [
      {
        name: 'omics',
        featureNames: ['g1', 'g2', 'g3'],
        values: Float32Array.from([0.1, NaN, -0, 1e-45, 3.4e38, -7.25, NaN, NaN, NaN, 1, 2, 3, 4, 5, 6, 7, 8, Math.PI]),
      },
      { name: 'labs', featureNames: ['crp'], values: Float32Array.from({ length: n }, (_, i) => i / 3) },
    ],
    attributes: [
      { name: 'sex', groups: ['F', 'M'], values: Int32Array.from([0, 1, -1, 1, 0, -1]) },
      { name: 'age group', groups: ['<40', '40-65', '>65'], values: Int32Array.from([2, 2, 1, 0, -1, 1]) },
    ],
  }
  if (opts.split) data.split = Uint8Array.from([0, 0, 1, 0, 1, 0])
  if (opts.groups) data.groups = ['a', 'a', 'b', 'c', 'c', 'd']
  return data
}

const metaOf = (data: DatasetData, id: string, name = id) => summarizeDataset(data, { id, name, source: 'test', format: 'csv' })

function expectExact(loaded: DatasetData, data: DatasetData): void {
  expect(loaded.ids).toEqual(data.ids)
  expect(loaded.classNames).toEqual(data.classNames)
  expect(bytes(loaded.labels).equals(bytes(data.labels))).toBe(true)
  expect(loaded.labels).toBeInstanceOf(Int32Array)
  expect(loaded.modalities.map((m) => [m.name, m.featureNames])).toEqual(data.modalities.map((m) => [m.name, m.featureNames]))
  loaded.modalities.forEach((m, i) => {
    expect(m.values).toBeInstanceOf(Float32Array)
    expect(bytes(m.values).equals(bytes(data.modalities[i]!.values))).toBe(true)
  })
  expect(loaded.attributes).toEqual(data.attributes)
  expect(loaded.split).toEqual(data.split)
  expect('split' in loaded).toBe('split' in data)
  expect(loaded.groups).toEqual(data.groups)
  expect('groups' in loaded).toBe('groups' in data)
}

describe('dataset store', () => {
  const tmp = tempDir()
  let ws: Workspace
  let n = 0
  beforeEach(async () => {
    ws = await openWorkspace(path.join(tmp.dir, `ws${n++}`))
  })
  afterEach(async () => {
    vi.restoreAllMocks()
    await ws.close()
  })
  afterAll(() => tmp.cleanup())

  it('round-trips exactly: NaN, -0, subnormals, -1 attributes, split and groups present or absent', async () => {
    const variants = [
      ['both', awkward({ split: true, groups: true })],
      ['none', awkward({ split: false, groups: false })],
      ['split-only', awkward({ split: true, groups: false })],
    ] as const
    const metas = variants.map(([id, data]) => metaOf(data, id))
    for (const [i, [, data]] of variants.entries()) await saveDataset(ws, metas[i]!, data)
    for (const [i, [id, data]] of variants.entries()) {
      expectExact(await loadDataset(ws, id), data)
      expect(await getDatasetMeta(ws, id)).toEqual(metas[i])
    }
    const meta = await getDatasetMeta(ws, 'both')
    expect(meta?.modalities[0]).toEqual({ name: 'omics', features: 3, missing: 4 })
    expect(meta?.attributes[0]?.unknown).toBe(2)
    expect(meta?.splitCounts).toEqual({ train: 4, test: 2 })
  })

  it('finds datasets by id or by name, and lists them', async () => {
    const data = awkward({ split: false, groups: false })
    const meta = metaOf(data, 'ds-1a2b3c', 'My cohort')
    await saveDataset(ws, meta, data)
    expect(await getDatasetMeta(ws, 'ds-1a2b3c')).toEqual(meta)
    expect(await getDatasetMeta(ws, 'My cohort')).toEqual(meta)
    expect(await getDatasetMeta(ws, 'nope')).toBeUndefined()
    expectExact(await loadDataset(ws, 'My cohort'), data)
    expect((await listDatasets(ws)).map((d) => d.name)).toEqual(['My cohort'])
    await expect(loadDataset(ws, 'nope')).rejects.toMatchObject({ error: { code: 'NOT_FOUND' } })
  })

  it('stores an 875 × 2500 modality quickly and exactly', async () => {
    const rows = 875
    const d = 2500
    const values = new Float32Array(rows * d)
    for (let i = 0; i < values.length; i++) values[i] = Math.sin(i) * 1e3
    values[12345] = NaN
    const data: DatasetData = {
      ids: Array.from({ length: rows }, (_, i) => `s${i}`),
      classNames: ['a', 'b'],
      labels: Int32Array.from({ length: rows }, (_, i) => i % 2),
      modalities: [{ name: 'mRNA', featureNames: Array.from({ length: d }, (_, j) => `gene${j}`), values }],
      attributes: [],
    }
    const t0 = performance.now()
    await saveDataset(ws, metaOf(data, 'brca'), data)
    const loaded = await loadDataset(ws, 'brca')
    const ms = performance.now() - t0
    expectExact(loaded, data)
    expect(ms).toBeLessThan(5_000)
  })

  it('refuses a duplicate name or id with CONFLICT and changes nothing', async () => {
    const data = awkward({ split: true, groups: false })
    await saveDataset(ws, metaOf(data, 'a', 'cohort'), data)
    const other = awkward({ split: false, groups: false })
    await expect(saveDataset(ws, metaOf(other, 'b', 'cohort'), other)).rejects.toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('named "cohort"') },
    })
    await expect(saveDataset(ws, metaOf(other, 'a', 'another'), other)).rejects.toMatchObject({ error: { code: 'CONFLICT' } })
    expect((await listDatasets(ws)).map((m) => m.id)).toEqual(['a'])
    expectExact(await loadDataset(ws, 'cohort'), data)
    expect(await getDatasetMeta(ws, 'b')).toBeUndefined()
  })

  it('rolls back a save that fails half-way (error injected after the dataset row and modalities)', async () => {
    const data = awkward({ split: true, groups: true })
    const realRun = DuckDBConnection.prototype.run
    vi.spyOn(DuckDBConnection.prototype, 'run').mockImplementation(function (this: DuckDBConnection, sql, ...rest) {
      if (sql.includes('INSERT INTO dataset_attributes')) return Promise.reject(new Error('disk full (injected)'))
      return realRun.call(this, sql, ...rest)
    })
    await expect(saveDataset(ws, metaOf(data, 'half'), data)).rejects.toThrow('disk full (injected)')
    vi.restoreAllMocks()

    expect(await listDatasets(ws)).toEqual([])
    expect(await getDatasetMeta(ws, 'half')).toBeUndefined()
    // The connection is usable and the same dataset saves cleanly afterwards (no leftover modality rows).
    await saveDataset(ws, metaOf(data, 'half'), data)
    expectExact(await loadDataset(ws, 'half'), data)
  })

  it('rejects arrays that disagree with each other before writing anything', async () => {
    const data = awkward({ split: true, groups: true })
    const bad: DatasetData = { ...data, attributes: [{ name: 'sex', groups: ['F', 'M'], values: Int32Array.from([0, 1, 2, 0, 0, 0]) }] }
    await expect(saveDataset(ws, metaOf(data, 'bad'), bad)).rejects.toMatchObject({
      error: { code: 'VALIDATION', message: expect.stringContaining('attribute "sex" of sample 2 is 2') },
    })
    const short: DatasetData = { ...data, modalities: [{ name: 'm', featureNames: ['x', 'y'], values: new Float32Array(11) }] }
    await expect(saveDataset(ws, metaOf(data, 'short'), short)).rejects.toMatchObject({
      error: { code: 'VALIDATION', message: expect.stringContaining('modality "m" has 11 values, expected 6 × 2') },
    })
    expect(await listDatasets(ws)).toEqual([])
  })

  it('deletes a dataset and all its arrays', async () => {
    const data = awkward({ split: false, groups: false })
    await saveDataset(ws, metaOf(data, 'x1', 'gone'), data)
    await saveDataset(ws, metaOf(data, 'x2', 'kept'), data)
    await deleteDataset(ws, 'gone')
    expect((await listDatasets(ws)).map((m) => m.name)).toEqual(['kept'])
    await expect(deleteDataset(ws, 'gone')).rejects.toMatchObject({ error: { code: 'NOT_FOUND' } })
    // Same id again: no leftover modality/attribute rows get in the way.
    await saveDataset(ws, metaOf(data, 'x1', 'gone'), data)
    expectExact(await loadDataset(ws, 'x1'), data)
  })

  it('keeps datasets across close and reopen', async () => {
    const data = generateDemoDataset({ seed: 3, samples: 120 })
    const meta = summarizeDataset(data, { id: 'demo', name: 'demo', source: 'synthetic', format: 'synthetic' })
    await saveDataset(ws, meta, data)
    const dir = ws.dir
    await ws.close()
    ws = await openWorkspace(dir)
    expect(await listDatasets(ws)).toEqual([meta])
    expectExact(await loadDataset(ws, 'demo'), data)
  })
})
