/**
 * The statistics of one measured quantity across a run's arms: per arm, mean, std and 95% CIs over
 * its jobs; per non-reference arm, paired tests over identical (seed, fold) jobs, Holm across the
 * arms, win/tie/loss and a verdict. Shared by the metric rows, the per-class and the per-group rows.
 */
import type { EvaluationReport } from '../../../shared/metrics'
import type { ArmMetricStats, PairedTestName } from '../../../shared/statistics'
import { fairnessGapChange, holm, pairedComparison, summarizeValues, verdict, type Keyed, type PairedComparison } from '../../statistics'
import { deriveSeed } from '../../util/rng'
import type { JobRow } from '../workspace'

export interface CompareSettings {
  alpha: number
  test: PairedTestName
  /** n_test / n_train of the corrected t-test. */
  ratio: number
  masterSeed: number
}

export interface Quantity {
  /** The value of one job (undefined / null / non-finite: left out). */
  read(report: EvaluationReport): number | null | undefined
  higherIsBetter: boolean
  /** A fairness gap tested as a change of the gap (fairness-gap.ts) rather than as a score. */
  gap?: 'dpd' | 'eod' | 'esAuc'
  /** Seeds the bootstrap of each arm, so every quantity gets its own reproducible stream. */
  seedParts: string[]
}

/** Lets pending I/O (socket frames, progress events) run between two pieces of CPU work. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null)
const interval = (i: [number, number]): [number, number] | null => (Number.isFinite(i[0]) && Number.isFinite(i[1]) ? i : null)
const jobKey = (j: JobRow): string => `seed=${j.seed}|fold=${j.fold}`

/** Per-arm statistics of `q`, in the order of `arms`; the reference arm has `vsReference: null`. */
export function compareQuantity(q: Quantity, arms: readonly string[], reference: string, byArm: ReadonlyMap<string, JobRow[]>, s: CompareSettings): ArmMetricStats[] {
  const keyed = (arm: string): Keyed[] =>
    (byArm.get(arm) ?? []).flatMap((j) => {
      const v = j.metrics ? q.read(j.metrics) : undefined
      return typeof v === 'number' && Number.isFinite(v) ? [{ key: jobKey(j), value: v }] : []
    })
  const refValues = keyed(reference)
  const compared = arms.filter((a) => a !== reference)
  const paired = new Map<string, PairedComparison>(
    compared.map((arm) => {
      const input = { arm: keyed(arm), reference: refValues, testTrainRatio: s.ratio, alpha: s.alpha }
      return [arm, q.gap ? fairnessGapChange({ ...input, gap: q.gap }) : pairedComparison({ ...input, higherIsBetter: q.higherIsBetter })]
    }),
  )
  const chosenP = (c: PairedComparison): number => (s.test === 'corrected-t' ? c.tTest.p : c.wilcoxon.p)
  const adjusted = holm(compared.map((a) => chosenP(paired.get(a)!)))
  return arms.map((arm): ArmMetricStats => {
    const values = keyed(arm).map((k) => k.value)
    const sum = summarizeValues(values, { seed: deriveSeed(s.masterSeed, 'compare', ...q.seedParts, arm) })
    const c = paired.get(arm)
    const pHolm = adjusted[compared.indexOf(arm)] ?? NaN
    const direction = c && (s.test === 'corrected-t' ? Math.sign(c.meanDiff) : Math.sign(c.wilcoxon.rPlus - c.wilcoxon.rMinus))
    return {
      arm,
      n: sum.n,
      mean: fin(sum.mean),
      std: fin(sum.std),
      ciT: interval(sum.ciT),
      ciBootstrap: interval(sum.ciBootstrap),
      vsReference: c
        ? {
            n: c.n,
            dropped: c.dropped,
            meanDiff: fin(c.meanDiff),
            t: fin(c.tTest.t),
            df: c.tTest.df,
            pT: fin(c.tTest.p),
            wilcoxonStatistic: fin(c.wilcoxon.statistic),
            pWilcoxon: fin(c.wilcoxon.p),
            wilcoxonMethod: c.wilcoxon.method,
            p: fin(chosenP(c)),
            pHolm: fin(pHolm),
            wins: c.wins,
            ties: c.ties,
            losses: c.losses,
            verdict: verdict(pHolm, direction ?? 0, q.higherIsBetter, s.alpha),
          }
        : null,
    }
  })
}
