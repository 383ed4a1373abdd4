/**
 * Method internals of an arm for the report: the per-epoch `extras` its jobs logged (class
 * weights, kept samples, γ…), as first-epoch and last-epoch values averaged over the jobs.
 */
import type { MeanStd } from '../../../shared/runs'
import { meanStd } from '../../evaluation/aggregate'
import { getEpochs, type JobRow, type Workspace } from '../workspace'

/** At most this many internals are shown per arm (the export has them all). */
export const MAX_INTERNALS = 16

export interface InternalStat {
  key: string
  /** `key` with a trailing class index replaced by the class name: "weighted-ce.weight (class-D)". */
  label: string
  /** Jobs that logged it. */
  jobs: number
  first: MeanStd
  last: MeanStd
  /** Smallest and largest value over every epoch of every job. */
  min: number
  max: number
}

/** "random-undersampling.kept.3" → "random-undersampling.kept (class-D)" when 3 is a class index. */
export function internalLabel(key: string, classNames: readonly string[]): string {
  if (key === 'plan.samples') return 'training samples per epoch (plan.samples)'
  const m = /^(.*)\.(\d+)$/.exec(key)
  const name = m ? classNames[Number(m[2])] : undefined
  return m && name !== undefined ? `${m[1]} (${name})` : key
}

/** The internals logged by `jobs` (done jobs of one arm), in first-seen key order. */
export async function collectInternals(ws: Workspace, runId: string, jobs: JobRow[], classNames: readonly string[]): Promise<InternalStat[]> {
  const byKey = new Map<string, { first: number[]; last: number[]; min: number; max: number }>()
  for (const job of jobs) {
    const epochs = await getEpochs(ws, runId, job.keyString)
    const keys = new Set(epochs.flatMap((e) => Object.keys(e.extras)))
    for (const key of keys) {
      const values = epochs.map((e) => e.extras[key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
      if (!values.length) continue
      const entry = byKey.get(key) ?? { first: [], last: [], min: Infinity, max: -Infinity }
      entry.first.push(values[0]!)
      entry.last.push(values[values.length - 1]!)
      for (const v of values) {
        entry.min = Math.min(entry.min, v)
        entry.max = Math.max(entry.max, v)
      }
      byKey.set(key, entry)
    }
  }
  return [...byKey.entries()].map(([key, e]) => ({
    key,
    label: internalLabel(key, classNames),
    jobs: e.first.length,
    first: meanStd(e.first),
    last: meanStd(e.last),
    min: e.min,
    max: e.max,
  }))
}
