/**
 * ROC AUC and ROC curves, equal to scikit-learn's `roc_auc_score` / `roc_curve`.
 *
 * The area under the trapezoidal ROC curve equals the Mann–Whitney statistic with ties counted
 * half: AUC = P(s⁺ > s⁻) + ½·P(s⁺ = s⁻) over all (positive, negative) pairs. `binaryAuc` computes
 * that directly (one sort, tied scores grouped), so it needs no curve and no float summation of
 * trapezoids; `rocCurve` builds the curve for charts.
 */

/** Scores must be comparable: NaN would make the sort order meaningless (scikit-learn raises too). */
function assertNoNaN(scores: ArrayLike<number>): void {
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) throw new RangeError(`ROC AUC: score ${i} is NaN`)
  }
}

/** Indices 0..n-1 sorted by score, ascending (stable). */
function ascendingOrder(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  return order.sort((a, b) => (scores[a] as number) - (scores[b] as number) || a - b)
}

/**
 * ROC AUC of `scores` for the binary labels `yBinary` (non-zero = positive), ties counted half,
 * exactly scikit-learn's `roc_auc_score(y, s)` for binary y.
 *
 * @returns null when the AUC is undefined: no positive or no negative sample.
 * @example binaryAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75 (scikit-learn docs)
 */
export function binaryAuc(yBinary: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  assertNoNaN(scores)
  const order = ascendingOrder(scores)
  let positives = 0
  for (let i = 0; i < yBinary.length; i++) if (yBinary[i] !== 0) positives++
  const negatives = yBinary.length - positives
  if (positives === 0 || negatives === 0) return null
  // Walk tied groups in ascending score: each positive beats every negative below its group and
  // ties with each negative inside it.
  let negativesBelow = 0
  let wins = 0
  for (let i = 0; i < order.length; ) {
    const s = scores[order[i]!] as number
    let pos = 0
    let neg = 0
    let j = i
    for (; j < order.length && scores[order[j]!] === s; j++) {
      if (yBinary[order[j]!] !== 0) pos++
      else neg++
    }
    wins += pos * (negativesBelow + neg / 2)
    negativesBelow += neg
    i = j
  }
  return wins / (positives * negatives)
}

/**
 * One-vs-rest ROC AUC of every class: class c's AUC scores column c of the n × C row-major
 * `probs` against the labels `yTrue === c`; null where class c has no positive or no negative.
 */
export function oneVsRestAucs(yTrue: ArrayLike<number>, probs: ArrayLike<number>, numClasses: number): (number | null)[] {
  const n = yTrue.length
  const y = new Uint8Array(n)
  const s = new Float64Array(n)
  const out: (number | null)[] = []
  for (let c = 0; c < numClasses; c++) {
    for (let i = 0; i < n; i++) {
      y[i] = yTrue[i] === c ? 1 : 0
      s[i] = probs[i * numClasses + c] as number
    }
    out.push(binaryAuc(y, s))
  }
  return out
}

/**
 * ROC AUC of an n × C row-major probability matrix.
 *
 * - C = 2: binary AUC of P(class 1) (column 1), as `roc_auc_score(y, p[:, 1])`.
 * - C > 2: macro one-vs-rest, the unweighted mean of `oneVsRestAucs` over the classes where it is
 *   defined, i.e. the classes present in `yTrue` that do not make up all of it. When every class
 *   is present this is scikit-learn's `roc_auc_score(y, p, multi_class='ovr', average='macro')`
 *   (and the Harvard/FairCLIP `roc_auc_score(one_hot(y), p, average='macro')`); scikit-learn
 *   refuses a yTrue that lacks a class, we average over the classes it has.
 *
 * @returns null when undefined: fewer than two classes present in `yTrue`.
 */
export function rocAuc(yTrue: ArrayLike<number>, probs: ArrayLike<number>, numClasses: number): number | null {
  if (numClasses === 2) {
    const n = yTrue.length
    const s = new Float64Array(n)
    for (let i = 0; i < n; i++) s[i] = probs[i * 2 + 1] as number
    return binaryAuc(yTrue, s)
  }
  const defined = oneVsRestAucs(yTrue, probs, numClasses).filter((a): a is number => a !== null)
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length
}

export interface RocCurve {
  /** False positive rate per threshold, non-decreasing from 0 to 1. */
  fpr: number[]
  /** True positive rate per threshold, non-decreasing from 0 to 1. */
  tpr: number[]
  /** Decreasing; `score >= threshold` is predicted positive. The first is +Infinity (the (0, 0) point). */
  thresholds: number[]
}

/**
 * ROC curve points, as scikit-learn's `roc_curve(y, scores)` (≥ 1.3, so the first threshold is
 * +Infinity): one point per distinct score, highest first, after a leading (0, 0); with
 * `dropIntermediate` (default true, like scikit-learn) a point is dropped when the steps before
 * and after it are identical (it lies inside a straight run of equal steps). The trapezoidal area
 * under the points equals `binaryAuc`.
 *
 * @returns null when undefined (no positive or no negative sample).
 * @example rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
 * // fpr [0, 0, 0.5, 0.5, 1], tpr [0, 0.5, 0.5, 1, 1], thresholds [Infinity, 0.8, 0.4, 0.35, 0.1]
 */
export function rocCurve(yBinary: ArrayLike<number>, scores: ArrayLike<number>, options: { dropIntermediate?: boolean } = {}): RocCurve | null {
  assertNoNaN(scores)
  const order = ascendingOrder(scores).reverse()
  // Cumulative true/false positives at the last index of each distinct score (highest first).
  let tps: number[] = []
  let fps: number[] = []
  let thresholds: number[] = []
  let tp = 0
  let fp = 0
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!
    if (yBinary[i] !== 0) tp++
    else fp++
    const next = order[k + 1]
    if (next === undefined || scores[next] !== scores[i]) {
      tps.push(tp)
      fps.push(fp)
      thresholds.push(scores[i] as number)
    }
  }
  if (tp === 0 || fp === 0) return null
  if ((options.dropIntermediate ?? true) && tps.length > 2) {
    const keep: number[] = [0]
    for (let k = 1; k < tps.length - 1; k++) {
      const curveFp = fps[k - 1]! - 2 * fps[k]! + fps[k + 1]!
      const curveTp = tps[k - 1]! - 2 * tps[k]! + tps[k + 1]!
      if (curveFp !== 0 || curveTp !== 0) keep.push(k)
    }
    keep.push(tps.length - 1)
    tps = keep.map((k) => tps[k]!)
    fps = keep.map((k) => fps[k]!)
    thresholds = keep.map((k) => thresholds[k]!)
  }
  return {
    fpr: [0, ...fps.map((v) => v / fp)],
    tpr: [0, ...tps.map((v) => v / tp)],
    thresholds: [Infinity, ...thresholds],
  }
}

/** Trapezoidal area under (x, y) points given in non-decreasing x (scikit-learn's `auc`). */
export function trapezoidArea(x: readonly number[], y: readonly number[]): number {
  let area = 0
  for (let k = 1; k < x.length; k++) area += ((x[k]! - x[k - 1]!) * (y[k]! + y[k - 1]!)) / 2
  return area
}
