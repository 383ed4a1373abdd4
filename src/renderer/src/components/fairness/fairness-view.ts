/**
 * Chart data for the group-fairness views (pure functions over the compare store's jobs and the
 * per-epoch logs): per-group metrics with intervals, the validation group gap over epochs, and
 * Fair-MoE's expert usage by group.
 */
import type { EpochEntry, JobListEntry } from '@shared/ipc/views'
import type { GroupMetrics } from '@shared/metrics'

export type GroupBarMetric = 'accuracy' | 'auc' | 'tpr' | 'fpr' | 'selectionRate' | 'sensitivityAtSpecificity'

export const GROUP_BAR_METRICS: { key: GroupBarMetric; label: string }[] = [
  { key: 'accuracy', label: 'Accuracy' },
  { key: 'auc', label: 'AUC' },
  { key: 'tpr', label: 'TPR (sensitivity)' },
  { key: 'fpr', label: 'FPR' },
  { key: 'selectionRate', label: 'Selection rate' },
  { key: 'sensitivityAtSpecificity', label: 'Sensitivity at the operating point' },
]

export interface GroupBars {
  groups: string[]
  series: { arm: string; values: (number | null)[]; intervals: ([number, number] | null)[] }[]
  /** How the intervals were made (shown under the chart). */
  rule: string
}

/**
 * Mean over an arm's jobs of a group metric, with a 95% interval: with one job, that job's
 * bootstrap interval (`GroupMetrics.ci`); with n ≥ 2 jobs, mean ± 1.96·sd/√n over the jobs.
 */
export function groupMetricBars(jobs: readonly JobListEntry[], arms: readonly string[], attribute: string, metric: GroupBarMetric): GroupBars {
  const groups: string[] = []
  const per = new Map<string, Map<string, { values: number[]; cis: ([number, number] | null)[] }>>()
  for (const j of jobs) {
    const f = j.status === 'done' ? j.metrics?.fairness.find((x) => x.attribute === attribute) : undefined
    if (!f) continue
    let byGroup = per.get(j.key.arm)
    if (!byGroup) per.set(j.key.arm, (byGroup = new Map()))
    for (const g of f.groups) {
      if (!groups.includes(g.group)) groups.push(g.group)
      const v = (g as GroupMetrics)[metric]
      if (typeof v !== 'number' || !Number.isFinite(v)) continue
      const acc = byGroup.get(g.group) ?? { values: [], cis: [] }
      acc.values.push(v)
      acc.cis.push(g.ci?.[metric] ?? null)
      byGroup.set(g.group, acc)
    }
  }
  let single = false
  const series = arms.map((arm) => {
    const byGroup = per.get(arm)
    const cells = groups.map((g) => byGroup?.get(g))
    return {
      arm,
      values: cells.map((c) => (c && c.values.length > 0 ? c.values.reduce((a, b) => a + b, 0) / c.values.length : null)),
      intervals: cells.map((c): [number, number] | null => {
        if (!c || c.values.length === 0) return null
        if (c.values.length === 1) {
          single = true
          return c.cis[0] ?? null
        }
        const n = c.values.length
        const m = c.values.reduce((a, b) => a + b, 0) / n
        const sd = Math.sqrt(c.values.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1))
        const h = (1.96 * sd) / Math.sqrt(n)
        return [m - h, m + h]
      }),
    }
  })
  const rule = single
    ? "95% intervals: the job's percentile bootstrap over its test samples (one job), else mean ± 1.96·sd/√n over the jobs"
    : '95% intervals: mean ± 1.96·sd/√n over the jobs (seeds × folds)'
  return { groups, series, rule }
}

/** Epoch logs of one job with its arm. */
export interface JobEpochs {
  arm: string
  epochs: readonly EpochEntry[]
}

/**
 * Per arm, the mean over its jobs of the validation extra `group.<attribute>.<key>` (logged by the
 * trainer each epoch) at each epoch; epochs that some jobs did not reach average the jobs that did.
 */
export function gapCurves(logs: readonly JobEpochs[], attribute: string, key: 'accGap' | 'worstAcc' | 'tprGap' = 'accGap'): { arm: string; epochs: number[]; values: number[] }[] {
  const name = `group.${attribute}.${key}`
  const byArm = new Map<string, Map<number, number[]>>()
  for (const log of logs) {
    let m = byArm.get(log.arm)
    if (!m) byArm.set(log.arm, (m = new Map()))
    for (const e of log.epochs) {
      const v = e.extras[name]
      if (typeof v !== 'number' || !Number.isFinite(v)) continue
      const list = m.get(e.epoch) ?? []
      list.push(v)
      m.set(e.epoch, list)
    }
  }
  return [...byArm].flatMap(([arm, m]) => {
    const epochs = [...m.keys()].sort((a, b) => a - b)
    return epochs.length === 0 ? [] : [{ arm, epochs, values: epochs.map((e) => m.get(e)!.reduce((a, b) => a + b, 0) / m.get(e)!.length) }]
  })
}

/**
 * Fair-MoE's expert usage by group from the last epoch's extras of each job
 * (`fair-moe.usage.<attribute>.<group>.<e>`, or `featureUsage` for the feature experts), averaged
 * over the jobs: rows = groups, columns = experts. Null when no job logged any.
 */
export function expertUsage(logs: readonly JobEpochs[], attribute: string, kind: 'usage' | 'featureUsage' = 'usage'): { groups: string[]; experts: number; matrix: number[][] } | null {
  const prefix = `fair-moe.${kind}.${attribute}.`
  const sums = new Map<string, number[]>()
  const counts = new Map<string, number[]>()
  let experts = 0
  for (const log of logs) {
    const last = log.epochs[log.epochs.length - 1]
    if (!last) continue
    for (const [k, v] of Object.entries(last.extras)) {
      if (!k.startsWith(prefix) || !Number.isFinite(v)) continue
      const rest = k.slice(prefix.length)
      const dot = rest.lastIndexOf('.')
      const group = rest.slice(0, dot)
      const e = Number(rest.slice(dot + 1))
      if (!Number.isInteger(e) || e < 0) continue
      experts = Math.max(experts, e + 1)
      const s = sums.get(group) ?? []
      const c = counts.get(group) ?? []
      s[e] = (s[e] ?? 0) + v
      c[e] = (c[e] ?? 0) + 1
      sums.set(group, s)
      counts.set(group, c)
    }
  }
  if (experts === 0) return null
  const groups = [...sums.keys()]
  return { groups, experts, matrix: groups.map((g) => Array.from({ length: experts }, (_, e) => (counts.get(g)![e] ? sums.get(g)![e]! / counts.get(g)![e]! : 0))) }
}
