/**
 * Pure helpers of the CLIMD views: the class schedule (target vs realised samples per class and
 * epoch) and the latest score distributions, read from a job's epoch extras `climd.*` (see
 * src/main/training/methods/climd/README.md, "Logs").
 */
import type { Curves, Point } from './curves'

const PREFIX = 'climd.'

/** Every CLIMD extra (kept out of the generic method-internals chart, which they would flood). */
export const isClimdExtra = (name: string): boolean => name.startsWith(PREFIX)

export interface ClimdSchedule {
  /** Class indices present in the log, ascending. */
  classes: number[]
  /** Samples of class c per epoch (aligned with `classes`). */
  realised: Point[][]
  /** q_t(c)·S_t per curriculum epoch (class-distribution scheduler only; empty otherwise). */
  target: Point[][]
  /** Fraction of class c selected by the curriculum so far. */
  seen: Point[][]
  /** α(t) per curriculum epoch. */
  alpha: Point[]
  /** 1 when the balanced-data guard engaged. */
  guard: boolean
}

function classKeys(extras: Curves['extras'], stem: string): number[] {
  const re = new RegExp(`^climd\\.${stem}\\.(\\d+)$`)
  return Object.keys(extras)
    .map((k) => re.exec(k)?.[1])
    .filter((c): c is string => c !== undefined)
    .map(Number)
    .sort((a, b) => a - b)
}

/** The class schedule of a job, or undefined when it has no CLIMD log. */
export function climdSchedule(curves: Curves | undefined): ClimdSchedule | undefined {
  if (!curves) return undefined
  const e = curves.extras
  const classes = classKeys(e, 'realised')
  if (classes.length === 0) return undefined
  const guard = e['climd.guard'] ?? []
  return {
    classes,
    realised: classes.map((c) => e[`climd.realised.${c}`] ?? []),
    target: classes.map((c) => e[`climd.target.${c}`] ?? []),
    seen: classes.map((c) => e[`climd.seen.${c}`] ?? []),
    alpha: e['climd.alpha'] ?? [],
    guard: guard.some((p) => p[1] === 1),
  }
}

export type ScoreName = 'r' | 'phi' | 'psi'

export interface ScoreSummary {
  c: number
  mean: number
  q10: number
  q50: number
  q90: number
}

export interface ClimdScores {
  /** Training epoch of the latest scoring. */
  epoch: number
  scores: Record<ScoreName, ScoreSummary[]>
}

/** Per-class summaries (mean, 10/50/90 % quantiles) of ψ, φ and r at the latest scoring epoch. */
export function latestClimdScores(curves: Curves | undefined): ClimdScores | undefined {
  const e = curves?.extras
  const scored = e?.['climd.scoredAt']
  const last = scored?.[scored.length - 1]
  if (!e || !last) return undefined
  const epoch = last[0]
  const at = (key: string): number | undefined => e[key]?.find((p) => p[0] === epoch)?.[1]
  const scores = {} as Record<ScoreName, ScoreSummary[]>
  for (const name of ['r', 'phi', 'psi'] as const) {
    scores[name] = classKeys(e, `${name}\\.mean`).flatMap((c) => {
      const v = ['mean', 'q10', 'q50', 'q90'].map((s) => at(`climd.${name}.${s}.${c}`))
      return v.every((x) => x !== undefined) ? [{ c, mean: v[0]!, q10: v[1]!, q50: v[2]!, q90: v[3]! }] : []
    })
  }
  return { epoch, scores }
}
