/**
 * Group fairness for one sensitive attribute: per-group accuracy, AUC, TPR, FPR and selection
 * rate; equity-scaled AUC/accuracy; demographic parity and equalized odds differences;
 * worst-group accuracy.
 *
 * Conventions (printed in reports, keep in sync with shared/docs/methods.md §1.2):
 * - **Unknown values** (-1) are excluded from every number here and counted in `excluded`. The
 *   "overall" AUC/accuracy inside ES-AUC/ES-ACC are computed on the same known-value samples,
 *   so they equal the headline metrics only when nothing is unknown (the Harvard code drops
 *   unknown-attribute samples from its evaluation sets altogether).
 * - **Groups** are the groups with at least one (known) sample in the evaluated set; empty groups
 *   are not listed and do not enter any sum, max or min.
 * - **Prediction** is the argmax of the probabilities (ties → lowest index). Binary (C = 2):
 *   positive = class 1; for a normalised row the argmax is the Harvard / MultiFair 1[p₁ ≥ 0.5]
 *   except at an exact tie p₁ = 0.5, which the argmax gives to class 0.
 * - **ES-AUC** = AUC / (1 + Σ_g |AUC_g − AUC|), **ES-ACC** = ACC / (1 + Σ_g |ACC_g − ACC|): the
 *   Harvard FairCLIP `equity_scaled_AUC` / `equity_scaled_accuracy` with alpha = 1, a sum (not a
 *   mean) over groups. A group whose AUC is undefined (one class only) is left out of the ES-AUC
 *   sum, as MultiFair's fair_metrics.py does; if no group AUC is defined the sum is empty and
 *   ES-AUC = AUC. ES-AUC is null when the overall AUC is undefined.
 * - **DPD** = max_g SR_g − min_g SR_g, SR_g = P(ŷ = 1 | A = g): fairlearn
 *   `demographic_parity_difference` (method 'between_groups').
 * - **EOD** = max(TPR gap, FPR gap), each gap max_g − min_g: fairlearn `equalized_odds_difference`
 *   (method 'between_groups', agg 'worst_case'); `equalizedOddsDifference` also offers agg 'mean'
 *   (the mean of the two gaps). A group with no positives has no TPR (no negatives: no FPR) and is
 *   left out of that gap. fairlearn instead counts such a rate as 0 (scikit-learn's
 *   `confusion_matrix(normalize='true')` maps 0/0 to 0), which inflates the gap for small groups;
 *   `undefinedRates: 'zero'` reproduces that. With every group holding both labels the two agree.
 * - **Multiclass** (C > 2): one-vs-rest per class c (ŷ = c vs not, y = c vs not). A group's TPR,
 *   FPR and selection rate are the macro averages over classes of its one-vs-rest rates (TPR/FPR
 *   over the classes where they are defined in that group; the group TPR is then its balanced
 *   accuracy, and the macro selection rate is always 1/C, shown only for a uniform shape).
 *   DPD is the mean over all C classes of the per-class DPD; EOD the mean over classes of the
 *   per-class EOD (classes whose EOD is undefined left out). This is the rule of the Harvard
 *   `multiclass_demographic_parity` / `multiclass_equalized_odds`, with one difference: that code
 *   passes the one-hot *predictions* as fairlearn's y_true and the labels as y_pred, so its
 *   multiclass DPD measures the labels' group disparity; here the predictions are the predictions.
 *   For C = 2 the per-class mean gives the binary numbers (class 0's gaps mirror class 1's).
 * - **Group AUC**: binary or macro one-vs-rest (`rocAuc`) on the group's samples; null when the
 *   group holds a single class.
 * - **Gaps**: `tprGap`/`fprGap` = max_g − min_g of the group TPR/FPR (multiclass: mean over classes
 *   of the one-vs-rest gaps, as EOD); `eodMean` = fairlearn agg 'mean'; `accuracyGap`, `aucGap`,
 *   `sensitivityGap` = max_g − min_g of those group values (undefined groups left out).
 * - **Sensitivity at specificity** (clinical operating point, default 0.9): read off each group's own
 *   ROC curve (`operating-point.ts`); multiclass: macro one-vs-rest.
 */
import type { FairnessMetrics, GroupMetrics } from '../../shared/metrics'
import { rocAuc } from './auc'
import { accuracy, argmaxRows } from './classification'
import { sensitivityAtSpecificityProbs } from './operating-point'

export type EodAggregation = 'worst_case' | 'mean'
/** How a rate with an empty denominator (TPR of a group without positives…) enters a gap. */
export type UndefinedRates = 'exclude' | 'zero'

