/** Derived numbers of the compare view: best arms per metric, summed confusion matrices, per-group accuracy, trade-off points. */
import type { JobListEntry } from '@shared/ipc/views'
import type { HeadlineMetric, RunSummary } from '@shared/runs'

export const TABLE_METRICS: { key: Exclude<HeadlineMetric, 'ece'>; label: string }[] = [
  { key: 'accuracy', label: 'ACC' },
  { key: 'balancedAccuracy', label: 'bACC' },
  { key: 'weightedF1', label: 'wF1' },
  { key: 'macroF1', label: 'mF1' },
  { key: 'auc', label: 'AUC' },
]

/** Arms with the highest mean of `metric` (ties all marked); empty unless at least two arms have a value. */
export function bestArms(summary: RunSummary, metric: HeadlineMetric): Set<string> {
  const scored = summary.arms.flatMap((a) => {
    const m = a.metrics[metric]
    return m && m.n > 0 && Number.isFinite(m.mean) ? [{ arm: a.arm, mean: m.mean }] : []
  })
  if (scored.length < 2) return new Set()
  const top = Math.max(...scored.map((s) => s.mean))
  return new Set(scored.filter((s) => s.mean === top).map((s) => s.arm))
}

export interface SummedConfusion {
  classes: string[]
  /** counts[true][pred], summed over the arm's completed jobs. */
  counts: number[][]
  jobs: number
}

/** The confusion matrix of `arm` summed over its completed jobs (test folds), or null when none finished. */
export function sumConfusion(jobs: readonly JobListEntry[], arm: string): SummedConfusion | null {
  let out: SummedConfusion | null = null
  for (const j of jobs) {
    const c = j.key.arm === arm && j.status === 'done' ? j.metrics?.classification : undefined
    if (!c) continue
    if (!out) out = { classes: c.perClass.map((p) => p.name), counts: c.confusion.map((r) => r.map(() => 0)), jobs: 0 }
    out.jobs++
    c.confusion.forEach((row, t) => row.forEach((v, p) => {
      const r = out!.counts[t]
      if (r && p < r.length) r[p] = (r[p] ?? 0) + v
    }))
  }
  return out
}

export interface GroupSeries {
  groups: string[]
  arms: { arm: string; values: (number | null)[] }[]
}

/** Mean test accuracy of every group of `attribute`, per arm, over the arm's completed jobs. */
export function groupAccuracy(jobs: readonly JobListEntry[], arms: readonly string[], attribute: string): GroupSeries {
  const groups: string[] = []
  const sums = new Map<string, Map<string, { sum: number; n: number }>>()
  for (const j of jobs) {
    const f = j.status === 'done' ? j.metrics?.fairness.find((x) => x.attribute === attribute) : undefined
    if (!f) continue
    let byGroup = sums.get(j.key.arm)
    if (!byGroup) sums.set(j.key.arm, (byGroup = new Map()))
    for (const g of f.groups) {
      if (!groups.includes(g.group)) groups.push(g.group)
      const acc = byGroup.get(g.group) ?? { sum: 0, n: 0 }
      if (Number.isFinite(g.accuracy)) {
        acc.sum += g.accuracy
        acc.n++
      }
      byGroup.set(g.group, acc)
    }
  }
  return {
    groups,
    arms: arms.map((arm) => ({
      arm,
      values: groups.map((g) => {
        const a = sums.get(arm)?.get(g)
        return a && a.n > 0 ? a.sum / a.n : null
      }),
    })),
  }
}

export type TradeoffAxis = 'eod' | 'dpd'

export interface TradeoffPoint {
  arm: string
  /** EOD or DPD (lower is fairer). */
  x: number
  /** Accuracy. */
  y: number
}

/** One point per arm: mean fairness gap on `attribute` against mean accuracy; arms missing either are left out. */
export function tradeoffPoints(summary: RunSummary, attribute: string, axis: TradeoffAxis): TradeoffPoint[] {
  return summary.arms.flatMap((a) => {
    const f = a.fairness.find((x) => x.attribute === attribute)
    const gap = f?.[axis]
    const acc = a.metrics.accuracy
    if (!gap || gap.n === 0 || !acc || acc.n === 0) return []
    return [{ arm: a.arm, x: gap.mean, y: acc.mean }]
  })
}

/** Sensitive attributes present in the summary. */
export const attributesOf = (summary: RunSummary | null): string[] => [...new Set(summary?.arms.flatMap((a) => a.fairness.map((f) => f.attribute)) ?? [])]
