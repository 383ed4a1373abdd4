import path from 'node:path'
import { DuckDBConnection } from '@duckdb/node-api'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { summarizeDataset } from '../../../../src/shared/dataset'
import { jobKeyString, type JobKey } from '../../../../src/shared/training/job'
import {
  commitJob,
  committedJobKeys,
  createRun,
  findResumableRun,
  getEpochs,
  getPredictions,
  getRun,
  listJobs,
  listRuns,
  openWorkspace,
  saveDataset,
  setRunBackend,
  setRunStatus,
  type NewRun,
  type Workspace,
} from '../../../../src/main/services/workspace'
import { tempDir } from '../../../helpers/temp-workspace'
import { tinyDataset } from '../../../helpers/tiny-dataset'
import { startChild } from './fixtures/child'
import { sampleEpochs, sampleOutput, sampleReport } from './fixtures/sample-job'

const newRun = (runId: string, configHash = 'hash-1'): NewRun => ({
  runId,
  experimentName: 'exp',
  configHash,
  config: { version: 1, name: 'exp', arms: [{ name: 'a' }, { name: 'b' }] },
  datasetId: 'tiny',
  backend: 'auto',
  environment: { node: 'v20', cores: 2, tfjs: null },
})

const key = (arm: string, seed = 1, fold = 0): JobKey => ({ arm, seed, fold })

async function withTinyDataset(ws: Workspace): Promise<void> {
  const data = tinyDataset([0, 1, 0, 1, 1, 0], { sex: [0, 1, -1, 0, 1, 0] })
  await saveDataset(ws, summarizeDataset(data, { id: 'tiny', name: 'tiny', source: 'test', format: 'synthetic' }), data)
}

