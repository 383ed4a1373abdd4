/**
 * Plain-language sentences of the report: one fairness sentence per arm and attribute, and the
 * key findings at the top (best arm by balanced accuracy, smallest equalized-odds gap per attribute).
 */
import type { ArmSummary, MeanStd } from '../../../shared/runs'
import { pct } from './format'
import type { ArmReport, AttributeGroups } from './report-data'

const ok = (m: MeanStd | undefined): m is MeanStd => m !== undefined && m.n > 0 && Number.isFinite(m.mean)

/**
 * "With weighted-ce, accuracy for group F is 12.3 points below group M (worst group F: 58.6 %);
 * the equalized-odds gap is 0.26." Accuracies are the group means over the arm's jobs.
 */
export function fairnessSentence(arm: string, groups: AttributeGroups, fairness: ArmSummary['fairness'][number] | undefined): string {
  const eod = fairness?.eod
  const eodText = ok(eod) ? `the equalized-odds gap is ${eod.mean.toFixed(2)}` : 'the equalized-odds gap is undefined (a group lacks a class in every test fold)'
  const measured = groups.groups.filter((g) => ok(g.accuracy)).sort((a, b) => a.accuracy.mean - b.accuracy.mean)
  if (measured.length < 2) {
    const only = measured[0]
    return only
      ? `With ${arm}, only group ${only.group} of ${groups.attribute} has test samples, so no accuracy gap can be measured; ${eodText}.`
      : `With ${arm}, no group of ${groups.attribute} has test samples.`
  }
  const worst = measured[0]!
  const best = measured[measured.length - 1]!
  const gap = (best.accuracy.mean - worst.accuracy.mean) * 100
  const worstText = `${(worst.accuracy.mean * 100).toFixed(1)} %`
  if (gap < 0.05) return `With ${arm}, accuracy is the same for every group of ${groups.attribute} (${worstText}); ${eodText}.`
  const other = measured.length === 2 ? `group ${best.group}` : `the best group of ${groups.attribute}, ${best.group}`
  return `With ${arm}, accuracy for group ${worst.group} is ${gap.toFixed(1)} points below ${other} (worst group ${worst.group}: ${worstText}); ${eodText}.`
}

/** The arm with the highest mean of `pick`, or the lowest when `lowerIsBetter`; undefined when none has a value. */
export function bestArm(arms: readonly ArmReport[], pick: (a: ArmReport) => MeanStd | undefined, lowerIsBetter = false): ArmReport | undefined {
  let best: ArmReport | undefined
  let bestValue = 0
  for (const a of arms) {
    const m = pick(a)
    if (!ok(m)) continue
    const better = best === undefined || (lowerIsBetter ? m.mean < bestValue : m.mean > bestValue)
    if (better) {
      best = a
      bestValue = m.mean
    }
  }
  return best
}

/** Three to five short sentences for the first page. */
export function keyFindings(arms: readonly ArmReport[], attributes: readonly string[]): string[] {
  const out: string[] = []
  const bacc = bestArm(arms, (a) => a.summary.metrics.balancedAccuracy)
  if (bacc) out.push(`Highest balanced accuracy: ${bacc.arm} (${pct(bacc.summary.metrics.balancedAccuracy)} %).`)
  const mf1 = bestArm(arms, (a) => a.summary.metrics.macroF1)
  if (mf1) out.push(`Highest macro F1: ${mf1.arm} (${pct(mf1.summary.metrics.macroF1)} %).`)
  for (const attribute of attributes) {
    const fair = (a: ArmReport) => a.summary.fairness.find((f) => f.attribute === attribute)
    const eod = bestArm(arms, (a) => fair(a)?.eod, true)
    if (eod) out.push(`Smallest equalized-odds gap by ${attribute}: ${eod.arm} (${fair(eod)!.eod.mean.toFixed(2)}).`)
    const worst = bestArm(arms, (a) => fair(a)?.worstGroupAccuracy)
    if (worst) out.push(`Best worst-group accuracy by ${attribute}: ${worst.arm} (${pct(fair(worst)!.worstGroupAccuracy)} %).`)
  }
  return out
}
