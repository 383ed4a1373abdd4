/**
 * CLIMD's class-distribution-guided training-sample scheduler (TSS), Eq. 7 and S_t = t/T · N, plus
 * the per-class allocation under supply limits (methods.md §2.3, §2.4.5). Pure.
 */

/** λ_t = (t − 1)/(T − 1) ∈ [0, 1] for t = 1..T (1 when T = 1). */
export function progress(t: number, T: number): number {
  return T <= 1 ? 1 : Math.min(1, Math.max(0, (t - 1) / (T - 1)))
}

/** α(t) = 1 + (α(T) − 1) · (t − 1)/(T − 1). */
export function alphaAt(t: number, T: number, alphaT: number): number {
  return 1 + (alphaT - 1) * progress(t, T)
}

/**
 * Eq. 7: q_t(c) = (1 − λ)/C + λ · rank_c^(−γα(t)) / Σ_i i^(−γα(t)), λ = (t − 1)/(T − 1).
 * @param ranks rank of each class (1 = largest, see `classRanks`)
 * @param exponent γ·α(t), the power-law exponent at epoch t
 * @returns target share per class index (sums to 1)
 * @example classShares(1, [1, 2, 3, 4, 5], 1.927) // → [0.668, 0.176, 0.080, 0.046, 0.030] (BRCA q_T)
 */
export function classShares(lambda: number, ranks: readonly number[], exponent: number): number[] {
  const C = ranks.length
  const z = ranks.reduce((s, _, i) => s + (i + 1) ** -exponent, 0)
  return ranks.map((r) => (1 - lambda) / C + (lambda * r ** -exponent) / z)
}

/** S_t = round(t/T · N), at least 1 and at most N. */
export function subsetSize(t: number, T: number, N: number): number {
  return Math.max(1, Math.min(N, Math.round((t / T) * N)))
}

export type Allocation = 'literal' | 'redistribute'

/**
 * Per-class sample counts for one epoch: s(c) = min(n_c, max(1, round(q(c) · S))) (`literal`).
 * `redistribute` then hands the shortfall S − Σ s to classes with spare samples in proportion to q
 * (largest remainders for the last units), and trims any rounding surplus, so Σ s = min(S, N): the
 * last epoch (S = N) uses every sample. Never exceeds a class's size.
 *
 * @param q target share per class (sums to 1)
 * @param S subset size of the epoch
 * @param counts available samples per class
 */
export function allocate(q: readonly number[], S: number, counts: readonly number[], mode: Allocation): number[] {
  const s = q.map((qc, c) => Math.min(counts[c]!, Math.max(counts[c]! > 0 ? 1 : 0, Math.round(qc * S))))
  if (mode === 'literal') return s
  const total = Math.min(S, counts.reduce((a, b) => a + b, 0))
  let sum = s.reduce((a, b) => a + b, 0)
  while (sum < total) {
    const open = s.map((v, c) => (v < counts[c]! ? c : -1)).filter((c) => c >= 0)
    const weight = open.reduce((a, c) => a + q[c]!, 0)
    const deficit = total - sum
    const want = open.map((c) => (weight > 0 ? (q[c]! / weight) * deficit : deficit / open.length))
    let given = 0
    open.forEach((c, k) => {
      const add = Math.min(counts[c]! - s[c]!, Math.floor(want[k]!))
      s[c]! += add
      given += add
    })
    if (given === 0) {
      // Largest remainder first: one unit to the open class that wanted most.
      const k = want.indexOf(Math.max(...want))
      s[open[k]!]! += 1
      given = 1
    }
    sum += given
  }
  while (sum > total) {
    // Rounding surplus: take one from the class furthest above its target (keeping at least 1).
    let best = -1
    s.forEach((v, c) => {
      if (v > 1 && (best < 0 || v - q[c]! * S > s[best]! - q[best]! * S)) best = c
    })
    if (best < 0) break
    s[best]! -= 1
    sum -= 1
  }
  return s
}
