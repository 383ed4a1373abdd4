/** Wilcoxon signed-rank test on paired differences (two-sided), exact or normal approximation. */
import { normalSf } from './distributions'
import { averageRanks } from './ranks'

export interface WilcoxonResult {
  /** min(R+, R−), as scipy.stats.wilcoxon reports for the two-sided test. */
  statistic: number
  /** Two-sided p-value. */
  p: number
  /** 'exact': null distribution enumerated; 'normal': normal approximation with tie and continuity correction. */
  method: 'exact' | 'normal'
  /** Non-zero differences used. */
  n: number
  /** Zero differences dropped. */
  zeros: number
  /** Sum of the ranks of the positive / negative differences. */
  rPlus: number
  rMinus: number
}

/** Largest n (after dropping zeros) for which the exact distribution is used when there are no ties. */
export const WILCOXON_EXACT_MAX_N = 25

/**
 * Null distribution of R+ for n untied ranks: the number of subsets of {1..n} with each sum s,
 * divided by 2ⁿ (Wilcoxon 1945; computed by the subset-sum recursion, exact in doubles for n ≤ 50).
 */
function exactDistribution(n: number): Float64Array {
  const max = (n * (n + 1)) / 2
  const counts = new Float64Array(max + 1)
  counts[0] = 1
  for (let r = 1; r <= n; r++) for (let s = max; s >= r; s--) counts[s]! += counts[s - r]!
  const total = 2 ** n
  for (let s = 0; s <= max; s++) counts[s]! /= total
  return counts
}

/**
 * Two-sided Wilcoxon signed-rank test of H0 "differences symmetric about 0".
 * Zero differences (|d| ≤ `tolerance`) are dropped first (scipy's zero_method='wilcox'); the
 * remaining |d| are ranked with ties averaged (|d| within `tolerance` tie).
 * - Exact (n ≤ 25, no ties): p = min(1, 2 · min(P(R+ ≤ r), P(R+ ≥ r))), r the observed R+
 *   (p = 1 at the centre of the distribution), as scipy.stats.wilcoxon(method='exact').
 * - Normal otherwise: T = min(R+, R−), μ = n(n+1)/4, σ² = [n(n+1)(2n+1) − ½ Σ(t³ − t)]/24 over tie
 *   groups of size t, z = (T − μ − ½·sign(T − μ))/σ (continuity correction toward μ), p = 2 P(Z ≥ |z|), as
 *   scipy.stats.wilcoxon(method='approx', correction=True).
 * No non-zero difference at all gives statistic 0, p = 1.
 * Sources: Wilcoxon (1945), Biometrics Bulletin 1(6):80–83; Hollander, Wolfe & Chicken,
 * Nonparametric Statistical Methods (3rd ed., 2014) §3.1 (tie correction, continuity correction).
 */
export function wilcoxonSignedRank(differences: readonly number[], opts: { tolerance?: number } = {}): WilcoxonResult {
  const tol = opts.tolerance ?? 0
  const d = differences.filter((x) => Math.abs(x) > tol)
  const zeros = differences.length - d.length
  const n = d.length
  if (n === 0) return { statistic: 0, p: 1, method: 'exact', n: 0, zeros, rPlus: 0, rMinus: 0 }
  const { ranks, tieGroups } = averageRanks(
    d.map((x) => Math.abs(x)),
    tol,
  )
  let rPlus = 0
  let rMinus = 0
  d.forEach((x, i) => {
    if (x > 0) rPlus += ranks[i]!
    else rMinus += ranks[i]!
  })
  const statistic = Math.min(rPlus, rMinus)
  const ties = tieGroups.some((t) => t > 1)
  if (n <= WILCOXON_EXACT_MAX_N && !ties) {
    const pmf = exactDistribution(n)
    const r = Math.round(rPlus)
    const max = pmf.length - 1
    if (2 * r === max) return { statistic, p: 1, method: 'exact', n, zeros, rPlus, rMinus }
    let below = 0
    for (let s = 0; s <= r; s++) below += pmf[s]!
    let above = 0
    for (let s = r; s <= max; s++) above += pmf[s]!
    return { statistic, p: Math.min(1, 2 * Math.min(below, above)), method: 'exact', n, zeros, rPlus, rMinus }
  }
  const mu = (n * (n + 1)) / 4
  let variance = n * (n + 1) * (2 * n + 1)
  for (const t of tieGroups) variance -= 0.5 * (t * t * t - t)
  const sigma = Math.sqrt(variance / 24)
  const z = (statistic - mu - 0.5 * Math.sign(statistic - mu)) / sigma
  return { statistic, p: Math.min(1, 2 * normalSf(Math.abs(z))), method: 'normal', n, zeros, rPlus, rMinus }
}
