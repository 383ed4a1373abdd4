/**
 * Percentile bootstrap confidence intervals for every group metric and gap of one attribute, on one
 * job's test predictions.
 *
 * Rule (printed with the numbers): B replicates; each replicate resamples the test samples with
 * replacement **within each group** of the attribute (unknown-value samples are left out, as in
 * the metrics), so every group keeps its size and stays present; all metrics of `fairnessMetrics`
 * are recomputed on the replicate; the interval is the (α/2, 1 − α/2) percentile pair (linear
 * interpolation between order statistics, numpy's default) over the replicates where the value is
 * defined; null when fewer than half the replicates define it. Seeded: the same seed gives the
 * same intervals.
 *
 * Caveat: statistics built on absolute deviations or extremes (ES-AUC, ES-ACC, the max − min gaps,
 * EOD, DPD) are biased on bootstrap resamples (resampling noise inflates |group − overall| and
 * max − min), so their percentile intervals sit low for ES-* and high for the gaps, and may even
 * exclude the point estimate; compare arms with the across-job statistics instead.
 */
import type { FairnessMetrics, GapCiMetric, GroupCiMetric } from '../../shared/metrics'
import { createRng } from '../util/rng'
import { argmaxRows } from './classification'
import { fairnessMetrics, type FairnessInput } from './fairness'

export interface BootstrapOptions {
  replicates: number
  seed: number
  /** Confidence level, default 0.95. */
  level?: number
}

const GROUP_METRICS: readonly GroupCiMetric[] = ['accuracy', 'auc', 'tpr', 'fpr', 'selectionRate', 'sensitivityAtSpecificity']
const GAP_METRICS: readonly GapCiMetric[] = ['esAuc', 'esAcc', 'dpd', 'eod', 'eodMean', 'tprGap', 'fprGap', 'accuracyGap', 'aucGap', 'worstGroupAccuracy', 'sensitivityGap']

export const BOOTSTRAP_RULE =
  'percentile bootstrap over the test samples of one job, resampled with replacement within each group (unknown values left out); null when fewer than half the replicates define the value'

/** The q-quantile (0..1) of sorted values, numpy 'linear' interpolation. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}

function interval(values: number[], replicates: number, level: number): [number, number] | null {
  if (values.length === 0 || values.length * 2 < replicates) return null
  values.sort((a, b) => a - b)
  const a = (1 - level) / 2
  return [quantileSorted(values, a), quantileSorted(values, 1 - a)]
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

/**
 * `point` (the metrics on all test samples) with `ci` filled in on the attribute and on every
 * group, and `bootstrap` describing how. Returns `point` unchanged when `replicates` is 0.
 */
export function withBootstrapCi(input: FairnessInput, point: FairnessMetrics, options: BootstrapOptions): FairnessMetrics {
  const B = options.replicates
  if (B <= 0) return point
  const level = options.level ?? 0.95
  const C = input.numClasses
  const yPred = input.yPred ?? argmaxRows(input.probs, C)
  const values = input.attribute.values
  const members = new Map<number, number[]>()
  for (let i = 0; i < values.length; i++) {
    const g = values[i] as number
    if (g < 0) continue
    let list = members.get(g)
    if (!list) members.set(g, (list = []))
    list.push(i)
  }
  const n = [...members.values()].reduce((s, l) => s + l.length, 0)
  const rng = createRng(options.seed)
  const gapSamples = new Map<GapCiMetric, number[]>(GAP_METRICS.map((m) => [m, []]))
  const groupSamples = new Map<string, Map<GroupCiMetric, number[]>>(point.groups.map((g) => [g.group, new Map(GROUP_METRICS.map((m) => [m, []]))]))

  const yTrue = new Int32Array(n)
  const pred = new Int32Array(n)
  const groupCodes = new Int32Array(n)
  const probs = new Float64Array(n * C)
  for (let b = 0; b < B; b++) {
    let k = 0
    for (const [g, rows] of members) {
      for (let j = 0; j < rows.length; j++) {
        const r = rows[rng.int(rows.length)]!
        yTrue[k] = input.yTrue[r] as number
        pred[k] = yPred[r] as number
        groupCodes[k] = g
        for (let c = 0; c < C; c++) probs[k * C + c] = input.probs[r * C + c] as number
        k++
      }
    }
    const m = fairnessMetrics({
      yTrue,
      probs,
      numClasses: C,
      yPred: pred,
      attribute: { ...input.attribute, values: groupCodes },
      ...(input.operatingSpecificity !== undefined ? { operatingSpecificity: input.operatingSpecificity } : {}),
    })
    for (const metric of GAP_METRICS) {
      const v = num(m[metric])
      if (v !== null) gapSamples.get(metric)!.push(v)
    }
    for (const gm of m.groups) {
      const bucket = groupSamples.get(gm.group)
      if (!bucket) continue
      for (const metric of GROUP_METRICS) {
        const v = num(gm[metric])
        if (v !== null) bucket.get(metric)!.push(v)
      }
    }
  }
  return {
    ...point,
    ci: Object.fromEntries(GAP_METRICS.map((metric) => [metric, interval(gapSamples.get(metric)!, B, level)])),
    groups: point.groups.map((g) => {
      const bucket = groupSamples.get(g.group)!
      return { ...g, ci: Object.fromEntries(GROUP_METRICS.map((metric) => [metric, interval(bucket.get(metric)!, B, level)])) }
    }),
    bootstrap: { replicates: B, level, seed: options.seed, rule: BOOTSTRAP_RULE },
  }
}
