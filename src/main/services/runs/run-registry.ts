/**
 * Runs in progress in this process, one at a time per workspace: started in the background
 * (`launchRun` answers once the run exists), listed, cancelled, and relayed as `runs:*` events.
 */
import path from 'node:path'
import type { InvokeParsedInput } from '../../../shared/ipc/contract'
import type { ActiveRun } from '../../../shared/ipc/views'
import { AppFailure } from '../../../shared/result'
import type { RunOutcome } from '../../../shared/runs'
import type { ServiceContext } from '../service-api'
import { runExperiment } from './run-experiment'

export type RunRequest = InvokeParsedInput<'runs:launch'>

interface Entry {
  controller: AbortController
  /** Set once the run exists (runExperiment's onStart); before that the slot is only reserved. */
  info: ActiveRun | null
  /** Settles when the run has ended (committed jobs stay, the status is written). */
  settled: Promise<void>
}

export interface LaunchedRun {
  runId: string
  /** The run's outcome; rejects with the error of a run that failed after it started. */
  done: Promise<RunOutcome>
}

/** By absolute workspace folder. */
const active = new Map<string, Entry>()
let lastBackend: string | null = null

const keyOf = (ctx: Pick<ServiceContext, 'workspaceDir'>): string => path.resolve(ctx.workspaceDir)

/** The backend the most recent run's trainers reported (for `app:info`); null before any. */
export const lastRunBackend = (): string | null => lastBackend

/**
 * Starts `request` in the background and resolves once the run exists (new or resumed), with its
 * id and a promise of its outcome. Relays runExperiment's events as `runs:started`, `runs:backend`,
 * `runs:progress`, `runs:job-finished`, and emits `runs:finished` at the end (with the outcome, or
 * the error message of a run that failed after it started).
 * @throws AppFailure `CONFLICT` while another run of this workspace is in progress; any error
 *   runExperiment raises before the run starts (VALIDATION, NOT_FOUND, CONFLICT…).
 */
export async function launchRun(ctx: ServiceContext, request: RunRequest): Promise<LaunchedRun> {
  const key = keyOf(ctx)
  const busy = active.get(key)
  if (busy) {
    const what = busy.info
      ? `Run ${busy.info.runId} ("${busy.info.experimentName}", ${busy.info.finished}/${busy.info.toRun} jobs done) is still running`
      : 'Another run is being started'
    throw AppFailure.of('CONFLICT', `${what} in this workspace; cancel it or wait for it to finish before starting another.`)
  }
  const controller = new AbortController()
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, controller.signal]) : controller.signal
  let settle!: () => void
  const entry: Entry = { controller, info: null, settled: new Promise<void>((r) => (settle = r)) }
  // Reserved before the first await, so two launches at once cannot both pass the check above.
  active.set(key, entry)
  let runId = ''
  return new Promise<LaunchedRun>((resolve, reject) => {
    const done = (async () => {
      const ws = await ctx.workspace()
      return runExperiment(ws, request.config, {
        backend: request.backend,
        poolSize: request.poolSize ?? ctx.defaultPoolSize,
        fresh: request.fresh,
        signal,
        spawn: ctx.spawnTrainer,
        events: {
          onStart: (i) => {
            runId = i.runId
            const config = request.config as { name?: unknown }
            entry.info = {
              runId,
              experimentName: typeof config.name === 'string' ? config.name : runId,
              finished: 0,
              toRun: i.totalJobs - i.skipped,
              totalJobs: i.totalJobs,
              backend: null,
              startedAt: new Date().toISOString(),
            }
            ctx.emit('runs:started', { ...i, experimentName: entry.info.experimentName })
            resolve({ runId, done })
          },
          onBackend: (b) => {
            lastBackend = b.backend
            if (entry.info) entry.info.backend = b.backend
            ctx.emit('runs:backend', { runId, ...b })
          },
          onProgress: (p) => ctx.emit('runs:progress', { runId, ...p }),
          onJobFinished: ({ key: jobKey, result, finished, toRun }) => {
            if (entry.info) entry.info.finished = finished
            ctx.emit('runs:job-finished', {
              runId,
              key: jobKey,
              status: result.status === 'done' ? 'done' : 'failed',
              reason: result.status === 'failed' ? result.reason : undefined,
              accuracy: result.status === 'done' ? result.output.test.classification.accuracy : undefined,
              finished,
              toRun,
            })
          },
        },
      })
    })()
    done.then(
      (outcome) => {
        release(key, entry, settle)
        ctx.emit('runs:finished', { runId, outcome })
      },
      (e: unknown) => {
        release(key, entry, settle)
        if (entry.info) ctx.emit('runs:finished', { runId, outcome: null, error: e instanceof Error ? e.message : String(e) })
        else reject(e)
      },
    )
  })
}

function release(key: string, entry: Entry, settle: () => void): void {
  if (active.get(key) === entry) active.delete(key)
  settle()
}

/** The runs in progress in this workspace (started ones only). */
export function activeRuns(ctx: Pick<ServiceContext, 'workspaceDir'>): ActiveRun[] {
  const info = active.get(keyOf(ctx))?.info
  return info ? [{ ...info }] : []
}

/** Asks the run to stop (jobs in flight are dropped, committed jobs stay); false when it is not running here. */
export function cancelRun(ctx: Pick<ServiceContext, 'workspaceDir'>, runId: string): boolean {
  const entry = active.get(keyOf(ctx))
  if (!entry?.info || entry.info.runId !== runId) return false
  entry.controller.abort()
  return true
}

/** Cancels whatever runs in this workspace (started or starting) and waits until it has ended. */
export async function cancelAllRuns(ctx: Pick<ServiceContext, 'workspaceDir'>): Promise<void> {
  const entry = active.get(keyOf(ctx))
  if (!entry) return
  entry.controller.abort()
  await entry.settled
}
