/**
 * A pool of trainer processes running jobs (arm × seed × fold) in parallel. A job whose process
 * crashes, diverges or throws is reported as failed with its reason; the pool replaces the process
 * and the other jobs go on. Results are handed to `onResult` one at a time (awaited), so the caller
 * can commit each job before the next result arrives.
 */
import type { DatasetData } from '../../../shared/dataset'
import type { Backend } from '../../../shared/experiment'
import type { EpochLog, JobKey, JobOutput, JobProgress, JobSpec } from '../../../shared/training/job'
import type { TrainerMessage } from '../../../shared/training/messages'
import { forkTrainer, type SpawnTrainer, type TrainerChild } from './trainer-child'

export type JobResult =
  | { status: 'done'; output: JobOutput }
  | { status: 'failed'; reason: string; epochs: EpochLog[] }
  | { status: 'cancelled' }

export interface PoolEvents {
  onReady?(info: { backend: string; detail: string; pid: number }): void
  onJobStarted?(key: JobKey, pid: number): void
  onProgress?(progress: JobProgress): void
  onResult(key: JobKey, result: JobResult): Promise<void> | void
}

export interface PoolOptions {
  size: number
  backend: Backend
  spawn?: SpawnTrainer
  signal?: AbortSignal
  /**
   * After a cancel, how long a trainer may take to stop on its own before it is killed (its job is
   * dropped either way). A trainer reads the cancel only between steps of its event loop, and one
   * epoch or the end-of-job diagnostics of a large dataset can run for minutes without yielding.
   */
  cancelGraceMs?: number
}

/** Default of `PoolOptions.cancelGraceMs`. */
export const CANCEL_GRACE_MS = 3000

interface Worker {
  child: TrainerChild
  datasets: Set<string>
  backend?: string
  /** Handlers of the job in flight (one listener per process, re-pointed per job). */
  onMessage?: (m: TrainerMessage) => void
  onExit?: (code: number | null, signal: string | null) => void
}

/** Native GPU backends own the device: one trainer process only. */
const exclusiveBackends = new Set(['tensorflow-gpu'])

export async function runJobsInPool(
  jobs: JobSpec[],
  datasets: ReadonlyMap<string, DatasetData>,
  options: PoolOptions,
  events: PoolEvents,
): Promise<void> {
  const spawn = options.spawn ?? (() => forkTrainer())
  const queue = [...jobs]
  let resultChain: Promise<void> = Promise.resolve()
  let maxSize = Math.max(1, Math.min(options.size, jobs.length))
  const active = new Set<TrainerChild>()

  const deliver = (key: JobKey, result: JobResult): Promise<void> => {
    resultChain = resultChain.then(() => events.onResult(key, result))
    return resultChain
  }

  const onAbort = (): void => {
    queue.length = 0
    for (const c of active) c.send({ type: 'cancel' })
    const timer = setTimeout(() => {
      for (const c of active) c.kill()
    }, options.cancelGraceMs ?? CANCEL_GRACE_MS)
    timer.unref()
  }
  options.signal?.addEventListener('abort', onAbort)
  // A signal aborted before the pool started fires no event: run nothing then.
  if (options.signal?.aborted) onAbort()

  /** Starts a process and resolves once its backend is ready. */
  const start = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const child = spawn()
      active.add(child)
      const worker: Worker = { child, datasets: new Set() }
      worker.onMessage = (m: TrainerMessage): void => {
        if (m.type === 'ready' && !worker.backend) {
          worker.backend = m.backend
          events.onReady?.({ backend: m.backend, detail: m.detail, pid: m.pid })
          if (exclusiveBackends.has(m.backend)) maxSize = 1
          resolve(worker)
        } else if (m.type === 'init-failed') reject(new Error(`trainer process could not start its backend: ${m.reason}`))
      }
      worker.onExit = (code, signal) => {
        if (!worker.backend) reject(new Error(`trainer process exited during start (code ${code}, signal ${signal}). ${child.stderrTail()}`))
      }
      child.onMessage((m) => worker.onMessage?.(m))
      child.onExit((code, signal) => {
        active.delete(child)
        worker.onExit?.(code, signal)
      })
      child.send({ type: 'init', backend: options.backend })
    })

  /** Runs one job on a worker; resolves with false when the process died (it must be replaced). */
  const runOne = (worker: Worker, spec: JobSpec): Promise<boolean> =>
    new Promise((resolve) => {
      const { child } = worker
      let settled = false
      const finish = (result: JobResult, alive: boolean): void => {
        if (settled) return
        settled = true
        void deliver(spec.key, result).then(() => resolve(alive))
      }
      worker.onMessage = (m) => {
        if (settled) return
        if (m.type === 'job-started') events.onJobStarted?.(m.key, m.pid)
        else if (m.type === 'progress') events.onProgress?.(m.progress)
        else if (m.type === 'done') finish({ status: 'done', output: m.output }, true)
        else if (m.type === 'failed')
          finish(m.reason === 'cancelled' ? { status: 'cancelled' } : { status: 'failed', reason: m.reason, epochs: m.epochs }, true)
      }
      worker.onExit = (code, signal) => {
        // After a cancel, a trainer that dies (e.g. Ctrl-C signalled the whole process group) drops its job.
        if (options.signal?.aborted) return finish({ status: 'cancelled' }, false)
        const tail = child.stderrTail()
        finish(
          {
            status: 'failed',
            reason: `trainer process ${child.pid ?? '?'} exited unexpectedly (code ${code}, signal ${signal})${tail ? `: ${tail}` : ''}`,
            epochs: [],
          },
          false,
        )
      }
      if (!worker.datasets.has(spec.datasetId)) {
        const data = datasets.get(spec.datasetId)
        if (!data) return finish({ status: 'failed', reason: `dataset ${spec.datasetId} is not loaded`, epochs: [] }, true)
        child.send({ type: 'dataset', datasetId: spec.datasetId, data })
        worker.datasets.add(spec.datasetId)
      }
      child.send({ type: 'job', spec })
    })

  const lane = async (first: Worker | undefined): Promise<void> => {
    let worker = first
    while (queue.length > 0) {
      if (!worker) {
        try {
          worker = await start()
        } catch (e) {
          // A process that cannot start fails the job it would have taken, with the reason.
          const spec = queue.shift()
          if (spec) await deliver(spec.key, { status: 'failed', reason: e instanceof Error ? e.message : String(e), epochs: [] })
          continue
        }
      }
      const spec = queue.shift()
      if (!spec) break
      const alive = await runOne(worker, spec)
      if (!alive) worker = undefined
    }
    if (worker) {
      worker.child.send({ type: 'shutdown' })
      active.delete(worker.child)
    }
  }

  try {
    // Start one process first: its backend decides how many may run at once.
    let first: Worker | undefined
    try {
      first = await start()
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e)
      for (const spec of queue.splice(0)) await deliver(spec.key, { status: 'failed', reason, epochs: [] })
      return
    }
    const lanes = [lane(first)]
    for (let i = 1; i < maxSize; i++) lanes.push(lane(undefined))
    await Promise.all(lanes)
    await resultChain
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
  }
}
