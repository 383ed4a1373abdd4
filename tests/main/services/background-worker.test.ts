/**
 * The background worker thread: previews and imports parsed off the main thread give exactly what
 * the in-thread functions give (typed arrays included), errors keep their code and location, and a
 * stopped worker is started again by the next task. (Its PDF rendering is checked against the
 * in-thread rendering in reports/build-report.test.ts, which has a finished run.)
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemoDataset, writeDemoCsv } from '../../../src/main/data/synthetic'
import { importDataset, previewFile } from '../../../src/main/services/datasets/import'
import { createBackgroundWorker, type BackgroundWorker } from '../../../src/main/services/background/host'
import { transferablesOf } from '../../../src/main/services/background/protocol'
import { callService, type ServiceContext } from '../../../src/main/services/service-api'
import { AppFailure } from '../../../src/shared/result'
import { tempDir } from '../../helpers/temp-workspace'

const tmp = tempDir('equimodal-background-worker-')
let worker: BackgroundWorker
let csv = ''
const spec = () => ({
  format: 'csv',
  name: 'demo',
  file: csv,
  idColumn: 'id',
  labelColumn: 'label',
  attributes: ['sex'],
  modalities: ['clinical', 'omics', 'imaging'].map((name) => ({ name, prefix: `${name}__` })),
})

beforeAll(() => {
  csv = path.join(tmp.dir, 'demo.csv')
  writeFileSync(csv, writeDemoCsv(generateDemoDataset({ seed: 3, samples: 120 })))
  worker = createBackgroundWorker()
})
afterAll(async () => {
  await worker.close()
  tmp.cleanup()
})

describe('background worker', () => {
  it('previews a file exactly like previewFile', async () => {
    expect(await worker.preview(csv, 5, {})).toEqual(await previewFile(csv, 5, {}))
  })

  it('imports a dataset exactly like importDataset, typed arrays included', async () => {
    const off = await worker.import(spec(), tmp.dir)
    const here = await importDataset(spec() as never, tmp.dir)
    expect(off.data.labels).toBeInstanceOf(Int32Array)
    expect(off.data.modalities[0]!.values).toBeInstanceOf(here.data.modalities[0]!.values.constructor)
    expect(off).toEqual(here)
  })

  it('returns a bad file as an AppFailure with its code and location', async () => {
    const bad = path.join(tmp.dir, 'ragged.csv')
    writeFileSync(bad, 'id,label,x\np1,A,1\np2,B\n')
    const error = await worker.preview(bad, 5, {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).error).toMatchObject({ code: 'BAD_INPUT', location: { file: bad, row: 3 } })
  })

  it('starts again after close, and serves datasets:preview through the contract', async () => {
    await worker.close()
    const ctx: ServiceContext = { workspaceDir: tmp.dir, workspace: () => Promise.reject(new Error('no workspace needed')), emit: () => undefined, background: worker }
    const r = await callService('datasets:preview', { path: csv, rows: 2 }, ctx)
    expect(r.ok ? r.value.rows.length : r.error.message).toBe(2)
  })

  it('lists each typed-array buffer once for transfer', () => {
    const a = new Float32Array(4)
    const b = new Int32Array(a.buffer)
    const c = new Uint8Array(2)
    expect(transferablesOf({ x: [a, { y: b }], z: c, s: 'text', n: null }).sort((p: ArrayBuffer, q: ArrayBuffer) => p.byteLength - q.byteLength)).toEqual([c.buffer, a.buffer])
  })
})
