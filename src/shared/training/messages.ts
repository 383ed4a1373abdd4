/**
 * Messages between the trainer host (main side) and a trainer process. The same entry runs under
 * `child_process.fork` (CLI, tests) and Electron's `utilityProcess` (desktop app).
 */
import type { DatasetData } from '../dataset'
import type { Backend } from '../experiment'
import type { EpochLog, JobKey, JobOutput, JobProgress, JobSpec } from './job'

export type HostMessage =
  | { type: 'init'; backend: Backend }
  | { type: 'dataset'; datasetId: string; data: DatasetData }
  | { type: 'job'; spec: JobSpec }
  | { type: 'cancel' }
  | { type: 'shutdown' }

export type TrainerMessage =
  | { type: 'ready'; backend: string; detail: string; pid: number }
  | { type: 'init-failed'; reason: string }
  | { type: 'job-started'; key: JobKey; pid: number }
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; key: JobKey; output: JobOutput }
  | { type: 'failed'; key: JobKey; reason: string; epochs: EpochLog[] }
