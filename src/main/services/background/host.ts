/**
 * The main side of the background worker: one lazily started worker thread that parses files for
 * previews and imports and renders PDF reports, stopped after a minute without work. Run from
 * source (tsx), the worker loads the TypeScript entry through tsx; the Electron build passes its
 * bundled `background-worker.js`.
 */
import { Worker } from 'node:worker_threads'
import { AppFailure } from '../../../shared/result'
import type { FilePreview, ImportOutput, PreviewOptions } from '../datasets/import'
import type { ReportData } from '../reports/report-data'
import type { WorkerAnswer, WorkerTask } from './protocol'

/** A worker idle this long is stopped (the next task starts a new one). */
export const IDLE_STOP_MS = 60_000

export interface BackgroundWorker {
  preview(file: string, rows: number | undefined, options: PreviewOptions): Promise<FilePreview>
  import(spec: unknown, baseDir: string): Promise<ImportOutput>
  /** The PDF bytes of a report whose data the main side collected. */
  renderReport(data: ReportData): Promise<Uint8Array>
  /** Stops the worker; pending tasks fail. Idempotent; a later task starts a new worker. */
  close(): Promise<void>
}

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void }
type Task = WorkerTask extends infer T ? (T extends { id: number } ? Omit<T, 'id'> : never) : never

/** Starts the TypeScript entry beside this file through tsx (source checkout, tests, `equimodal serve`). */
function sourceWorker(): Worker {
  const entry = new URL('./entry.ts', import.meta.url).href
  const tsx = import.meta.resolve('tsx/esm/api')
  const code = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(entry)});\n`
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`))
}

/**
 * @param bundledEntry the built worker file (Electron: `<main dir>/background-worker.js`); without it
 *   the TypeScript entry is run through tsx.
 */
export function createBackgroundWorker(bundledEntry?: string): BackgroundWorker {
  let worker: Worker | null = null
  let idle: NodeJS.Timeout | null = null
  let nextId = 1
  const pending = new Map<number, Pending>()

  const failAll = (error: unknown): void => {
    for (const p of pending.values()) p.reject(error)
    pending.clear()
  }

  const start = (): Worker => {
    const w = bundledEntry ? new Worker(bundledEntry) : sourceWorker()
    w.unref()
    w.on('message', (a: WorkerAnswer) => {
      const p = pending.get(a.id)
      if (!p) return
      pending.delete(a.id)
      if (a.ok) p.resolve(a.value)
      else p.reject(new AppFailure(a.error))
      if (pending.size === 0) scheduleStop()
    })
    w.on('error', (e) => {
      if (worker === w) worker = null
      failAll(AppFailure.of('INTERNAL', `The background worker failed: ${e.message}`))
    })
    w.on('exit', (code) => {
      if (worker === w) worker = null
      if (pending.size) failAll(AppFailure.of('INTERNAL', `The background worker stopped (exit code ${code}) before it answered.`))
    })
    return w
  }

  const scheduleStop = (): void => {
    if (idle) clearTimeout(idle)
    idle = setTimeout(() => void close(), IDLE_STOP_MS)
    idle.unref()
  }

  const run = <T>(task: Task): Promise<T> => {
    if (idle) clearTimeout(idle)
    idle = null
    worker ??= start()
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      worker!.postMessage({ ...task, id })
    })
  }

  async function close(): Promise<void> {
    if (idle) clearTimeout(idle)
    idle = null
    const w = worker
    worker = null
    if (!w) return
    failAll(AppFailure.of('CANCELLED', 'The background worker was stopped.'))
    await w.terminate()
  }

  return {
    preview: (file, rows, options) => run<FilePreview>({ task: 'preview', file, rows, options }),
    import: (spec, baseDir) => run<ImportOutput>({ task: 'import', spec, baseDir }),
    renderReport: (data) => run<Uint8Array>({ task: 'report', data }),
    close,
  }
}
