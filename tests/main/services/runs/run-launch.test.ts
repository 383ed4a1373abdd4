/**
 * runs:launch in the background with the registry (runs:active, runs:cancel, one run per workspace,
 * runs:finished), and the run views (runs:jobs, runs:epochs, runs:roc, runs:config → resume).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { downsampleCurve } from '../../../../src/main/services/runs/run-views'
import { callService, callServiceOrThrow } from '../../../../src/main/services/service-api'
import { tinyExperiment } from '../../../helpers/temp-workspace'
import { recordingContext, type RecordingContext } from '../service-context'
import { demoWorkspace } from './fixture'

describe('runs:launch and the run views', () => {
  const fx = demoWorkspace()
  let ctx: RecordingContext
  beforeAll(() => {
    ctx = recordingContext(fx.ws)
  })

  it('answers with the run id at once, lists it as active, refuses a second run, and reports the end', async () => {
    const request = { config: tinyExperiment(), backend: 'wasm' as const, poolSize: 2 }
    const { runId } = await callServiceOrThrow('runs:launch', request, ctx)
    expect(ctx.events.some((e) => e.event === 'runs:finished')).toBe(false)
    const started = await ctx.next('runs:started')
    expect(started).toMatchObject({ runId, experimentName: 'tiny', resumed: false, totalJobs: 6, skipped: 0 })

    const active = await callServiceOrThrow('runs:active', {}, ctx)
    expect(active).toEqual([expect.objectContaining({ runId, experimentName: 'tiny', totalJobs: 6, toRun: 6 })])
    expect(Number.isNaN(Date.parse(active[0]!.startedAt))).toBe(false)

    const second = await callService('runs:launch', request, ctx)
    expect(second.ok ? null : second.error.code).toBe('CONFLICT')
    expect(second.ok ? '' : second.error.message).toMatch(new RegExp(`Run ${runId} .* still running`))

    const finished = await ctx.next('runs:finished', (f) => f.runId === runId)
    expect(finished.error).toBeUndefined()
    expect(finished.outcome).toMatchObject({ runId, status: 'completed', jobsDone: 6, jobsFailed: 0, backend: 'wasm' })
    expect(ctx.events.filter((e) => e.event === 'runs:job-finished')).toHaveLength(6)
    expect(await callServiceOrThrow('runs:active', {}, ctx)).toEqual([])
    const info = await callServiceOrThrow('app:info', {}, ctx)
    expect(info.backend).toBe('wasm')

    const jobs = await callServiceOrThrow('runs:jobs', { runId }, ctx)
    expect(jobs).toHaveLength(6)
    expect(jobs.every((j) => j.status === 'done' && j.metrics !== null && j.error === null)).toBe(true)
    expect(jobs[0]!.keyString).toBe('baseline|seed=1|fold=0')

    const epochs = await callServiceOrThrow('runs:epochs', { runId, job: jobs[0]!.keyString }, ctx)
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6])
    expect(epochs.every((e) => Number.isFinite(e.trainLoss) && Number.isFinite(e.valLoss))).toBe(true)
    expect(await callServiceOrThrow('runs:epochs', { runId, job: 'nope|seed=1|fold=0' }, ctx)).toEqual([])

    const roc = await callServiceOrThrow('runs:roc', { runId }, ctx)
    expect(roc.map((a) => a.arm)).toEqual(['baseline', 'wce'])
    for (const arm of roc) {
      // Five classes: one-vs-rest curves, from (0, 0) to (1, 1), non-decreasing, at most 200 points.
      expect(arm.curves.map((c) => c.className)).toEqual(['class-A', 'class-B', 'class-C', 'class-D', 'class-E'])
      for (const c of arm.curves) {
        expect(c.fpr.length).toBe(c.tpr.length)
        expect(c.fpr.length).toBeLessThanOrEqual(200)
        expect([c.fpr[0], c.tpr[0], c.fpr.at(-1), c.tpr.at(-1)]).toEqual([0, 0, 1, 1])
        expect(c.fpr.every((v, i) => i === 0 || v >= c.fpr[i - 1]!)).toBe(true)
        expect(c.auc).toBeGreaterThan(0.5)
        expect(c.auc).toBeLessThanOrEqual(1)
      }
    }
    const summary = await callServiceOrThrow('runs:summary', { runId }, ctx)
    expect(summary.arms).toHaveLength(2)
  }, 240_000)

  it('cancels a launched run (interrupted, committed jobs stay) and resumes it from its stored config', async () => {
    const request = { config: tinyExperiment({ name: 'cancel-me', training: { epochs: 40, batchSize: 32, patience: 0 } }), backend: 'wasm' as const, poolSize: 1 }
    const { runId } = await callServiceOrThrow('runs:launch', request, ctx)
    expect(await callServiceOrThrow('runs:cancel', { runId: 'not-this-one' }, ctx)).toEqual({ cancelled: false })
    expect(await callServiceOrThrow('runs:cancel', { runId }, ctx)).toEqual({ cancelled: true })
    const finished = await ctx.next('runs:finished', (f) => f.runId === runId)
    // Cancelled before any job could finish (even when the abort lands before the trainer pool starts).
    expect(finished.outcome).toMatchObject({ status: 'interrupted', jobsDone: 0, jobsFailed: 0 })
    expect(await callServiceOrThrow('runs:active', {}, ctx)).toEqual([])

    const { config } = await callServiceOrThrow('runs:config', { runId }, ctx)
    const seen = ctx.events.length
    expect(config).toMatchObject({ name: 'cancel-me', training: { epochs: 40 } })
    const again = await callServiceOrThrow('runs:launch', { config, backend: 'wasm', poolSize: 1 }, ctx)
    expect(again.runId).toBe(runId)
    expect(await ctx.next('runs:started', (s) => s.runId === runId, seen)).toMatchObject({ resumed: true, totalJobs: 6 })
    await callServiceOrThrow('runs:cancel', { runId }, ctx)
    expect((await ctx.next('runs:finished', (f) => f.runId === runId, seen)).outcome).toMatchObject({ status: 'interrupted', resumed: true })
  }, 120_000)

  it('refuses a config that cannot start before creating anything, and unknown runs in the views', async () => {
    const bad = await callService('runs:launch', { config: { ...tinyExperiment(), arms: [] } }, ctx)
    expect(bad.ok ? null : bad.error.code).toBe('VALIDATION')
    expect(await callServiceOrThrow('runs:active', {}, ctx)).toEqual([])
    for (const channel of ['runs:jobs', 'runs:roc', 'runs:config'] as const) {
      const r = await callService(channel, { runId: 'nope' }, ctx)
      expect(r.ok ? null : r.error.code).toBe('NOT_FOUND')
    }
  })
})

describe('downsampleCurve', () => {
  it('keeps at most 200 points, the first and the last, in order', () => {
    const fpr = Array.from({ length: 1001 }, (_, i) => i / 1000)
    const tpr = fpr.map((x) => Math.sqrt(x))
    const d = downsampleCurve(fpr, tpr)
    expect(d.fpr).toHaveLength(200)
    expect([d.fpr[0], d.fpr.at(-1), d.tpr.at(-1)]).toEqual([0, 1, 1])
    expect(d.fpr.every((v, i) => i === 0 || v > d.fpr[i - 1]!)).toBe(true)
    expect(downsampleCurve([0, 1], [0, 1])).toEqual({ fpr: [0, 1], tpr: [0, 1] })
  })
})
