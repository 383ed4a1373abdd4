/** Live progress of a run as the views show it: jobs done of total, fraction of work, ETA. Pure functions. */
import { jobKeyString, type JobKey } from '@shared/training/job'

export interface LiveJob {
  key: JobKey
  keyString: string
  /** 'stopped': the run ended (cancelled, interrupted) while this job was still training; it was not committed. */
  status: 'running' | 'done' | 'failed' | 'stopped'
  epoch: number
  totalEpochs: number
  accuracy?: number
  reason?: string
}

export interface RunProgress {
  runId: string
  experimentName: string
  /** Jobs of the whole run (arms × seeds × folds). */
  totalJobs: number
  /** Jobs this launch runs (the others were committed before: a resumed run skips them). */
  toRun: number
  /** Jobs of this launch finished so far (done or failed). */
  finished: number
  backend: string | null
  /** Epoch ms when this launch started. */
  startedAt: number
  /** Epoch ms when it ended; null while running. */
  endedAt: number | null
  active: boolean
  error: string | null
  jobs: Record<string, LiveJob>
}

/** Jobs committed so far, including those a resumed run skipped. */
export const jobsDone = (p: Pick<RunProgress, 'totalJobs' | 'toRun' | 'finished'>): number => p.totalJobs - p.toRun + p.finished

/** Share of this launch's work done, counting running jobs by their epochs. */
export function workFraction(p: Pick<RunProgress, 'toRun' | 'finished' | 'jobs'>): number {
  if (p.toRun <= 0) return 1
  let partial = 0
  for (const j of Object.values(p.jobs)) if (j.status === 'running' && j.totalEpochs > 0) partial += Math.min(1, j.epoch / j.totalEpochs)
  return Math.min(1, (p.finished + partial) / p.toRun)
}

/** Remaining time by linear extrapolation of the elapsed time; null before any progress or when ended. */
export function etaMs(p: RunProgress, now: number): number | null {
  if (!p.active) return null
  const f = workFraction(p)
  if (f <= 0) return null
  if (f >= 1) return 0
  const elapsed = Math.max(0, now - p.startedAt)
  return (elapsed * (1 - f)) / f
}

/** The job key string main uses (`arm|seed=1|fold=0`). */
export const keyStringOf = jobKeyString