/** Per present group and class: sample count, true count (support), predicted count, true positives. */
interface RateTable {
  /** Present group codes, ascending. */
  groups: number[]
  count: number[]
  support: number[][]
  predicted: number[][]
  truePositive: number[][]
}

function rateTable(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, groupCodes: ArrayLike<number>, numClasses: number): RateTable {
  let numGroups = 0
  for (let i = 0; i < groupCodes.length; i++) numGroups = Math.max(numGroups, (groupCodes[i] as number) + 1)
  const zeros = () => Array.from({ length: numGroups }, () => new Array<number>(numClasses).fill(0))
  const count = new Array<number>(numGroups).fill(0)
  const support = zeros()
  const predicted = zeros()
  const truePositive = zeros()
  for (let i = 0; i < groupCodes.length; i++) {
    const g = groupCodes[i] as number
    if (g < 0) continue
    const y = yTrue[i] as number
    const p = yPred[i] as number
    count[g]!++
    support[g]![y]!++
    predicted[g]![p]!++
    if (y === p) truePositive[g]![y]!++
  }
  const groups = count.flatMap((c, g) => (c > 0 ? [g] : []))
  return { groups, count, support, predicted, truePositive }
}

/** The classes whose one-vs-rest rates define the metrics: [1] for binary, all for multiclass. */
const positiveClasses = (numClasses: number): number[] => (numClasses === 2 ? [1] : Array.from({ length: numClasses }, (_, c) => c))

function selectionRate(t: RateTable, g: number, c: number): number {
  return t.predicted[g]![c]! / t.count[g]!
}
function truePositiveRate(t: RateTable, g: number, c: number): number | null {
  const pos = t.support[g]![c]!
  return pos > 0 ? t.truePositive[g]![c]! / pos : null
}
function falsePositiveRate(t: RateTable, g: number, c: number): number | null {
  const neg = t.count[g]! - t.support[g]![c]!
  return neg > 0 ? (t.predicted[g]![c]! - t.truePositive[g]![c]!) / neg : null
}

/** max − min of the defined values; null if none is defined. */
function gap(values: (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null)
  return defined.length === 0 ? null : Math.max(...defined) - Math.min(...defined)
}

function mean(values: (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null)
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length
}

/**
 * Demographic parity difference over the groups in `groupCodes` (negative codes = unknown,
 * ignored): binary max_g − min_g of P(ŷ = 1 | g); multiclass the mean over classes of the
 * one-vs-rest differences (module docblock). NaN when no sample has a known group.
 */
export function demographicParityDifference(yPred: ArrayLike<number>, groupCodes: ArrayLike<number>, numClasses: number): number {
  const t = rateTable(yPred, yPred, groupCodes, numClasses)
  if (t.groups.length === 0) return NaN
  const perClass = positiveClasses(numClasses).map((c) => gap(t.groups.map((g) => selectionRate(t, g, c)))!)
  return perClass.reduce((a, b) => a + b, 0) / perClass.length
}

/**
 * Equalized odds difference: per positive class, the TPR gap and FPR gap between groups
 * (max_g − min_g), combined by `agg` ('worst_case' = the larger, fairlearn's default; 'mean' =
 * their mean); multiclass takes the mean over classes. Rates with an empty denominator are left
 * out (`undefinedRates: 'exclude'`, default) or counted as 0 like fairlearn (`'zero'`).
 *
 * @returns null when no gap is defined (e.g. no known group).
 */
export function equalizedOddsDifference(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  groupCodes: ArrayLike<number>,
  numClasses: number,
  options: { agg?: EodAggregation; undefinedRates?: UndefinedRates } = {},
): number | null {
  const agg = options.agg ?? 'worst_case'
  const orZero = (r: number | null): number | null => (r === null && options.undefinedRates === 'zero' ? 0 : r)
  const t = rateTable(yTrue, yPred, groupCodes, numClasses)
  const perClass = positiveClasses(numClasses).map((c) => {
    const gaps = [gap(t.groups.map((g) => orZero(truePositiveRate(t, g, c)))), gap(t.groups.map((g) => orZero(falsePositiveRate(t, g, c))))]
    if (agg === 'mean') return mean(gaps)
    const defined = gaps.filter((v): v is number => v !== null)
    return defined.length === 0 ? null : Math.max(...defined)
  })
  return mean(perClass)
}

/** Equity scaling (Harvard FairCLIP, alpha = 1): overall / (1 + Σ_g |group_g − overall|). */
export function equityScaled(overall: number, groupValues: readonly number[]): number {
  let deviation = 0
  for (const v of groupValues) deviation += Math.abs(v - overall)
  return overall / (1 + deviation)
}

/** Default clinical operating point: sensitivity is read at 90 % specificity. */
export const DEFAULT_OPERATING_SPECIFICITY = 0.9

