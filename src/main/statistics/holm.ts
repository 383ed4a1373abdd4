/** Holm–Bonferroni step-down adjustment of a family of p-values. */

/**
 * Holm-adjusted p-values, in the input order: with the m finite p-values sorted ascending,
 * p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) · p_(j)). Rejecting H_i when p̃_i < α controls the
 * family-wise error rate at α. NaN entries (a test that could not be computed) stay NaN and do not
 * count in m. Sources: Holm (1979), Scand. J. Statist. 6:65–70; Wright (1992), Biometrics 48:1005–1013
 * (adjusted p-values); same as statsmodels multipletests(method='holm').
 * @example holm([0.016, 0.019, 0.607]) // [0.048, 0.048, 0.607] (Demšar 2006, §3.2.2 example)
 */
export function holm(pValues: number[]): number[] {
  const idx = pValues.map((_, i) => i).filter((i) => Number.isFinite(pValues[i]))
  idx.sort((a, b) => pValues[a]! - pValues[b]! || a - b)
  const m = idx.length
  const out = pValues.map(() => NaN)
  let running = 0
  idx.forEach((i, j) => {
    running = Math.max(running, Math.min(1, (m - j) * pValues[i]!))
    out[i] = running
  })
  return out
}
