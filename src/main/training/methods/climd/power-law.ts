/**
 * The final imbalance degree of CLIMD's class-distribution-guided scheduler: the "improved power
 * law" MLE (Eq. 6) and the alternative least-squares rank fit (methods.md §2.4.6). Pure.
 */

/**
 * Class ranks by training frequency: rank 1 = the largest class (ties: lower class index first).
 * @returns rank (1-based) of each class index
 * @example classRanks([80, 92, 32, 305, 103]) // → [4, 3, 5, 1, 2]
 */
export function classRanks(counts: readonly number[]): number[] {
  const order = counts.map((n, c) => ({ n, c })).sort((a, b) => b.n - a.n || a.c - b.c)
  const ranks = new Array<number>(counts.length).fill(0)
  order.forEach(({ c }, k) => (ranks[c] = k + 1))
  return ranks
}

/**
 * Eq. 6 (CLIMD): α̂ = (1/γ) · (1 + C / (Σ_c ln n_c − C · ln n_min)).
 * Infinite when every class has the same size (the denominator is 0), large when nearly balanced.
 * @param counts training samples per class (all > 0)
 * @param gamma smoothing γ > 0 (paper: 0.3)
 * @example powerLawMle([305, 103, 92, 80, 32], 0.3) // → 6.42 (methods.md §2.4.5, BRCA)
 */
export function powerLawMle(counts: readonly number[], gamma: number): number {
  const C = counts.length
  const nMin = Math.min(...counts)
  const denom = counts.reduce((s, n) => s + Math.log(n), 0) - C * Math.log(nMin)
  return denom > 0 ? (1 + C / denom) / gamma : Infinity
}

/**
 * Least-squares slope s of ln n_(k) against ln k over the classes sorted by size (k = 1 largest),
 * returned as a positive exponent: n_(k) ≈ a · k^(−s). 0 for fewer than two classes.
 * @example rankFitExponent([305, 103, 92, 80, 32]) // → 1.19 (methods.md §2.4.6)
 */
export function rankFitExponent(counts: readonly number[]): number {
  const sorted = [...counts].sort((a, b) => b - a)
  if (sorted.length < 2) return 0
  const xs = sorted.map((_, k) => Math.log(k + 1))
  const ys = sorted.map((n) => Math.log(n))
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length
  const my = ys.reduce((s, v) => s + v, 0) / ys.length
  let sxy = 0
  let sxx = 0
  xs.forEach((x, k) => {
    sxy += (x - mx) * (ys[k]! - my)
    sxx += (x - mx) ** 2
  })
  return -sxy / sxx
}

/** Largest over smallest class size (∞ when a class is empty). */
export function imbalanceRatio(counts: readonly number[]): number {
  const min = Math.min(...counts)
  return min > 0 ? Math.max(...counts) / min : Infinity
}