describe('run and job store', () => {
  const tmp = tempDir()
  let ws: Workspace
  let n = 0
  beforeEach(async () => {
    ws = await openWorkspace(path.join(tmp.dir, `ws${n++}`))
    await withTinyDataset(ws)
  })
  afterEach(async () => {
    vi.restoreAllMocks()
    await ws.close()
  })
  afterAll(() => tmp.cleanup())

  it('creates a run, records its backend and status', async () => {
    await createRun(ws, newRun('r1'))
    const run = await getRun(ws, 'r1')
    expect(run).toMatchObject({
      runId: 'r1',
      experimentName: 'exp',
      configHash: 'hash-1',
      config: newRun('r1').config,
      environment: newRun('r1').environment,
      datasetId: 'tiny',
      requestedBackend: 'auto',
      backend: null,
      status: 'running',
      finishedAt: null,
      jobsDone: 0,
      jobsFailed: 0,
    })
    await setRunBackend(ws, 'r1', 'tensorflow (native CPU)')
    await setRunStatus(ws, 'r1', 'completed')
    const after = await getRun(ws, 'r1')
    expect(after).toMatchObject({ backend: 'tensorflow (native CPU)', status: 'completed' })
    expect(after?.finishedAt).toEqual(expect.any(String))
    await expect(createRun(ws, newRun('r1'))).rejects.toMatchObject({ error: { code: 'CONFLICT' } })
    await expect(setRunStatus(ws, 'nope', 'failed')).rejects.toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect(await getRun(ws, 'nope')).toBeUndefined()
  })

  it('finds the latest unfinished run of a config hash to resume', async () => {
    expect(await findResumableRun(ws, 'hash-1')).toBeUndefined()
    await createRun(ws, newRun('old'))
    await setRunStatus(ws, 'old', 'interrupted')
    await createRun(ws, newRun('newer'))
    await setRunStatus(ws, 'newer', 'failed')
    await createRun(ws, newRun('done'))
    await setRunStatus(ws, 'done', 'completed')
    await createRun(ws, newRun('other', 'hash-2'))
    expect((await findResumableRun(ws, 'hash-1'))?.runId).toBe('newer')
    await setRunStatus(ws, 'newer', 'completed')
    expect((await findResumableRun(ws, 'hash-1'))?.runId).toBe('old')
    expect((await findResumableRun(ws, 'hash-2'))?.runId).toBe('other')
    expect((await listRuns(ws)).map((r) => r.runId)).toEqual(['other', 'done', 'newer', 'old'])
  })

  it('commits done and failed jobs with their epochs, metrics and predictions', async () => {
    await createRun(ws, newRun('r'))
    const output = sampleOutput(0.75)
    await commitJob(ws, 'r', key('a'), { status: 'done', output })
    const failedEpochs = sampleEpochs(2)
    await commitJob(ws, 'r', key('b', 1, 2), { status: 'failed', reason: 'loss became NaN at epoch 2', epochs: failedEpochs })
    await commitJob(ws, 'r', key('b', 1, 3), { status: 'failed', reason: 'trainer crashed (exit code 134)' })

    expect(await committedJobKeys(ws, 'r')).toEqual(new Set(['a|seed=1|fold=0', 'b|seed=1|fold=2', 'b|seed=1|fold=3']))
    const jobs = await listJobs(ws, 'r')
    expect(jobs.map((j) => j.keyString)).toEqual(['a|seed=1|fold=0', 'b|seed=1|fold=2', 'b|seed=1|fold=3'])
    expect(jobs[0]).toMatchObject({
      runId: 'r',
      key: key('a'),
      arm: 'a',
      seed: 1,
      fold: 0,
      status: 'done',
      error: null,
      backend: 'wasm',
      durationMs: 1234.5,
      bestEpoch: 3,
      stoppedEarly: true,
      epochs: 4,
    })
    expect(jobs[0]!.metrics).toEqual(sampleReport(0.75)) // null and NaN survive
    expect(jobs[1]).toMatchObject({ status: 'failed', error: 'loss became NaN at epoch 2', metrics: null, epochs: 2, bestEpoch: null })
    expect(jobs[2]).toMatchObject({ status: 'failed', epochs: 0 })

    expect(await getEpochs(ws, 'r', key('a'))).toEqual(output.epochs)
    expect(await getEpochs(ws, 'r', 'b|seed=1|fold=2')).toEqual(failedEpochs)
    expect(await getEpochs(ws, 'r', key('b', 1, 3))).toEqual([])

    const preds = await getPredictions(ws, 'r', key('a'))
    expect(preds.map(({ row, sampleId, yTrue }) => ({ row, sampleId, yTrue }))).toEqual([
      { row: 4, sampleId: 's4', yTrue: 1 },
      { row: 0, sampleId: 's0', yTrue: 0 },
      { row: 2, sampleId: 's2', yTrue: 0 },
    ])
    // Float32 → DOUBLE is exact: compare with the Float32 values themselves.
    expect(preds.flatMap((p) => p.probs)).toEqual(Array.from(output.predictions.probs))
    expect(await getPredictions(ws, 'r', key('b', 1, 2))).toEqual([])

    expect(await getRun(ws, 'r')).toMatchObject({ jobsDone: 1, jobsFailed: 2 })
  })

  it('commits a job all at once: an error half-way leaves nothing behind', async () => {
    await createRun(ws, newRun('r'))
    const realCreate = DuckDBConnection.prototype.createAppender
    vi.spyOn(DuckDBConnection.prototype, 'createAppender').mockImplementation(function (this: DuckDBConnection, table, ...rest) {
      if (table === 'job_predictions') return Promise.reject(new Error('power cut (injected)'))
      return realCreate.call(this, table, ...rest)
    })
    await expect(commitJob(ws, 'r', key('a'), { status: 'done', output: sampleOutput() })).rejects.toThrow('power cut (injected)')
    vi.restoreAllMocks()

    expect(await committedJobKeys(ws, 'r')).toEqual(new Set())
    expect(await listJobs(ws, 'r')).toEqual([])
    expect(await getEpochs(ws, 'r', key('a'))).toEqual([])
    await commitJob(ws, 'r', key('a'), { status: 'done', output: sampleOutput() })
    expect(await getEpochs(ws, 'r', key('a'))).toHaveLength(4)
    expect(await getPredictions(ws, 'r', key('a'))).toHaveLength(3)
  })

  it('replaces a job committed again (a failed job retried)', async () => {
    await createRun(ws, newRun('r'))
    await commitJob(ws, 'r', key('a'), { status: 'failed', reason: 'oom', epochs: sampleEpochs(6) })
    await commitJob(ws, 'r', key('a'), { status: 'done', output: sampleOutput(0.9) })
    const jobs = await listJobs(ws, 'r')
    expect(jobs).toHaveLength(1)
    expect(jobs[0]).toMatchObject({ status: 'done', error: null, epochs: 4 })
    expect(jobs[0]!.metrics?.classification.accuracy).toBe(0.9)
    expect(await getEpochs(ws, 'r', key('a'))).toHaveLength(4)
  })

  it('refuses a job of an unknown run and predictions that are not N × C', async () => {
    await expect(commitJob(ws, 'ghost', key('a'), { status: 'failed', reason: 'x' })).rejects.toMatchObject({ error: { code: 'NOT_FOUND' } })
    await createRun(ws, newRun('r'))
    const bad = { ...sampleOutput(), predictions: { rows: Int32Array.from([0, 1]), probs: new Float32Array(5) } }
    await expect(commitJob(ws, 'r', key('a'), { status: 'done', output: bad })).rejects.toMatchObject({ error: { code: 'VALIDATION' } })
    expect(await listJobs(ws, 'r')).toEqual([])
  })

  it('queues calls made without waiting, so transactions never interleave', async () => {
    await createRun(ws, newRun('r'))
    const calls: Promise<void>[] = []
    for (let fold = 0; fold < 8; fold++) {
      calls.push(commitJob(ws, 'r', key('a', 1, fold), { status: 'done', output: sampleOutput() }))
      calls.push(setRunBackend(ws, 'r', `backend-${fold}`))
    }
    // One of them fails: only its own transaction is rolled back.
    calls.push(commitJob(ws, 'ghost', key('a'), { status: 'failed', reason: 'x' }).catch(() => undefined))
    await Promise.all(calls)
    expect((await committedJobKeys(ws, 'r')).size).toBe(8)
    expect((await getRun(ws, 'r'))?.backend).toBe('backend-7')
  })

  it('keeps runs and jobs across close and reopen; a run left running becomes interrupted and resumable', async () => {
    await createRun(ws, newRun('r'))
    await commitJob(ws, 'r', key('a'), { status: 'done', output: sampleOutput() })
    const dir = ws.dir
    await ws.close()
    await expect(listRuns(ws)).rejects.toMatchObject({ error: { code: 'INTERNAL', message: expect.stringContaining('closed') } })
    ws = await openWorkspace(dir)
    const run = await getRun(ws, 'r')
    expect(run).toMatchObject({ status: 'interrupted', jobsDone: 1 })
    expect((await findResumableRun(ws, 'hash-1'))?.runId).toBe('r')
    expect(await committedJobKeys(ws, 'r')).toEqual(new Set([jobKeyString(key('a'))]))
    expect((await listJobs(ws, 'r'))[0]!.metrics).toEqual(sampleReport(0.75))
  })

  it('keeps a committed job when the process is killed right after (SIGKILL, no close)', async () => {
    await createRun(ws, newRun('r'))
    const dir = ws.dir
    await ws.close()
    const child = startChild('commit', dir, 'r')
    try {
      expect(await child.next()).toEqual({ committed: true })
    } finally {
      child.proc.kill('SIGKILL')
      await child.exited
    }
    ws = await openWorkspace(dir)
    expect(await committedJobKeys(ws, 'r')).toEqual(new Set(['a|seed=1|fold=0']))
    expect(await getPredictions(ws, 'r', key('a'))).toHaveLength(3)
    expect(await getEpochs(ws, 'r', key('a'))).toEqual(sampleEpochs(4))
  })
})
