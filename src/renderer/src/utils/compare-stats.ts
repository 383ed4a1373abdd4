/**
 * Reading a `runs:compare` answer for the tables: the statistics of an arm on a metric or a
 * breakdown row, its 95% CI as text, and its significance marker (better / worse than the
 * reference at α) with a tooltip naming the test.
 */
import type { ArmMetricStats, BreakdownComparison, RunComparisonWithBreakdowns } from '@shared/statistics'

export type Scale = 'percent' | 'plain'

/** The stats of `arm` on a headline or fairness metric (attribute null = headline). */
export function metricStats(c: RunComparisonWithBreakdowns | null, metric: string, attribute: string | null, arm: string): ArmMetricStats | undefined {
  return c?.metrics.find((m) => m.metric === metric && m.attribute === attribute)?.arms.find((a) => a.arm === arm)
}

/** The rule ("averaged over folds") of a metric, or undefined when the comparison lacks it. */
export const metricRule = (c: RunComparisonWithBreakdowns | null, metric: string): string | undefined => c?.metrics.find((m) => m.metric === metric && m.attribute === null)?.rule

/** Breakdown rows of one kind (per-class recall, or per-group accuracy of an attribute). */
export function breakdownRows(c: RunComparisonWithBreakdowns | null, kind: BreakdownComparison['kind'], attribute: string | null = null): BreakdownComparison[] {
  return (c?.breakdowns ?? []).filter((b) => b.kind === kind && (kind === 'class-recall' || b.attribute === attribute))
}

const num = (v: number, scale: Scale): string => (scale === 'percent' ? (v * 100).toFixed(1) : v.toFixed(3))

/** "81.5 ± 2.1" (percent) or "0.123 ± 0.045" (plain); "—" when undefined. */
export function meanStdText(s: ArmMetricStats | undefined, scale: Scale): string {
  if (!s || s.mean === null) return '—'
  return `${num(s.mean, scale)} ± ${num(s.std ?? 0, scale)}`
}

/** Every compared quantity (rates, AUCs, calibration error, parity gaps) lies in [0, 1]; a t interval may not. */
const clip = (v: number): number => Math.min(1, Math.max(0, v))
const clipped = (i: [number, number]): boolean => i[0] < 0 || i[1] > 1

/** "[79.2, 83.8]": the t-based 95% CI clipped to the metric's range [0, 1], or "" when it is undefined (fewer than 2 jobs). */
export function ciText(s: ArmMetricStats | undefined, scale: Scale): string {
  return s?.ciT ? `[${num(clip(s.ciT[0]), scale)}, ${num(clip(s.ciT[1]), scale)}]` : ''
}

/** The CI unclipped, with the bootstrap interval too, for a tooltip. */
export function ciTitle(s: ArmMetricStats | undefined, scale: Scale): string {
  if (!s?.ciT) return 'No 95% interval: fewer than two jobs with a value.'
  const raw = clipped(s.ciT) ? ` (unclipped [${num(s.ciT[0], scale)}, ${num(s.ciT[1], scale)}]; shown clipped to the range of the metric)` : ''
  const boot = s.ciBootstrap ? `; bootstrap percentile interval [${num(s.ciBootstrap[0], scale)}, ${num(s.ciBootstrap[1], scale)}]` : ''
  return `95% t interval over ${s.n} jobs${raw}${boot}${scale === 'percent' ? ' (percent)' : ''}`
}

export interface SignificanceMark {
  verdict: 'better' | 'worse'
  symbol: string
  title: string
}

const p = (v: number | null): string => (v === null ? 'undefined' : v < 0.001 ? v.toExponential(1) : v.toFixed(3))

/**
 * The marker of a non-reference arm whose Holm-adjusted p is below α (better or worse in the
 * metric's direction), with the test in words; null for the reference arm or no difference.
 */
export function significanceMark(s: ArmMetricStats | undefined, c: RunComparisonWithBreakdowns | null, scale: Scale): SignificanceMark | null {
  const v = s?.vsReference
  if (!c || !v || v.verdict === 'no-difference') return null
  const diff = v.meanDiff === null ? '' : `mean difference ${v.meanDiff >= 0 ? '+' : '−'}${num(Math.abs(v.meanDiff), scale)}${scale === 'percent' ? ' points' : ''}; `
  const title =
    `${v.verdict === 'better' ? 'Better' : 'Worse'} than the reference "${c.reference}" at α = ${c.alpha}: ${c.testNames[c.test]}; ` +
    `${c.testNames.correction}: adjusted p = ${p(v.pHolm)} (unadjusted ${p(v.p)}). ${diff}wins/ties/losses ${v.wins}/${v.ties}/${v.losses} over ${v.n} paired jobs.`
  return { verdict: v.verdict, symbol: v.verdict === 'better' ? '↑' : '↓', title }
}

/** "5/0/0" wins/ties/losses against the reference, or "" for the reference arm. */
export function winTieLoss(s: ArmMetricStats | undefined): string {
  const v = s?.vsReference
  return v ? `${v.wins}/${v.ties}/${v.losses}` : ''
}
