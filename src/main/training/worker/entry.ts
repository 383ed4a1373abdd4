/**
 * Trainer process entry (child_process.fork in the CLI/tests, utilityProcess in the app).
 * Holds datasets sent by the host, runs one job at a time, streams throttled progress, and reports
 * every failure as a message so the host can record it and go on.
 */
import type { DatasetData } from '../../../shared/dataset'
import type { EpochLog, JobSpec } from '../../../shared/training/job'
import { initBackend } from '../engine/backend'
import type { MethodDefinition } from '../engine/method'
import { loadMethodRegistry } from '../methods/index'
import { connectToHost } from './port'
import { runJob } from './run-job'

const PROGRESS_INTERVAL_MS = 100

const host = connectToHost()
// The host went away (CLI killed, app closed): nothing left to report to.
process.on('disconnect', () => process.exit(0))
// Ctrl-C in a terminal signals the whole process group: the host decides (it cancels the job, which
// is then dropped, not recorded as failed), and a host that dies takes us down through 'disconnect'.
process.on('SIGINT', () => undefined)
const datasets = new Map<string, DatasetData>()
let registry: ReadonlyMap<string, MethodDefinition> | undefined
let cancelled = false
let queue: Promise<void> = Promise.resolve()

function describe(e: unknown): string {
  if (e instanceof Error) return e.message
  return String(e)
}

async function handleJob(spec: JobSpec): Promise<void> {
  const epochs: EpochLog[] = []
  host.send({ type: 'job-started', key: spec.key, pid: process.pid })
  try {
    const data = datasets.get(spec.datasetId)
    if (!data) throw new Error(`dataset ${spec.datasetId} was not sent to the trainer process`)
    if (!registry) throw new Error('the trainer process was not initialised')
    let lastSent = 0
    const output = await runJob(spec, data, registry, {
      shouldStop: () => cancelled,
      onEpoch: (log) => epochs.push(log),
      onProgress: (progress) => {
        const now = Date.now()
        if (now - lastSent >= PROGRESS_INTERVAL_MS || progress.epoch === progress.totalEpochs) {
          lastSent = now
          host.send({ type: 'progress', progress })
        }
      },
    })
    if (cancelled) host.send({ type: 'failed', key: spec.key, reason: 'cancelled', epochs })
    else host.send({ type: 'done', key: spec.key, output })
  } catch (e) {
    host.send({ type: 'failed', key: spec.key, reason: describe(e), epochs })
  }
}

host.onMessage((message) => {
  switch (message.type) {
    case 'init':
      queue = queue.then(async () => {
        try {
          const info = await initBackend(message.backend)
          registry = await loadMethodRegistry()
          host.send({ type: 'ready', backend: info.name, detail: info.detail, pid: process.pid })
        } catch (e) {
          host.send({ type: 'init-failed', reason: describe(e) })
        }
      })
      break
    case 'dataset':
      datasets.set(message.datasetId, message.data)
      break
    case 'job':
      cancelled = false
      queue = queue.then(() => handleJob(message.spec))
      break
    case 'cancel':
      cancelled = true
      break
    case 'shutdown':
      void queue.then(() => process.exit(0))
      break
  }
})
