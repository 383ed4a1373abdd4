/**
 * The per-run cache of parsed job rows behind the Compare view's four calls (summary, jobs, ROC,
 * comparison): repeated reads share one parse and agree, and a committed job is seen by the next
 * read. Real DuckDB workspace; jobs committed directly with hand-made reports.
 */
import { describe, expect, it } from 'vitest'
import type { JobKey } from '../../../../src/shared/training/job'
import { compareRun } from '../../../../src/main/services/runs/compare-run'
import { runJobs, runRoc } from '../../../../src/main/services/runs/run-views'
import { summarizeRun } from '../../../../src/main/services/runs/summarize-run'
import { commitJob, listJobs, type Workspace } from '../../../../src/main/services/workspace'
import { CACHED_RUNS } from '../../../../src/main/services/workspace/jobs-cache'
import { tinyExperiment } from '../../../helpers/temp-workspace'
import { sampleOutput } from '../workspace/fixtures/sample-job'
import { committedRun, demoWorkspace } from './fixture'

const config = { ...tinyExperiment(), arms: [{ name: 'base' }, { name: 'other' }] }

const newRun = (ws: Workspace, runId: string) => committedRun(ws, runId, config)

const commit = (ws: Workspace, runId: string, key: JobKey, accuracy: number) => commitJob(ws, runId, key, { status: 'done', output: sampleOutput(accuracy) })

/** The four calls of one Compare view load, as the app makes them. */
const compareLoad = (ws: Workspace, runId: string) =>
  Promise.all([summarizeRun(ws, runId), runJobs(ws, runId), runRoc(ws, runId), compareRun(ws, runId)])

describe('cached job rows of a run', () => {
  const fx = demoWorkspace(60, async (ws) => {
    await newRun(ws, 'r1')
    for (const fold of [0, 1]) {
      await commit(ws, 'r1', { arm: 'base', seed: 1, fold }, 0.6 + fold / 10)
      await commit(ws, 'r1', { arm: 'other', seed: 1, fold }, 0.65 + fold / 10)
    }
  })

  it('parses a run once for repeated reads: same rows, equal answers, frozen against edits', async () => {
    const first = await listJobs(fx.ws, 'r1')
    const second = await listJobs(fx.ws, 'r1')
    expect(second).toEqual(first)
    expect(second).not.toBe(first) // a fresh array per caller…
    for (const [i, row] of second.entries()) expect(row).toBe(first[i]) // …of the rows parsed once
    expect(Object.isFrozen(first[0]!.metrics!.classification.perClass[0])).toBe(true)
    expect(() => (first[0]!.metrics!.classification.accuracy = 0)).toThrow(TypeError)

    const [a, b] = [await compareLoad(fx.ws, 'r1'), await compareLoad(fx.ws, 'r1')]
    expect(b).toEqual(a)
    expect(a[0].arms.map((arm) => [arm.arm, arm.jobs])).toEqual([
      ['base', 2],
      ['other', 2],
    ])
    expect(a[0].arms[0]!.metrics.accuracy.mean).toBeCloseTo(0.65, 12) // (0.6 + 0.7) / 2
    expect(a[0].arms[1]!.metrics.accuracy.mean).toBeCloseTo(0.7, 12) // (0.65 + 0.75) / 2
  })

  it('sees a job committed after the rows were cached', async () => {
    const before = await listJobs(fx.ws, 'r1')
    const [summaryBefore] = await compareLoad(fx.ws, 'r1')
    await commit(fx.ws, 'r1', { arm: 'base', seed: 1, fold: 2 }, 0.8)

    const after = await listJobs(fx.ws, 'r1')
    expect(after.map((j) => j.keyString)).toEqual([...before.map((j) => j.keyString).slice(0, 2), 'base|seed=1|fold=2', ...before.map((j) => j.keyString).slice(2)])
    expect(after[0]).not.toBe(before[0]) // parsed again
    const [summary, jobs, roc, comparison] = await compareLoad(fx.ws, 'r1')
    expect(summaryBefore.arms[0]!.jobs).toBe(2)
    expect(summary.arms[0]!.jobs).toBe(3)
    expect(summary.arms[0]!.metrics.accuracy.mean).toBeCloseTo(0.7, 12) // (0.6 + 0.7 + 0.8) / 3
    expect(jobs).toHaveLength(5)
    expect(roc[0]!.arm).toBe('base')
    expect(comparison.metrics[0]!.arms[0]).toMatchObject({ arm: 'base', n: 3 })
  })

  it('a read started before a commit keeps its snapshot; the first read after the commit sees the job', async () => {
    await newRun(fx.ws, 'r2')
    await commit(fx.ws, 'r2', { arm: 'base', seed: 1, fold: 0 }, 0.6)
    const started = listJobs(fx.ws, 'r2') // queued before the write
    const committing = commit(fx.ws, 'r2', { arm: 'base', seed: 1, fold: 1 }, 0.7)
    expect(await started).toHaveLength(1)
    await committing
    expect(await listJobs(fx.ws, 'r2')).toHaveLength(2)
  })

  it('a recommitted job (failed, then retried) replaces the cached one', async () => {
    await newRun(fx.ws, 'r3')
    await commitJob(fx.ws, 'r3', { arm: 'base', seed: 1, fold: 0 }, { status: 'failed', reason: 'NaN loss' })
    expect((await listJobs(fx.ws, 'r3')).map((j) => j.status)).toEqual(['failed'])
    await commit(fx.ws, 'r3', { arm: 'base', seed: 1, fold: 0 }, 0.6)
    expect((await listJobs(fx.ws, 'r3')).map((j) => [j.status, j.metrics?.classification.accuracy])).toEqual([['done', 0.6]])
  })

  it(`keeps at most ${CACHED_RUNS} runs and reads a dropped one again, unchanged`, async () => {
    const first = await listJobs(fx.ws, 'r1')
    for (let i = 0; i < CACHED_RUNS; i++) await listJobs(fx.ws, `empty-${i}`)
    const again = await listJobs(fx.ws, 'r1')
    expect(again).toEqual(first)
    expect(again[0]).not.toBe(first[0])
  })
})
