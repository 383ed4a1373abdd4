/**
 * MultiFair's per-batch statistics as plain numbers (never part of the graph, methods.md §1.4):
 * batch AUC, modality coefficients coeff_m, the pairwise-logistic surrogate AUC, the EMA group
 * statistics E_{m,g}, the group factors F_m and the fused-head priority flag. Formulas from
 * Zubair063/MultiFair (implementation/FairVision/multiFair_FairVision.py, multifair_models.py),
 * methods.md §3.3.
 *
 * Multiclass rule (the reference is binary, P(class 1)): AUC and surrogate AUC are the means over
 * classes c of the one-vs-rest values on P(c) (over the classes where both sides exist). For C = 2
 * only class 1 is used; class 0's one-vs-rest value is identical, so nothing changes.
 */

/** The classes whose one-vs-rest scores are averaged: [1] for binary, all for multiclass. */
const scoredClasses = (C: number): number[] => (C === 2 ? [1] : Array.from({ length: C }, (_, c) => c))

/** Trapezoidal ROC AUC of scores for positives vs negatives (ties count ½), null if a side is empty. */
export function binaryAuc(scores: readonly number[], positive: readonly boolean[]): number | null {
  let nPos = 0
  for (const p of positive) if (p) nPos++
  const nNeg = positive.length - nPos
  if (nPos === 0 || nNeg === 0) return null
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => a.s - b.s)
  // Mann–Whitney with mid-ranks for ties.
  let rankSumPos = 0
  for (let k = 0; k < order.length; ) {
    let j = k
    while (j + 1 < order.length && order[j + 1]!.s === order[k]!.s) j++
    const midRank = (k + j) / 2 + 1
    for (let t = k; t <= j; t++) if (positive[order[t]!.i]) rankSumPos += midRank
    k = j + 1
  }
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg)
}

/**
 * Batch AUC of probabilities `probs` (n × C row-major) on `rows` (default all): binary P(class 1),
 * multiclass macro one-vs-rest. null when no class has both positives and negatives.
 */
export function batchAuc(probs: ArrayLike<number>, y: ArrayLike<number>, C: number, rows?: readonly number[]): number | null {
  const idx = rows ?? Array.from({ length: y.length }, (_, i) => i)
  const values: number[] = []
  for (const c of scoredClasses(C)) {
    const a = binaryAuc(
      idx.map((i) => probs[i * C + c] as number),
      idx.map((i) => y[i] === c),
    )
    if (a !== null) values.push(a)
  }
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length
}

/**
 * Pairwise logistic surrogate AUC: 1 − mean_{i∈pos, j∈neg} log(1 + exp(−(p_i − p_j)))
 * (MultiFair `pairwise_logistic_surrogate_auc`). Multiclass: mean over one-vs-rest classes.
 * @returns null when no class has both sides among `rows`
 */
export function surrogateAuc(probs: ArrayLike<number>, y: ArrayLike<number>, C: number, rows: readonly number[]): number | null {
  const values: number[] = []
  for (const c of scoredClasses(C)) {
    const pos = rows.filter((i) => y[i] === c).map((i) => probs[i * C + c] as number)
    const neg = rows.filter((i) => y[i] !== c).map((i) => probs[i * C + c] as number)
    if (pos.length === 0 || neg.length === 0) continue
    let sum = 0
    for (const p of pos) for (const q of neg) sum += Math.log1p(Math.exp(-(p - q)))
    values.push(1 - sum / (pos.length * neg.length))
  }
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length
}

/**
 * Modality coefficients from the AUC changes Δ_m, exactly as the reference code:
 *   S = Σ_k |Δ_k| + 1e-8,  coeff_m = (S − |Δ_m|) / S
 * (the 1e-8 sits in the numerator too, so all Δ = 0 gives coeff = 1, not 0 as the formula in
 * methods.md §3.3 would). M = 2: coeff_1 = (|Δ_2| + 1e-8)/(|Δ_1| + |Δ_2| + 1e-8).
 * `normalise` (paper-intent) divides by M − 1 so that Σ_m coeff_m = 1 for any M (M = 2 unchanged).
 * M = 1 gives [1] (nothing to balance).
 */
export function modalityCoefficients(delta: readonly number[], normalise = false): number[] {
  const M = delta.length
  if (M < 2) return delta.map(() => 1)
  const S = delta.reduce((s, d) => s + Math.abs(d), 0) + 1e-8
  return delta.map((d) => (S - Math.abs(d)) / S / (normalise ? M - 1 : 1))
}

/**
 * Group factor of one modality: F_m = Σ_g π_g f_{m,g}, f_{m,g} = 1 + β (avg_m − E_{m,g}) / max(1e-4, τ),
 * avg_m = mean_g E_{m,g}, π_g = n_g / Σ_g n_g over the batch's known rows (all π = 0 when none,
 * as the reference's division by 1).
 */
export function groupFactor(ema: readonly number[], counts: readonly number[], beta: number, tau: number): number {
  const avg = ema.reduce((s, e) => s + e, 0) / ema.length
  const total = counts.reduce((s, n) => s + n, 0) || 1
  return ema.reduce((s, e, g) => s + ((counts[g] ?? 0) / total) * (1 + (beta * (avg - e)) / Math.max(1e-4, tau)), 0)
}

/** gap = mean over modalities and groups of |E_{m,g} − avg_m| (the reference's `fairness_gap`). */
export function emaGap(ema: readonly (readonly number[])[]): number {
  let sum = 0
  let n = 0
  for (const row of ema) {
    const avg = row.reduce((s, e) => s + e, 0) / row.length
    for (const e of row) {
      sum += Math.abs(e - avg)
      n++
    }
  }
  return n > 0 ? sum / n : 0
}

/**
 * Fused-head batch AUC per group, for the priority flag: groups with ≤ 1 row are left out (null);
 * a group with one class gets 0.5 (`faithful`, as the reference) or null (paper-intent).
 */
export function fusedGroupAucs(probs: ArrayLike<number>, y: ArrayLike<number>, C: number, rowsByGroup: readonly number[][], faithful: boolean): (number | null)[] {
  return rowsByGroup.map((rows) => {
    if (rows.length <= 1) return null
    const a = batchAuc(probs, y, C, rows)
    return a ?? (faithful ? 0.5 : null)
  })
}

/** max − min of the defined group AUCs; null with fewer than two. */
export function aucSpread(aucs: readonly (number | null)[]): number | null {
  const d = aucs.filter((a): a is number => a !== null)
  return d.length < 2 ? null : Math.max(...d) - Math.min(...d)
}