export interface FairnessInput {
  /** Specificity at which each group's sensitivity is read (default 0.9). */
  operatingSpecificity?: number
  /** Class index per sample. */
  yTrue: ArrayLike<number>
  /** n × C row-major probabilities. */
  probs: ArrayLike<number>
  numClasses: number
  /** Argmax predictions when already computed (must equal `argmaxRows(probs, numClasses)`). */
  yPred?: ArrayLike<number>
  attribute: { name: string; groups: string[]; values: ArrayLike<number> }
}

/** Rows of the samples selected by `keep`, with their labels, predictions and probability rows. */
function gather(input: FairnessInput, yPred: ArrayLike<number>, keep: (i: number) => boolean) {
  const C = input.numClasses
  const rows: number[] = []
  for (let i = 0; i < input.yTrue.length; i++) if (keep(i)) rows.push(i)
  const probs = new Float64Array(rows.length * C)
  rows.forEach((r, k) => {
    for (let c = 0; c < C; c++) probs[k * C + c] = input.probs[r * C + c] as number
  })
  return {
    yTrue: Int32Array.from(rows, (r) => input.yTrue[r] as number),
    yPred: Int32Array.from(rows, (r) => yPred[r] as number),
    probs,
  }
}

/**
 * All fairness metrics of one sensitive attribute (conventions in the module docblock).
 * With no known value at all: no groups, `esAcc`/`dpd`/`worstGroupAccuracy` NaN, `esAuc`/`eod` null.
 */
export function fairnessMetrics(input: FairnessInput): FairnessMetrics {
  const C = input.numClasses
  const { name, groups: groupNames, values } = input.attribute
  const yPred = input.yPred ?? argmaxRows(input.probs, C)
  const operatingPoint = input.operatingSpecificity ?? DEFAULT_OPERATING_SPECIFICITY
  let excluded = 0
  for (let i = 0; i < values.length; i++) if ((values[i] as number) < 0) excluded++

  const table = rateTable(input.yTrue, yPred, values, C)
  const classes = positiveClasses(C)
  const groups: GroupMetrics[] = table.groups.map((g) => {
    const sub = gather(input, yPred, (i) => values[i] === g)
    return {
      group: groupNames[g] ?? String(g),
      count: table.count[g]!,
      accuracy: accuracy(sub.yTrue, sub.yPred),
      auc: rocAuc(sub.yTrue, sub.probs, C),
      tpr: mean(classes.map((c) => truePositiveRate(table, g, c))),
      fpr: mean(classes.map((c) => falsePositiveRate(table, g, c))),
      selectionRate: mean(classes.map((c) => selectionRate(table, g, c)))!,
      sensitivityAtSpecificity: sensitivityAtSpecificityProbs(sub.yTrue, sub.probs, C, operatingPoint),
    }
  })

  const known = gather(input, yPred, (i) => (values[i] as number) >= 0)
  const overallAccuracy = known.yTrue.length > 0 ? accuracy(known.yTrue, known.yPred) : NaN
  const overallAuc = known.yTrue.length > 0 ? rocAuc(known.yTrue, known.probs, C) : null
  const groupAucs = groups.flatMap((m) => (m.auc === null ? [] : [m.auc]))
  return {
    attribute: name,
    groups,
    excluded,
    esAuc: overallAuc === null ? null : equityScaled(overallAuc, groupAucs),
    esAcc: equityScaled(overallAccuracy, groups.map((m) => m.accuracy)),
    dpd: demographicParityDifference(yPred, values, C),
    eod: equalizedOddsDifference(input.yTrue, yPred, values, C),
    worstGroupAccuracy: groups.length > 0 ? Math.min(...groups.map((m) => m.accuracy)) : NaN,
    eodMean: equalizedOddsDifference(input.yTrue, yPred, values, C, { agg: 'mean' }),
    ...rateGaps(table, classes),
    accuracyGap: groups.length > 0 ? gap(groups.map((m) => m.accuracy))! : NaN,
    aucGap: gap(groups.map((m) => m.auc)),
    operatingPoint,
    sensitivityGap: gap(groups.map((m) => m.sensitivityAtSpecificity ?? null)),
  }
}

/** The TPR and FPR gaps (the two halves of EOD), mean over the positive classes like EOD. */
function rateGaps(t: RateTable, classes: number[]): { tprGap: number | null; fprGap: number | null } {
  return {
    tprGap: mean(classes.map((c) => gap(t.groups.map((g) => truePositiveRate(t, g, c))))),
    fprGap: mean(classes.map((c) => gap(t.groups.map((g) => falsePositiveRate(t, g, c))))),
  }
}
